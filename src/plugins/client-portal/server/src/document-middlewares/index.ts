import type { Core } from '@strapi/strapi';
import { UID } from '../constants';
import { normalizeEmailField } from '../utils/email';
import { isUniqueViolation } from '../utils/db-errors';
import { getService } from '../utils';
import { problem, type ErrorCode, type FieldError } from '../errors';
import { pairKey } from '../rules/keys';


/** Types whose `email` is copied, normalized, into `emailNormalized`. */
export const EMAIL_TYPES = new Set<string>([UID.contact, UID.invitation, UID.user]);

/**
 * The same rule for writes that bypass the Document Service (imports, `strapi.db.query`): database lifecycles,
 * subscribed once in bootstrap. Idempotent, so running after the middleware changes nothing.
 */
export const subscribeEmailNormalization = (strapi: Core.Strapi) => {
  strapi.db.lifecycles.subscribe({
    models: [...EMAIL_TYPES],
    beforeCreate: (event: any) => normalizeEmailField(event.params?.data),
    beforeUpdate: (event: any) => normalizeEmailField(event.params?.data),
    beforeCreateMany: (event: any) => (Array.isArray(event.params?.data) ? event.params.data : [event.params?.data]).forEach(normalizeEmailField),
    beforeUpdateMany: (event: any) => normalizeEmailField(event.params?.data),
  } as any);
};

/**
 * Keys kept in unique columns so the database itself enforces "one deal per contact and property"
 * and "one portal account per contact", whichever API wrote the relation.
 */
const DERIVED_KEYS: Record<string, { populate: string[]; compute: (doc: any) => string | null; column: string; conflict: ErrorCode }> = {
  [UID.deal]: {
    populate: ['contact', 'property'],
    column: 'pairKey',
    compute: (doc) => {
      if (!doc.contact?.documentId || !doc.property?.documentId) {
        const missing = (['contact', 'property'] as const).filter((side) => !doc[side]?.documentId);
        throw problem('DEAL_NEEDS_PARTIES', { errors: missing.map((side): FieldError => ({ path: [side], message: `${side} is required`, name: 'ValidationError' })) });
      }
      return pairKey(doc.contact.documentId, doc.property.documentId);
    },
    conflict: 'DEAL_EXISTS',
  },
  [UID.user]: {
    populate: ['contact'],
    column: 'contactKey',
    compute: (doc) => doc.contact?.documentId ?? null,
    conflict: 'PORTAL_USER_EXISTS',
  },
};

/** Recomputes the key; returns true when it changed (for a deal: the contact or property changed). */
const refreshDerivedKey = async (strapi: Core.Strapi, uid: string, result: any): Promise<boolean> => {
  const spec = DERIVED_KEYS[uid];
  if (!spec || !result?.documentId) return false;
  const doc = await strapi.db.query(uid as any).findOne({
    where: { documentId: result.documentId },
    select: ['id', spec.column],
    populate: Object.fromEntries(spec.populate.map((rel) => [rel, { select: ['documentId'] }])),
  });
  if (!doc) return false;
  const key = spec.compute(doc);
  if (doc[spec.column] === key) return false;
  try {
    await strapi.db.query(uid as any).update({ where: { id: doc.id }, data: { [spec.column]: key } });
  } catch (error) {
    if (isUniqueViolation(error)) throw problem(spec.conflict);
    throw error;
  }
  return true;
};

/**
 * Registered in register(): runs for every write through the Document Service (content-manager, REST,
 * GraphQL, plugin code alike). Always calls next(); idempotent.
 */
export const registerDocumentMiddlewares = (strapi: Core.Strapi) => {
  strapi.documents.use(async (context, next) => {
    const { uid, action } = context;
    if (action !== 'create' && action !== 'update') return next();
    const params = context.params as { data?: Record<string, unknown>; documentId?: string };

    // Trimmed before Strapi validates the address (so " Jane@Example.com " saves), normalized for look-ups.
    if (EMAIL_TYPES.has(uid)) normalizeEmailField(params.data);

    if (uid === UID.contact) return contactWrite(strapi, action, params, next);
    if (!DERIVED_KEYS[uid]) return next();

    return strapi.db.transaction(async () => {
      const result: any = await next();
      // A new password (portal flows, content manager or code) or a block ends every session of the account at once.
      if (uid === UID.user && action === 'update' && result?.id && params.data && ('password' in params.data || params.data.blocked === true)) {
        await getService(strapi, 'sessions').endAll(result.id, 'password' in params.data ? 'password_changed' : 'account_blocked');
      }
      const linked = await refreshDerivedKey(strapi, uid, result);
      // A contact was added to a property: automatic invite (or notification) when the contact or role asks for it.
      if (uid === UID.deal && linked) await getService(strapi, 'auto-invite').onDealLinked(result.documentId);
      return result;
    });
  });
};

/**
 * Contact writes: "send portal invite" on the form invites in the same transaction (a failure, such as a missing
 * email address, creates nothing); an email change revokes pending invites and reissues them to the new address.
 */
const contactWrite = async (strapi: Core.Strapi, action: string, params: { data?: Record<string, unknown>; documentId?: string }, next: () => Promise<unknown>) => {
  const data = params.data ?? {};
  const sendInvite = data.sendPortalInvite === true;
  if ('sendPortalInvite' in data) data.sendPortalInvite = false;
  const emailTouched = action === 'update' && 'email' in data && !!params.documentId;
  if (!sendInvite && !emailTouched) return next();

  return strapi.db.transaction(async () => {
    const before = emailTouched
      ? await strapi.db.query(UID.contact).findOne({ where: { documentId: params.documentId }, select: ['emailNormalized'] })
      : null;
    const result: any = await next();
    const autoInvite = getService(strapi, 'auto-invite');
    let reissued: string[] = [];
    if (emailTouched && before && before.emailNormalized !== (data.emailNormalized ?? null)) {
      reissued = await autoInvite.onEmailChanged(result.documentId, (data.email as string | null) ?? null);
    }
    if (sendInvite && reissued.length === 0) await autoInvite.inviteContact(result.documentId);
    return result;
  });
};
