import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { UID } from '../constants';
import { normalizeEmail } from '../utils/email';
import { isUniqueViolation } from '../utils/db-errors';


/** Types whose `email` is copied, normalized, into `emailNormalized`. */
const EMAIL_TYPES = new Set<string>([UID.contact, UID.invitation, UID.user]);

/**
 * Keys kept in unique columns so the database itself enforces "one deal per contact and property"
 * and "one portal account per contact", whichever API wrote the relation.
 */
const DERIVED_KEYS: Record<string, { populate: string[]; compute: (doc: any) => string | null; column: string; conflict: string }> = {
  [UID.deal]: {
    populate: ['contact', 'property'],
    column: 'pairKey',
    compute: (doc) => {
      if (!doc.contact?.documentId || !doc.property?.documentId) {
        throw new errors.ValidationError('A deal needs a contact and a property', {
          errors: [
            ...(!doc.contact?.documentId ? [{ path: ['contact'], message: 'contact is required', name: 'ValidationError' }] : []),
            ...(!doc.property?.documentId ? [{ path: ['property'], message: 'property is required', name: 'ValidationError' }] : []),
          ],
        });
      }
      return `${doc.contact.documentId}:${doc.property.documentId}`;
    },
    conflict: 'This contact is already linked to this property',
  },
  [UID.user]: {
    populate: ['contact'],
    column: 'contactKey',
    compute: (doc) => doc.contact?.documentId ?? null,
    conflict: 'portal user already exists',
  },
};

const refreshDerivedKey = async (strapi: Core.Strapi, uid: string, result: any) => {
  const spec = DERIVED_KEYS[uid];
  if (!spec || !result?.documentId) return;
  const doc = await strapi.db.query(uid as any).findOne({
    where: { documentId: result.documentId },
    select: ['id', spec.column],
    populate: Object.fromEntries(spec.populate.map((rel) => [rel, { select: ['documentId'] }])),
  });
  if (!doc) return;
  const key = spec.compute(doc);
  if (doc[spec.column] === key) return;
  try {
    await strapi.db.query(uid as any).update({ where: { id: doc.id }, data: { [spec.column]: key } });
  } catch (error) {
    if (isUniqueViolation(error)) throw new errors.ApplicationError(spec.conflict);
    throw error;
  }
};

/**
 * Registered in register(): runs for every write through the Document Service (content-manager, REST,
 * GraphQL, plugin code alike). Always calls next(); idempotent.
 */
export const registerDocumentMiddlewares = (strapi: Core.Strapi) => {
  strapi.documents.use(async (context, next) => {
    const { uid, action } = context;
    const params = context.params as { data?: Record<string, unknown> };
    if (action !== 'create' && action !== 'update') return next();

    if (EMAIL_TYPES.has(uid) && params.data && 'email' in params.data) {
      params.data.emailNormalized = normalizeEmail(params.data.email);
    }

    if (!DERIVED_KEYS[uid]) return next();

    return strapi.db.transaction(async () => {
      const result = await next();
      await refreshDerivedKey(strapi, uid, result);
      return result;
    });
  });
};
