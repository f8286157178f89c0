import type { Core } from '@strapi/strapi';
import { DEFAULT_LANGUAGE, EVENTS, LANGUAGES, UID } from '../../constants';
import { getService } from '../../utils';
import { normalizeEmail } from '../../utils/email';
import { fieldError } from '../../errors';
import { chunks, columnOf, inTransaction, tableQuery } from '../../utils/db';
import { hashToken, newToken } from '../../utils/tokens';
import { formatEmailDate } from '../../emails';
import { personName } from '../../utils/people';
import { portalLinks } from '../../utils/portal-links';
import { pairKey } from '../../rules/keys';
import type { OutboxInput } from '../outbox';
import type { Actor } from '../activity';
import { eventPayload, INVITATION_POPULATE } from './present';

export const DAY = 24 * 60 * 60 * 1000;

/** What one new invitation needs, single or in bulk. */
export interface InvitationDraft {
  contact: { id: number; documentId: string; firstName?: string | null; lastName?: string | null; language?: string | null };
  role: { id: number; name: string };
  property: { id: number; documentId: string; title: string; address?: string | null; city?: string | null } | null;
  email: string;
  firstName?: string | null;
  lastName?: string | null;
  message?: string | null;
  permissions?: Record<string, boolean> | null;
  expiresInDays: number;
  language: string;
  inviter: string | null;
  portalUrl: string;
  now: Date;
}

/**
 * What the parts of the invitations service share: look-ups, the one builder of a new invitation's row and email
 * (single and bulk alike), expiry mechanics and events.
 */
export const invitationCommon = (strapi: Core.Strapi) => {
  const activity = () => getService(strapi, 'activity');
  const outbox = () => getService(strapi, 'outbox');

  const common = {
    emit(event: string, payload: Record<string, unknown>) {
      strapi.eventHub.emit(event, payload);
    },

    find(where: Record<string, unknown>) {
      return strapi.db.query(UID.invitation).findOne({ where, populate: INVITATION_POPULATE as any });
    },

    async contact(documentId: string) {
      const contact = await strapi.db.query(UID.contact).findOne({
        where: { documentId },
        populate: {
          portalAccount: { select: ['id', 'documentId', 'portalStatus', 'blocked', 'removedAt', 'lastLoginAt', 'firstLoginAt'] },
          owner: { select: ['id'] },
        },
      });
      if (!contact) throw fieldError('contact', 'no contact with this documentId');
      return contact;
    },

    async property(documentId: string) {
      const property = await strapi.db.query(UID.property).findOne({ where: { documentId }, select: ['id', 'documentId', 'title', 'address', 'city'] });
      if (!property) throw fieldError('property', 'no property with this documentId');
      return property;
    },

    /** The contact already has a portal account that covers this invite (the property, when one is named). */
    async alreadyHasAccess(contact: any, property: any | null) {
      // A contact removed from the portal may be invited again (accepting reactivates the same account).
      if (!contact.portalAccount || contact.portalAccount.removedAt) return false;
      return property ? getService(strapi, 'deals').has(contact.documentId, property.documentId) : true;
    },

    async inviterName(actor: Actor) {
      if (actor.agentId) return personName(await strapi.db.query(UID.adminUser).findOne({ where: { id: actor.agentId }, select: ['firstname', 'lastname', 'email'] }));
      if (actor.accountId) return personName(await strapi.db.query(UID.user).findOne({ where: { id: actor.accountId }, select: ['firstName', 'lastName', 'email'] }));
      return null;
    },

    languageOf(contact: any, fallback: string) {
      return (LANGUAGES as readonly string[]).includes(contact?.language) ? contact.language : fallback || DEFAULT_LANGUAGE;
    },

    /** The email's variables: who invited whom to what, until when. */
    emailVariables(draft: Omit<InvitationDraft, 'email' | 'portalUrl' | 'now' | 'permissions'> & { expiresAt: Date }) {
      const firstName = draft.firstName ?? draft.contact.firstName;
      const lastName = draft.lastName ?? draft.contact.lastName;
      return {
        inviterName: draft.inviter ?? '',
        firstName: firstName ?? '',
        lastName: lastName ?? '',
        contactName: [firstName, lastName].filter(Boolean).join(' '),
        roleName: draft.role.name,
        ...(draft.property ? { propertyTitle: draft.property.title, propertyAddress: [draft.property.address, draft.property.city].filter(Boolean).join(', ') } : {}),
        expiresAt: formatEmailDate(draft.expiresAt, draft.language),
        expiryDays: draft.expiresInDays,
        ...(draft.message ? { message: draft.message } : {}),
      };
    },

    /**
     * A new invitation: its row (attributes, without relations) and its email (without the subject, which is the
     * row's documentId once stored), with a fresh token that exists only inside the sealed email.
     */
    build(draft: InvitationDraft, documentId: string) {
      const token = newToken();
      const expiresAt = new Date(draft.now.getTime() + draft.expiresInDays * DAY);
      const row = {
        documentId,
        email: draft.email,
        emailNormalized: normalizeEmail(draft.email),
        firstName: draft.firstName ?? draft.contact.firstName ?? null,
        lastName: draft.lastName ?? draft.contact.lastName ?? null,
        tokenHash: hashToken(token),
        pendingKey: pairKey(draft.contact.documentId, draft.property?.documentId),
        status: 'pending',
        expiresAt,
        expiresInDays: draft.expiresInDays,
        sendCount: 1,
        message: draft.message ?? null,
        language: draft.language,
        permissions: draft.permissions ?? null,
        deliveryStatus: 'queued',
        deliveryAttempts: 0,
      };
      const email: OutboxInput = {
        template: 'invitation',
        to: draft.email,
        language: draft.language,
        payload: common.emailVariables({ ...draft, expiresAt }),
        secrets: { link: portalLinks(draft.portalUrl).accept(token) },
        subjectUid: UID.invitation,
        subjectDocumentId: documentId,
      };
      return { row, email, token, expiresAt };
    },

    /** Marks pending invitations past their expiry as expired (frees their pending slot); answers their ids. */
    expireWhere(extra: (query: any) => any): Promise<number[]> {
      return inTransaction(strapi, async (trx) => {
        const now = new Date();
        const c = (attribute: string) => columnOf(strapi, UID.invitation, attribute);
        const expired = await extra(tableQuery(strapi, trx, UID.invitation).where(c('status'), 'pending').where(c('expiresAt'), '<=', now))
          .update({ [c('status')]: 'expired', [c('pendingKey')]: null, [c('updatedAt')]: now })
          .returning(['id']);
        return expired.map((row: any) => Number(row.id ?? row));
      });
    },

    /** What follows an expiry: queued emails (dead links) dropped, the activity written, the event emitted. */
    async afterExpired(ids: number[]) {
      for (const batch of chunks(ids, 500)) {
        const rows = await strapi.db.query(UID.invitation).findMany({ where: { id: { $in: batch } }, populate: INVITATION_POPULATE as any });
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
        for (const inv of rows) common.emit(EVENTS.invitationExpired, eventPayload(inv));
      }
    },
  };
  return common;
};

export type InvitationCommon = ReturnType<typeof invitationCommon>;
