import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { DEFAULT_LANGUAGE, EVENTS, LANGUAGES, LIMITS, UID } from '../constants';
import { getService } from '../utils';
import { normalizeEmail } from '../utils/email';
import { conflict, fieldError, NotFoundError, tooManyRequests, ValidationError } from '../utils/errors';
import { chunks, columnOf, inTransaction, insertLinks, newDocumentId, tableQuery, toColumns } from '../utils/db';
import { isUniqueViolation } from '../utils/db-errors';
import { hashToken, isWellFormedToken, newToken } from '../utils/tokens';
import { passwordProblem, prehash, verifyPassword } from '../utils/password';
import { formatEmailDate } from '../emails';
import { personName } from '../utils/people';
import type { Actor } from './activity';
import { withoutAutoInvite } from '../document-middlewares/context';

export const INVITE_INVALID = 'Invitation link is invalid or has expired';
export const EMAIL_REQUIRED = 'An email address is required to send an invite';
export const PORTAL_USER_EXISTS = 'portal user already exists';
export const ALREADY_PENDING = 'An invitation is already pending';
export const ACCOUNT_EXISTS = 'An account with this email address already exists; log in with it or ask your agent for help';

const DAY = 24 * 60 * 60 * 1000;
const emailSchema = z.email();

export interface InviteInput {
  contact: string;
  portalRole: string;
  property?: string | null;
  email?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  message?: string | null;
  expiresInDays?: number | null;
  permissions?: Record<string, boolean> | null;
}

export type SkipReason = 'unknown_contact' | 'no_email' | 'do_not_contact' | 'already_portal_user' | 'invite_pending' | 'duplicate';

export const SKIP_MESSAGES: Record<SkipReason, string> = {
  unknown_contact: 'No contact with this documentId',
  no_email: EMAIL_REQUIRED,
  do_not_contact: 'The contact is marked do not contact',
  already_portal_user: 'The contact is already a portal user',
  invite_pending: ALREADY_PENDING,
  duplicate: 'Listed more than once',
};

/** The status an agent sees for one invitation. */
export const displayStatus = (invitation: any, now = new Date()) => {
  if (invitation.status === 'accepted') return 'accepted';
  if (invitation.status === 'revoked') return 'revoked';
  if (invitation.status === 'expired' || new Date(invitation.expiresAt) <= now) return 'expired';
  if (invitation.deliveryStatus === 'failed') return 'delivery_failed';
  return 'invited';
};

export const STATUS_LABELS: Record<string, string> = {
  not_invited: 'Not invited',
  invited: 'Invited, waiting for member to accept',
  active: 'Active',
  accepted: 'Accepted',
  expired: 'Invitation expired',
  revoked: 'Invitation revoked',
  delivery_failed: 'Invitation email could not be delivered',
};


/** `ja***@ex***.com` — enough for the invitee to recognise, not enough to harvest. */
export const maskEmail = (email: string) => {
  const [local, domain = ''] = email.split('@');
  const dot = domain.lastIndexOf('.');
  const host = dot > 0 ? domain.slice(0, dot) : domain;
  const tld = dot > 0 ? domain.slice(dot) : '';
  const keep = (part: string, n: number) => `${part.slice(0, Math.min(n, Math.max(1, part.length - 1)))}***`;
  return `${keep(local, 2)}@${keep(host, 2)}${tld}`;
};

const INVITATION_POPULATE = {
  contact: { select: ['id', 'documentId', 'firstName', 'lastName', 'email', 'language'] },
  property: { select: ['id', 'documentId', 'title', 'address', 'city'] },
  portalRole: { select: ['id', 'documentId', 'key', 'name', 'permissions'] },
  invitedByAgent: { select: ['id', 'firstname', 'lastname', 'email'] },
  invitedByAccount: { select: ['id', 'documentId', 'firstName', 'lastName', 'email'] },
} as const;

/** The invitation as agents and integrations see it: never the token hash or internal keys. */
export const presentInvitation = (inv: any, now = new Date()) => {
  const status = displayStatus(inv, now);
  return {
    documentId: inv.documentId,
    status: inv.status === 'pending' && status === 'expired' ? 'expired' : inv.status,
    displayStatus: status,
    label: STATUS_LABELS[status],
    email: inv.email,
    firstName: inv.firstName ?? null,
    lastName: inv.lastName ?? null,
    contact: inv.contact ? { documentId: inv.contact.documentId, firstName: inv.contact.firstName, lastName: inv.contact.lastName } : null,
    property: inv.property ? { documentId: inv.property.documentId, title: inv.property.title } : null,
    portalRole: inv.portalRole ? { documentId: inv.portalRole.documentId, key: inv.portalRole.key, name: inv.portalRole.name } : null,
    expiresAt: inv.expiresAt,
    sentAt: inv.sentAt ?? null,
    lastSentAt: inv.lastSentAt ?? null,
    sendCount: inv.sendCount ?? 0,
    acceptedAt: inv.acceptedAt ?? null,
    revokedAt: inv.revokedAt ?? null,
    deliveryStatus: inv.deliveryStatus,
    deliveryError: inv.deliveryError ?? null,
    deliveryAttempts: inv.deliveryAttempts ?? 0,
    message: inv.message ?? null,
    language: inv.language,
    permissions: inv.permissions ?? null,
    invitedBy: inv.invitedByAgent
      ? { type: 'agent', name: personName(inv.invitedByAgent) }
      : inv.invitedByAccount
        ? { type: 'client', name: personName(inv.invitedByAccount) }
        : { type: 'system', name: null },
    createdAt: inv.createdAt,
  };
};

const pendingKeyOf = (contactDocumentId: string, propertyDocumentId?: string | null) => `${contactDocumentId}:${propertyDocumentId ?? '*'}`;

/**
 * Invitations: create (one, bulk, automatic), resend, revoke, expire, preview and accept.
 * Every state change that must happen once is a conditional UPDATE or a unique index; emails go through the outbox.
 */
const invitationsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const settings = () => getService(strapi, 'settings');
  const roles = () => getService(strapi, 'roles');
  const activity = () => getService(strapi, 'activity');
  const outbox = () => getService(strapi, 'outbox');

  const emit = (event: string, payload: Record<string, unknown>) => {
    strapi.eventHub.emit(event, payload);
  };

  const eventPayload = (inv: any) => ({
    invitation: { documentId: inv.documentId, status: inv.status, email: inv.email },
    contact: inv.contact?.documentId ?? null,
    property: inv.property?.documentId ?? null,
    portalRole: inv.portalRole?.key ?? null,
  });

  const findInvitation = (where: Record<string, unknown>) =>
    strapi.db.query(UID.invitation).findOne({ where, populate: INVITATION_POPULATE as any });

  const resolveRole = (ref: string) => roles().resolve(ref);

  const resolveContact = async (documentId: string) => {
    const contact = await strapi.db.query(UID.contact).findOne({
      where: { documentId },
      populate: {
        portalAccount: { select: ['id', 'documentId', 'portalStatus', 'blocked', 'lastLoginAt', 'firstLoginAt'] },
        owner: { select: ['id'] },
      },
    });
    if (!contact) throw fieldError('contact', 'no contact with this documentId');
    return contact;
  };

  const resolveProperty = async (documentId: string) => {
    const property = await strapi.db.query(UID.property).findOne({ where: { documentId }, select: ['id', 'documentId', 'title', 'address', 'city'] });
    if (!property) throw fieldError('property', 'no property with this documentId');
    return property;
  };

  const hasDeal = async (contact: any, property: any) =>
    !!(await strapi.db.query(UID.deal).findOne({ where: { pairKey: pendingKeyOf(contact.documentId, property.documentId) }, select: ['id'] }));

  /** The contact already has a portal account that covers this invite (the property, when one is named). */
  const alreadyHasAccess = async (contact: any, property: any | null) => {
    if (!contact.portalAccount) return false;
    return property ? hasDeal(contact, property) : true;
  };

  const inviterName = async (actor: Actor) => {
    if (actor.agentId) {
      return personName(await strapi.db.query(UID.adminUser).findOne({ where: { id: actor.agentId }, select: ['firstname', 'lastname', 'email'] }));
    }
    if (actor.accountId) {
      return personName(await strapi.db.query(UID.user).findOne({ where: { id: actor.accountId }, select: ['firstName', 'lastName', 'email'] }));
    }
    return null;
  };

  const assertPermissions = (permissions: Record<string, boolean> | null | undefined) => {
    if (!permissions) return;
    const known = new Set(roles().flags());
    for (const [flag, value] of Object.entries(permissions)) {
      if (!known.has(flag)) throw fieldError(`permissions.${flag}`, 'unknown permission flag');
      if (typeof value !== 'boolean') throw fieldError(`permissions.${flag}`, 'must be true or false');
    }
  };

  const languageOf = (contact: any, fallback: string) =>
    (LANGUAGES as readonly string[]).includes(contact?.language) ? contact.language : fallback || DEFAULT_LANGUAGE;

  /**
   * Creates the portal account of an accepted invitation. Two invitations of one contact accepted at the same moment
   * race for the one account the database allows: the loser answers 409 (its invitation stays pending), never 500.
   */
  const createAccount = async (data: Record<string, unknown>) => {
    try {
      return await strapi.documents(UID.user).create({ data: data as any });
    } catch (error) {
      if (isUniqueViolation(error) || (error as { message?: string })?.message === PORTAL_USER_EXISTS) throw conflict(ACCOUNT_EXISTS);
      throw error;
    }
  };

  const acceptLink = (portalUrl: string, token: string) => `${portalUrl.replace(/\/+$/, '')}/accept#token=${encodeURIComponent(token)}`;

  /** Marks pending invitations past their expiry as expired (frees their pending slot). */
  const expireWhere = async (extra: (query: any) => any) =>
    inTransaction(strapi, async (trx) => {
      const now = new Date();
      const c = (attribute: string) => columnOf(strapi, UID.invitation, attribute);
      const expired = await extra(tableQuery(strapi, trx, UID.invitation).where(c('status'), 'pending').where(c('expiresAt'), '<=', now))
        .update({ [c('status')]: 'expired', [c('pendingKey')]: null, [c('updatedAt')]: now })
        .returning(['id']);
      return expired.map((row: any) => Number(row.id ?? row));
    });

  const afterExpired = async (ids: number[]) => {
    if (ids.length === 0) return;
    for (const batch of chunks(ids, 500)) {
      const rows = await strapi.db.query(UID.invitation).findMany({ where: { id: { $in: batch } }, populate: INVITATION_POPULATE as any });
      // Their links are dead: emails still waiting to be sent are dropped.
      await outbox().dropQueued(UID.invitation, rows.map((inv: any) => inv.documentId));
      await activity().logMany(
        rows.map((inv: any) => ({
          type: 'invite_expired' as const,
          contactId: inv.contact?.id,
          propertyId: inv.property?.id,
          invitationId: inv.id,
          summary: `Invitation to ${inv.email} expired`,
        })),
      );
      for (const inv of rows) emit(EVENTS.invitationExpired, eventPayload(inv));
    }
  };

  const emailVariables = (inv: { firstName?: string | null; lastName?: string | null; message?: string | null }, extra: {
    contact: any;
    role: any;
    property: any | null;
    expiresAt: Date;
    expiresInDays: number;
    inviter: string | null;
    language: string;
  }) => ({
    inviterName: extra.inviter ?? '',
    firstName: inv.firstName ?? extra.contact.firstName ?? '',
    lastName: inv.lastName ?? extra.contact.lastName ?? '',
    contactName: [inv.firstName ?? extra.contact.firstName, inv.lastName ?? extra.contact.lastName].filter(Boolean).join(' '),
    roleName: extra.role.name,
    ...(extra.property ? { propertyTitle: extra.property.title, propertyAddress: [extra.property.address, extra.property.city].filter(Boolean).join(', ') } : {}),
    expiresAt: formatEmailDate(extra.expiresAt, extra.language),
    expiryDays: extra.expiresInDays,
    ...(inv.message ? { message: inv.message } : {}),
  });

  const service = {
    pendingKeyOf,

    /**
     * Creates one invitation and queues its email in one transaction.
     * 400 without an email address, 409 when the contact already has access or an invite is pending.
     */
    async create(input: InviteInput, actor: Actor = {}) {
      const current = await settings().get();
      const contact = await resolveContact(input.contact);
      const role = await resolveRole(input.portalRole);
      const property = input.property ? await resolveProperty(input.property) : null;

      const email = (input.email ?? contact.email ?? '').trim();
      if (!email) {
        throw new ValidationError(EMAIL_REQUIRED, { errors: [{ path: ['email'], message: EMAIL_REQUIRED, name: 'ValidationError' }] });
      }
      if (!emailSchema.safeParse(email).success) throw fieldError('email', 'must be a valid email address');
      assertPermissions(input.permissions);
      const expiresInDays = input.expiresInDays ?? current.invitationExpiryDays;
      if (!Number.isInteger(expiresInDays) || expiresInDays < LIMITS.invitationExpiryDaysMin || expiresInDays > LIMITS.invitationExpiryDaysMax) {
        throw fieldError('expiresInDays', `must be a whole number from ${LIMITS.invitationExpiryDaysMin} to ${LIMITS.invitationExpiryDaysMax}`);
      }

      if (await alreadyHasAccess(contact, property)) {
        throw conflict(PORTAL_USER_EXISTS, { portalUser: { documentId: contact.portalAccount.documentId } });
      }

      const pendingKey = pendingKeyOf(contact.documentId, property?.documentId);
      await afterExpired(await expireWhere((q) => q.where(columnOf(strapi, UID.invitation, 'pendingKey'), pendingKey)));

      const token = newToken();
      const now = new Date();
      const expiresAt = new Date(now.getTime() + expiresInDays * DAY);
      const language = languageOf(contact, current.defaultLanguage);
      const inviter = await inviterName(actor);

      let created: any;
      try {
        created = await strapi.db.transaction(async () => {
          const invitation = await strapi.db.query(UID.invitation).create({
            data: {
              documentId: newDocumentId(),
              contact: contact.id,
              property: property?.id ?? null,
              portalRole: role.id,
              email,
              emailNormalized: normalizeEmail(email),
              firstName: input.firstName ?? contact.firstName ?? null,
              lastName: input.lastName ?? contact.lastName ?? null,
              tokenHash: hashToken(token),
              pendingKey,
              status: 'pending',
              expiresAt,
              expiresInDays,
              sendCount: 1,
              message: input.message ?? null,
              language,
              permissions: input.permissions ?? null,
              deliveryStatus: 'queued',
              deliveryAttempts: 0,
              invitedByAgent: actor.agentId ?? null,
              invitedByAccount: actor.accountId ?? null,
            },
          });
          await outbox().enqueue({
            template: 'invitation',
            to: email,
            language,
            payload: emailVariables({ firstName: input.firstName, lastName: input.lastName, message: input.message }, {
              contact, role, property, expiresAt, expiresInDays, inviter, language,
            }),
            secrets: { link: acceptLink(current.portalUrl, token) },
            subjectUid: UID.invitation,
            subjectDocumentId: invitation.documentId,
          });
          await activity().log({
            type: 'invited',
            contactId: contact.id,
            propertyId: property?.id,
            invitationId: invitation.id,
            actor,
            summary: `Invited ${email} as ${role.name}${property ? ` to ${property.title}` : ''}`,
          });
          return invitation;
        });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        const existing = await findInvitation({ pendingKey });
        throw conflict(ALREADY_PENDING, existing ? { invitation: presentInvitation(existing) } : {});
      }

      const invitation = await findInvitation({ id: created.id });
      emit(EVENTS.invitationCreated, eventPayload(invitation));
      return presentInvitation(invitation);
    },

    /**
     * Invites many contacts in one call: batched reads and inserts, one answer per contact.
     */
    async bulk(input: { contacts: string[]; portalRole: string; property?: string | null }, actor: Actor = {}) {
      const current = await settings().get();
      const role = await resolveRole(input.portalRole);
      const property = input.property ? await resolveProperty(input.property) : null;
      const skipped: Array<{ contact: string; reason: SkipReason; message: string }> = [];
      const skip = (contact: string, reason: SkipReason) => skipped.push({ contact, reason, message: SKIP_MESSAGES[reason] });

      const seen = new Set<string>();
      const ordered: string[] = [];
      for (const documentId of input.contacts) {
        if (seen.has(documentId)) skip(documentId, 'duplicate');
        else {
          seen.add(documentId);
          ordered.push(documentId);
        }
      }

      const contacts = new Map<string, any>();
      for (const batch of chunks(ordered, 500)) {
        const rows = await strapi.db.query(UID.contact).findMany({
          where: { documentId: { $in: batch } },
          select: ['id', 'documentId', 'firstName', 'lastName', 'email', 'language', 'doNotContact'],
          populate: { portalAccount: { select: ['id', 'documentId'] } },
        });
        for (const row of rows) contacts.set(row.documentId, row);
      }

      const keyOf = (contact: any) => pendingKeyOf(contact.documentId, property?.documentId);
      const candidates = ordered.map((id) => contacts.get(id)).filter(Boolean);
      const keys = candidates.map(keyOf);
      const c = (attribute: string) => columnOf(strapi, UID.invitation, attribute);
      for (const batch of chunks(keys, 500)) {
        await afterExpired(await expireWhere((q) => q.whereIn(c('pendingKey'), batch)));
      }
      const pending = new Set<string>();
      for (const batch of chunks(keys, 500)) {
        const rows = await strapi.db.query(UID.invitation).findMany({ where: { pendingKey: { $in: batch } }, select: ['pendingKey'] });
        for (const row of rows) pending.add(row.pendingKey);
      }
      const withDeal = new Set<string>();
      if (property) {
        const accountKeys = candidates.filter((contact) => contact.portalAccount).map(keyOf);
        for (const batch of chunks(accountKeys, 500)) {
          const rows = await strapi.db.query(UID.deal).findMany({ where: { pairKey: { $in: batch } }, select: ['pairKey'] });
          for (const row of rows) withDeal.add(row.pairKey);
        }
      }

      const toInvite: any[] = [];
      for (const documentId of ordered) {
        const contact = contacts.get(documentId);
        if (!contact) skip(documentId, 'unknown_contact');
        else if (!contact.email || !emailSchema.safeParse(contact.email.trim()).success) skip(documentId, 'no_email');
        else if (contact.doNotContact) skip(documentId, 'do_not_contact');
        else if (contact.portalAccount && (!property || withDeal.has(keyOf(contact)))) skip(documentId, 'already_portal_user');
        else if (pending.has(keyOf(contact))) skip(documentId, 'invite_pending');
        else toInvite.push(contact);
      }

      const inviter = await inviterName(actor);
      const now = new Date();
      const expiresInDays = current.invitationExpiryDays;
      const expiresAt = new Date(now.getTime() + expiresInDays * DAY);
      const invited: Array<{ contact: string; invitation: string }> = [];

      await inTransaction(strapi, async (trx) => {
        const prepared = toInvite.map((contact) => {
          const token = newToken();
          const language = languageOf(contact, current.defaultLanguage);
          const email = contact.email.trim();
          return {
            contact,
            token,
            language,
            email,
            row: toColumns(strapi, UID.invitation, {
              documentId: newDocumentId(),
              email,
              emailNormalized: normalizeEmail(email),
              firstName: contact.firstName ?? null,
              lastName: contact.lastName ?? null,
              tokenHash: hashToken(token),
              pendingKey: keyOf(contact),
              status: 'pending',
              expiresAt,
              expiresInDays,
              sendCount: 1,
              language,
              deliveryStatus: 'queued',
              deliveryAttempts: 0,
              createdAt: now,
              updatedAt: now,
            }),
          };
        });

        const size = strapi.db.dialect.getBatchInsertSize?.() ?? 500;
        const insertedByKey = new Map<string, { id: number; documentId: string }>();
        for (const batch of chunks(prepared, size)) {
          // A pending invite created meanwhile by someone else wins; that contact is reported as pending.
          const rows = await tableQuery(strapi, trx, UID.invitation)
            .insert(batch.map((entry) => entry.row))
            .onConflict(c('pendingKey'))
            .ignore()
            .returning(['id', c('documentId'), c('pendingKey')]);
          for (const row of rows) insertedByKey.set(row[c('pendingKey')], { id: Number(row.id), documentId: row[c('documentId')] });
        }

        const done = prepared.filter((entry) => insertedByKey.has(keyOf(entry.contact)));
        for (const entry of prepared) if (!insertedByKey.has(keyOf(entry.contact))) skip(entry.contact.documentId, 'invite_pending');
        const idOf = (entry: any) => insertedByKey.get(keyOf(entry.contact))!.id;

        await insertLinks(strapi, trx, UID.invitation, 'contact', done.map((entry) => [idOf(entry), entry.contact.id]));
        await insertLinks(strapi, trx, UID.invitation, 'portalRole', done.map((entry) => [idOf(entry), role.id]));
        if (property) await insertLinks(strapi, trx, UID.invitation, 'property', done.map((entry) => [idOf(entry), property.id]));
        if (actor.agentId) await insertLinks(strapi, trx, UID.invitation, 'invitedByAgent', done.map((entry) => [idOf(entry), actor.agentId!]));
        if (actor.accountId) await insertLinks(strapi, trx, UID.invitation, 'invitedByAccount', done.map((entry) => [idOf(entry), actor.accountId!]));

        await outbox().enqueueMany(
          done.map((entry) => ({
            template: 'invitation' as const,
            to: entry.email,
            language: entry.language,
            payload: emailVariables({}, { contact: entry.contact, role, property, expiresAt, expiresInDays, inviter, language: entry.language }),
            secrets: { link: acceptLink(current.portalUrl, entry.token) },
            subjectUid: UID.invitation,
            subjectDocumentId: insertedByKey.get(keyOf(entry.contact))!.documentId,
          })),
        );
        await activity().logMany(
          done.map((entry) => ({
            type: 'invited' as const,
            contactId: entry.contact.id,
            propertyId: property?.id,
            invitationId: idOf(entry),
            actor,
            summary: `Invited ${entry.email} as ${role.name}${property ? ` to ${property.title}` : ''} (bulk)`,
          })),
        );
        for (const entry of done) invited.push({ contact: entry.contact.documentId, invitation: insertedByKey.get(keyOf(entry.contact))!.documentId });
      });

      for (const entry of invited) {
        emit(EVENTS.invitationCreated, { invitation: { documentId: entry.invitation, status: 'pending' }, contact: entry.contact, property: property?.documentId ?? null, portalRole: role.key });
      }
      const order = new Map(input.contacts.map((id, index) => [id, index]));
      skipped.sort((a, b) => (order.get(a.contact) ?? 0) - (order.get(b.contact) ?? 0));
      return { invited, skipped };
    },

    /** Pending invites of a contact (any property), not yet expired. */
    async pendingFor(contactDocumentId: string) {
      const now = new Date();
      return strapi.db.query(UID.invitation).findMany({
        where: { contact: { documentId: contactDocumentId }, status: 'pending', expiresAt: { $gt: now } },
        populate: INVITATION_POPULATE as any,
      });
    },

    /** Pushes a pending invite's expiry out (used instead of a second invite). */
    async extend(invitationId: number, days?: number) {
      const current = await settings().get();
      const inv = await strapi.db.query(UID.invitation).findOne({ where: { id: invitationId }, select: ['id', 'expiresInDays'] });
      const period = days ?? inv?.expiresInDays ?? current.invitationExpiryDays;
      const expiresAt = new Date(Date.now() + period * DAY);
      await strapi.db.query(UID.invitation).updateMany({ where: { id: invitationId, status: 'pending' }, data: { expiresAt } });
      return expiresAt;
    },

    /** New token (the old link dies), fresh expiry, send count + 1; throttled per invitation. */
    async resend(documentId: string, actor: Actor = {}) {
      const current = await settings().get();
      const inv = await findInvitation({ documentId });
      if (!inv) throw new NotFoundError('Invitation not found');
      if (inv.status === 'accepted') throw conflict('This invitation has already been accepted', { invitation: presentInvitation(inv) });
      if (inv.status === 'revoked') throw conflict('This invitation has been revoked', { invitation: presentInvitation(inv) });

      const hourAgo = new Date(Date.now() - 60 * 60 * 1000);
      const recent = await strapi.db.query(UID.activity).count({
        where: { invitation: { id: inv.id }, type: 'invite_resent', createdAt: { $gt: hourAgo } },
      });
      if (recent >= current.resendLimitPerHour) {
        throw tooManyRequests(`This invitation was resent ${recent} times in the last hour; try again later`, { limit: current.resendLimitPerHour });
      }

      const contact = await resolveContact(inv.contact.documentId);
      if (await alreadyHasAccess(contact, inv.property)) throw conflict(PORTAL_USER_EXISTS, {});

      const token = newToken();
      const expiresInDays = inv.expiresInDays ?? current.invitationExpiryDays;
      const expiresAt = new Date(Date.now() + expiresInDays * DAY);
      const language = inv.language ?? languageOf(contact, current.defaultLanguage);
      const inviter = (await inviterName(actor)) ?? personName(inv.invitedByAgent) ?? personName(inv.invitedByAccount);

      try {
        await strapi.db.transaction(async () => {
          // The current token hash is the version: of two parallel resends, one wins.
          const { count } = await strapi.db.query(UID.invitation).updateMany({
            where: { id: inv.id, tokenHash: inv.tokenHash, status: { $in: ['pending', 'expired'] } },
            data: {
              tokenHash: hashToken(token),
              status: 'pending',
              pendingKey: pendingKeyOf(inv.contact.documentId, inv.property?.documentId),
              expiresAt,
              sendCount: (inv.sendCount ?? 0) + 1,
              deliveryStatus: 'queued',
              deliveryError: null,
              deliveryAttempts: 0,
            },
          });
          if (count !== 1) throw conflict('This invitation changed meanwhile; reload and try again');
          // An email still waiting to be sent carries the old link, which no longer works.
          await outbox().dropQueued(UID.invitation, [inv.documentId]);
          await outbox().enqueue({
            template: 'invitation-reminder',
            to: inv.email,
            language,
            payload: emailVariables(inv, { contact, role: inv.portalRole, property: inv.property, expiresAt, expiresInDays, inviter, language }),
            secrets: { link: acceptLink(current.portalUrl, token) },
            subjectUid: UID.invitation,
            subjectDocumentId: inv.documentId,
          });
          await activity().log({
            type: 'invite_resent',
            contactId: inv.contact.id,
            propertyId: inv.property?.id,
            invitationId: inv.id,
            actor,
            summary: `Invitation resent to ${inv.email}`,
          });
        });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        const existing = await findInvitation({ pendingKey: pendingKeyOf(inv.contact.documentId, inv.property?.documentId) });
        throw conflict(ALREADY_PENDING, existing ? { invitation: presentInvitation(existing) } : {});
      }
      const updated = await findInvitation({ id: inv.id });
      emit(EVENTS.invitationResent, eventPayload(updated));
      return presentInvitation(updated);
    },

    /** Immediate and idempotent: the link stops working at once; unsent emails are dropped. */
    async revoke(documentId: string, actor: Actor = {}) {
      const inv = await findInvitation({ documentId });
      if (!inv) throw new NotFoundError('Invitation not found');
      if (inv.status === 'accepted') throw conflict('This invitation has already been accepted', { invitation: presentInvitation(inv) });
      if (inv.status !== 'revoked') {
        const changed = await strapi.db.transaction(async () => {
          const { count } = await strapi.db.query(UID.invitation).updateMany({
            where: { id: inv.id, status: { $in: ['pending', 'expired'] } },
            data: { status: 'revoked', revokedAt: new Date(), pendingKey: null },
          });
          if (count !== 1) return false;
          await outbox().dropQueued(UID.invitation, [inv.documentId]);
          await activity().log({
            type: 'invite_revoked',
            contactId: inv.contact?.id,
            propertyId: inv.property?.id,
            invitationId: inv.id,
            actor,
            summary: `Invitation to ${inv.email} revoked`,
          });
          return true;
        });
        if (changed) emit(EVENTS.invitationRevoked, eventPayload({ ...inv, status: 'revoked' }));
      }
      return presentInvitation(await findInvitation({ id: inv.id }));
    },

    /** Scheduled job: marks invites past their expiry. Safe when several instances run it. */
    async expireDue() {
      const ids = await expireWhere((q) => q);
      await afterExpired(ids);
      return ids.length;
    },

    /** Records the outbox outcome on the invitation (delivery state, activity, event). */
    async recordDelivery(documentId: string, outcome: { state: 'sent' | 'retrying' | 'failed'; attempts: number; error?: string }) {
      const inv = await findInvitation({ documentId });
      if (!inv) return;
      const now = new Date();
      if (outcome.state === 'sent') {
        await strapi.db.query(UID.invitation).update({
          where: { id: inv.id },
          data: { deliveryStatus: 'sent', deliveryError: null, deliveryAttempts: outcome.attempts, sentAt: inv.sentAt ?? now, lastSentAt: now },
        });
        await activity().log({ type: 'invite_sent', contactId: inv.contact?.id, propertyId: inv.property?.id, invitationId: inv.id, summary: `Invitation email delivered to ${inv.email}` });
        emit(EVENTS.invitationSent, eventPayload(inv));
      } else {
        await strapi.db.query(UID.invitation).update({
          where: { id: inv.id },
          data: { deliveryStatus: outcome.state === 'failed' ? 'failed' : 'queued', deliveryError: outcome.error ?? null, deliveryAttempts: outcome.attempts },
        });
        if (outcome.state === 'failed') {
          await activity().log({
            type: 'invite_failed',
            contactId: inv.contact?.id,
            propertyId: inv.property?.id,
            invitationId: inv.id,
            summary: `Invitation email to ${inv.email} could not be delivered`,
            details: { error: outcome.error },
          });
          emit(EVENTS.invitationFailed, { ...eventPayload(inv), error: outcome.error });
        }
      }
    },

    /** What the invite link shows. Changes nothing (mail scanners open links). */
    async preview(token: unknown) {
      const inv = await service.findUsable(token);
      const current = await settings().get();
      return {
        email: maskEmail(inv.email),
        invitedBy: presentInvitation(inv).invitedBy.name ?? current.agencyName,
        role: { key: inv.portalRole?.key, name: inv.portalRole?.name },
        property: inv.property ? { title: inv.property.title, city: inv.property.city ?? null } : null,
        expiresAt: inv.expiresAt,
        portalName: current.agencyName,
      };
    },

    /** The pending, unexpired invitation for this token, else 400 INVITE_INVALID (same for every cause). */
    async findUsable(token: unknown) {
      if (!isWellFormedToken(token)) throw new ValidationError(INVITE_INVALID);
      const inv = await findInvitation({ tokenHash: hashToken(token) });
      if (!inv || inv.status !== 'pending' || new Date(inv.expiresAt) <= new Date()) throw new ValidationError(INVITE_INVALID);
      return inv;
    },

    /**
     * Accepts an invitation: one conditional UPDATE claims it, then the account is created (or the existing account
     * of the contact gets the new access) in the same transaction.
     */
    async accept(input: { token?: unknown; password?: unknown; firstName?: string | null; lastName?: string | null }) {
      const problem = passwordProblem(input.password);
      if (problem) throw fieldError('password', problem);
      const password = input.password as string;
      if (!isWellFormedToken(input.token)) throw new ValidationError(INVITE_INVALID);
      const tokenHash = hashToken(input.token);
      const current = await settings().get();

      const result = await withoutAutoInvite(() =>
        inTransaction(strapi, async (trx) => {
          const now = new Date();
          const c = (attribute: string) => columnOf(strapi, UID.invitation, attribute);
          const claimed = await tableQuery(strapi, trx, UID.invitation)
            .where(c('tokenHash'), tokenHash)
            .where(c('status'), 'pending')
            .where(c('expiresAt'), '>', now)
            .update({ [c('status')]: 'accepted', [c('acceptedAt')]: now, [c('pendingKey')]: null, [c('updatedAt')]: now });
          if (Number(claimed) !== 1) throw new ValidationError(INVITE_INVALID);

          const inv = await findInvitation({ tokenHash });
          const contact = await resolveContact(inv.contact.documentId);
          let account = contact.portalAccount
            ? await strapi.db.query(UID.user).findOne({ where: { id: contact.portalAccount.id }, populate: { portalRole: true } })
            : null;
          let created = false;

          if (account) {
            if (account.blocked) throw new ValidationError(INVITE_INVALID);
            if (!(await verifyPassword(password, account.password))) {
              throw fieldError('password', 'you already have a portal account: enter its password to add this access');
            }
          } else {
            const emailNormalized = normalizeEmail(inv.email)!;
            // Accepting proves the address: an unverified self-registration of it is replaced (its password discarded).
            if (!(await getService(strapi, 'accounts').discardDraft(emailNormalized))) throw conflict(ACCOUNT_EXISTS);
            const authenticated = await strapi.db.query(UID.upRole).findOne({ where: { type: 'authenticated' }, select: ['id'] });
            const ownerId = contact.owner?.id ?? (await settings().officeAdministratorId());
            account = await createAccount({
              username: emailNormalized,
              email: emailNormalized,
              password: prehash(password),
              provider: 'local',
              confirmed: true,
              blocked: false,
              role: authenticated?.id,
              portalStatus: 'active',
              contact: contact.id,
              owner: ownerId,
              portalRole: inv.portalRole?.id ?? null,
              permissionOverrides: inv.property ? null : (inv.permissions ?? null),
              language: inv.language ?? DEFAULT_LANGUAGE,
              firstName: (input.firstName ?? inv.firstName ?? contact.firstName ?? null)?.slice(0, LIMITS.nameMax) ?? null,
              lastName: (input.lastName ?? inv.lastName ?? contact.lastName ?? null)?.slice(0, LIMITS.nameMax) ?? null,
              creationMethod: 'invitation',
              mustChangePassword: false,
              passwordChangedAt: now,
              firstLoginAt: now,
              lastLoginAt: now,
            });
            created = true;
          }

          if (inv.property) await service.grantPropertyAccess(contact, inv.property, inv.portalRole, inv.permissions);
          else if (inv.invitedByAccount) {
            // Invited by a client: the inviter's properties where, today, the inviter may invite others and holds every
            // flag of the chosen role (capped per property).
            const access = getService(strapi, 'access');
            const inviter = await access.context(inv.invitedByAccount.id).catch(() => null);
            for (const entry of inviter ? access.shareableDeals(inviter, inv.portalRole?.permissions) : []) {
              await service.grantPropertyAccess(contact, entry.property, inv.portalRole, inv.permissions);
            }
          }
          else if (!created && !account.portalRole && inv.portalRole) {
            await strapi.db.query(UID.user).update({ where: { id: account.id }, data: { portalRole: inv.portalRole.id } });
          }

          await strapi.db.query(UID.invitation).update({ where: { id: inv.id }, data: { acceptedBy: account.id } });
          await activity().log({
            type: 'invite_accepted',
            contactId: contact.id,
            propertyId: inv.property?.id,
            invitationId: inv.id,
            actor: { accountId: account.id },
            summary: `${inv.email} accepted the invitation`,
          });
          if (created) {
            await activity().log({ type: 'account_created', contactId: contact.id, actor: { accountId: account.id }, summary: 'Portal account created from an invitation' });
          } else if (inv.property) {
            await activity().log({ type: 'property_access_granted', contactId: contact.id, propertyId: inv.property.id, actor: { accountId: account.id }, summary: `Access to ${inv.property.title} added to the existing account` });
          }
          return { inv, accountId: account.id, created };
        }),
      );

      const account = await strapi.db.query(UID.user).findOne({ where: { id: result.accountId }, populate: { portalRole: true, contact: { select: ['documentId'] } } });
      const jwt = await getService(strapi, 'accounts').issueJwt(account);
      emit(EVENTS.invitationAccepted, { ...eventPayload({ ...result.inv, status: 'accepted' }), account: account.documentId, accountCreated: result.created });
      return { jwt, user: getService(strapi, 'accounts').present(account), created: result.created, portalName: current.agencyName };
    },

    /** Makes sure the contact has a deal on the property with this role (creates or updates it). */
    async grantPropertyAccess(contact: any, property: any, role: any, permissions?: Record<string, boolean> | null) {
      const deal = await strapi.db.query(UID.deal).findOne({ where: { pairKey: pendingKeyOf(contact.documentId, property.documentId) }, select: ['id', 'documentId'] });
      if (deal) {
        await strapi.documents(UID.deal).update({ documentId: deal.documentId, data: { portalRole: role?.id ?? null, ...(permissions ? { permissionOverrides: permissions } : {}) } as any });
        return deal;
      }
      return strapi.documents(UID.deal).create({
        data: { contact: contact.id, property: property.id, portalRole: role?.id ?? null, permissionOverrides: permissions ?? null } as any,
      });
    },

    /** Admin list with filters: status (invited, expired, delivery_failed, accepted, revoked, pending), contact, property. */
    async list(query: { status?: string; contact?: string; property?: string; page: number; pageSize: number }) {
      const now = new Date();
      const where: Record<string, unknown>[] = [];
      if (query.contact) where.push({ contact: { documentId: query.contact } });
      if (query.property) where.push({ property: { documentId: query.property } });
      switch (query.status) {
        case 'pending':
        case 'invited':
          where.push({ status: 'pending', expiresAt: { $gt: now } });
          if (query.status === 'invited') where.push({ deliveryStatus: { $ne: 'failed' } });
          break;
        case 'expired':
          where.push({ $or: [{ status: 'expired' }, { status: 'pending', expiresAt: { $lte: now } }] });
          break;
        case 'delivery_failed':
          where.push({ status: 'pending', deliveryStatus: 'failed' });
          break;
        case 'accepted':
        case 'revoked':
          where.push({ status: query.status });
          break;
        default:
          break;
      }
      const filter = where.length ? { $and: where } : {};
      const [rows, total] = await Promise.all([
        strapi.db.query(UID.invitation).findMany({
          where: filter,
          populate: INVITATION_POPULATE as any,
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
          offset: (query.page - 1) * query.pageSize,
          limit: query.pageSize,
        }),
        strapi.db.query(UID.invitation).count({ where: filter }),
      ]);
      return {
        data: rows.map((row: any) => presentInvitation(row, now)),
        meta: { pagination: { page: query.page, pageSize: query.pageSize, pageCount: Math.ceil(total / query.pageSize), total } },
      };
    },

    /** What the agent sees on the contact: not invited, invited, active (last login), expired, revoked, delivery failed. */
    async contactStatus(contactDocumentId: string) {
      const contact = await strapi.db.query(UID.contact).findOne({
        where: { documentId: contactDocumentId },
        populate: { portalAccount: { select: ['documentId', 'portalStatus', 'blocked', 'firstLoginAt', 'lastLoginAt', 'mustChangePassword'] } },
      });
      if (!contact) throw new NotFoundError('Contact not found');
      const latest = await strapi.db.query(UID.invitation).findOne({
        where: { contact: { id: contact.id } },
        populate: INVITATION_POPULATE as any,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      });
      const account = contact.portalAccount;
      let status = 'not_invited';
      if (account && account.portalStatus === 'active' && !account.blocked) status = 'active';
      else if (latest) status = displayStatus(latest);
      if (status === 'accepted') status = account ? 'active' : 'not_invited';
      return {
        contact: contactDocumentId,
        status,
        label: STATUS_LABELS[status],
        account: account
          ? { documentId: account.documentId, portalStatus: account.portalStatus, blocked: !!account.blocked, firstLoginAt: account.firstLoginAt ?? null, lastLoginAt: account.lastLoginAt ?? null, mustChangePassword: !!account.mustChangePassword }
          : null,
        invitation: latest ? presentInvitation(latest) : null,
      };
    },
  };

  return service;
};

export default invitationsService;
export type InvitationsService = ReturnType<typeof invitationsService>;
