import type { Core } from '@strapi/strapi';
import { EVENTS, UID } from '../../constants';
import { getService } from '../../utils';
import { problem } from '../../errors';
import { isUniqueViolation } from '../../utils/db-errors';
import { columnOf, currentConnection, findWithTargets, tableQuery } from '../../utils/db';
import { personName } from '../../utils/people';
import { pairKey } from '../../rules/keys';
import type { Actor } from '../activity';
import type { DeliveryOutcome } from '../outbox';
import { DAY, type InvitationCommon } from './common';
import { eventPayload, presentInvitation } from './present';

/** An invitation's life after it was made: extended, resent, revoked, expired, and what its email did. */
export const invitationLifecycle = (strapi: Core.Strapi, common: InvitationCommon) => {
  const settings = () => getService(strapi, 'settings');
  const activity = () => getService(strapi, 'activity');
  const outbox = () => getService(strapi, 'outbox');

  /** The invitation, or 404; 409 when it can no longer change (accepted, or revoked when `revokedToo`). */
  const changeable = async (documentId: string, revokedToo: boolean) => {
    const inv = await common.find({ documentId });
    if (!inv) throw problem('INVITATION_NOT_FOUND');
    if (inv.status === 'accepted') throw problem('INVITATION_ACCEPTED', { invitation: presentInvitation(inv) });
    if (revokedToo && inv.status === 'revoked') throw problem('INVITATION_REVOKED', { invitation: presentInvitation(inv) });
    return inv;
  };

  const lifecycle = {
    /** Pushes a pending invite's expiry out (used instead of a second invite). */
    async extend(invitationId: number, days?: number) {
      const current = await settings().get();
      const inv = await strapi.db.query(UID.invitation).findOne({ where: { id: invitationId }, select: ['id', 'expiresInDays'] });
      const period = days ?? inv?.expiresInDays ?? current.invitationExpiryDays;
      const expiresAt = new Date(Date.now() + period * DAY);
      await strapi.db.query(UID.invitation).updateMany({ where: { id: invitationId, status: 'pending' }, data: { expiresAt } });
      return expiresAt;
    },

    /** New token (the old link dies, and so does its email if still queued), fresh expiry, send count + 1; throttled. */
    async resend(documentId: string, actor: Actor = {}) {
      const current = await settings().get();
      const inv = await changeable(documentId, true);

      const hourAgo = new Date(Date.now() - 60 * 60 * 1000);
      const recent = await strapi.db.query(UID.activity).count({ where: { invitation: { id: inv.id }, type: 'invite_resent', createdAt: { $gt: hourAgo } } });
      if (recent >= current.resendLimitPerHour) {
        throw problem('RESEND_LIMIT', { limit: current.resendLimitPerHour }, `This invitation was resent ${recent} times in the last hour; try again later`);
      }

      const contact = await common.contact(inv.contact.documentId);
      if (await common.alreadyHasAccess(contact, inv.property)) throw problem('PORTAL_USER_EXISTS');

      const built = common.build(
        {
          contact,
          role: inv.portalRole,
          property: inv.property,
          email: inv.email,
          firstName: inv.firstName,
          lastName: inv.lastName,
          message: inv.message,
          expiresInDays: inv.expiresInDays ?? current.invitationExpiryDays,
          language: inv.language ?? common.languageOf(contact, current.defaultLanguage),
          inviter: (await common.inviterName(actor)) ?? personName(inv.invitedByAgent) ?? personName(inv.invitedByAccount),
          portalUrl: current.portalUrl,
          now: new Date(),
        },
        inv.documentId,
      );

      try {
        await strapi.db.transaction(async () => {
          // The current token hash is the version: of two parallel resends, one wins.
          const { count } = await strapi.db.query(UID.invitation).updateMany({
            where: { id: inv.id, tokenHash: inv.tokenHash, status: { $in: ['pending', 'expired'] } },
            data: {
              tokenHash: built.row.tokenHash,
              status: 'pending',
              pendingKey: built.row.pendingKey,
              expiresAt: built.expiresAt,
              sendCount: (inv.sendCount ?? 0) + 1,
              deliveryStatus: 'queued',
              deliveryError: null,
              deliveryAttempts: 0,
            },
          });
          if (count !== 1) throw problem('INVITATION_CHANGED');
          // An email still waiting to be sent carries the old link, which no longer works.
          await outbox().dropQueued(UID.invitation, [inv.documentId]);
          await outbox().enqueue({ ...built.email, template: 'invitation-reminder' });
          await activity().log({ type: 'invite_resent', contactId: inv.contact.id, propertyId: inv.property?.id, invitationId: inv.id, actor, summary: `Invitation resent to ${inv.email}` });
        });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        const existing = await common.find({ pendingKey: pairKey(inv.contact.documentId, inv.property?.documentId) });
        throw problem('ALREADY_PENDING', existing ? { invitation: presentInvitation(existing) } : {});
      }
      const updated = await common.find({ id: inv.id });
      common.emit(EVENTS.invitationResent, eventPayload(updated));
      return presentInvitation(updated);
    },

    /** Immediate and idempotent: the link stops working at once; unsent emails are dropped. */
    async revoke(documentId: string, actor: Actor = {}) {
      const inv = await changeable(documentId, false);
      if (inv.status !== 'revoked') {
        const changed = await strapi.db.transaction(async () => {
          const { count } = await strapi.db.query(UID.invitation).updateMany({
            where: { id: inv.id, status: { $in: ['pending', 'expired'] } },
            data: { status: 'revoked', revokedAt: new Date(), pendingKey: null },
          });
          if (count !== 1) return false;
          await outbox().dropQueued(UID.invitation, [inv.documentId]);
          await activity().log({ type: 'invite_revoked', contactId: inv.contact?.id, propertyId: inv.property?.id, invitationId: inv.id, actor, summary: `Invitation to ${inv.email} revoked` });
          return true;
        });
        if (changed) common.emit(EVENTS.invitationRevoked, eventPayload({ ...inv, status: 'revoked' }));
      }
      return presentInvitation(await common.find({ id: inv.id }));
    },

    /**
     * Resends or revokes several invitations (the Invitations page's bulk actions): each one answers on its own, so
     * one that cannot change (accepted, throttled …) is reported with its reason and does not stop the others.
     */
    async changeMany(documentIds: string[], change: 'resend' | 'revoke', actor: Actor = {}) {
      const done: Array<ReturnType<typeof presentInvitation>> = [];
      const failed: Array<{ invitation: string; code: string; message: string }> = [];
      for (const documentId of [...new Set(documentIds)]) {
        try {
          done.push(await lifecycle[change](documentId, actor));
        } catch (error) {
          const code = (error as { details?: { code?: string } })?.details?.code;
          if (!code) throw error;
          failed.push({ invitation: documentId, code, message: (error as Error).message });
        }
      }
      return { done, failed };
    },

    /** Scheduled job: marks invites past their expiry. Safe when several instances run it (each expires once). */
    async expireDue() {
      const ids = await common.expireWhere((q) => q);
      await common.afterExpired(ids);
      return ids.length;
    },

    /**
     * What the invitations' emails did (one entry per email, as the outbox records a group of outcomes in one
     * transaction): delivery state, activity, events. Delivered emails are written with one statement per attempt count.
     */
    async recordDeliveries(entries: Array<{ documentId: string; outcome: DeliveryOutcome }>) {
      if (entries.length === 0) return;
      // What the activity entries and events name: no more.
      const trx = await currentConnection(strapi);
      const rows = await findWithTargets(strapi, trx, UID.invitation, {
        where: ['documentId', entries.map((entry) => entry.documentId)],
        select: ['documentId', 'status', 'email'],
        targets: { contact: ['documentId'], property: ['documentId'], portalRole: ['key'] },
      });
      const byDocumentId = new Map(rows.map((row: any) => [row.documentId, row]));
      const now = new Date();
      const sent = entries.filter((entry) => entry.outcome.state === 'sent' && byDocumentId.has(entry.documentId));
      const attemptCounts = [...new Set(sent.map((entry) => entry.outcome.attempts))];
      for (const attempts of attemptCounts) {
        const ids = sent.filter((entry) => entry.outcome.attempts === attempts).map((entry) => byDocumentId.get(entry.documentId).id);
        await tableQuery(strapi, trx, UID.invitation)
          .whereIn('id', ids)
          .update({
            [columnOf(strapi, UID.invitation, 'deliveryStatus')]: 'sent',
            [columnOf(strapi, UID.invitation, 'deliveryError')]: null,
            [columnOf(strapi, UID.invitation, 'deliveryAttempts')]: attempts,
            // The first delivery's moment stays; the latest is now.
            [columnOf(strapi, UID.invitation, 'sentAt')]: trx.raw('COALESCE(??, ?)', [columnOf(strapi, UID.invitation, 'sentAt'), now]),
            [columnOf(strapi, UID.invitation, 'lastSentAt')]: now,
          });
      }
      const delivered = sent.map((entry) => byDocumentId.get(entry.documentId));
      await activity().logMany(
        delivered.map((inv: any) => ({ type: 'invite_sent' as const, contactId: inv.contact?.id, propertyId: inv.property?.id, invitationId: inv.id, summary: `Invitation email delivered to ${inv.email}` })),
      );

      for (const { documentId, outcome } of entries) {
        const inv = byDocumentId.get(documentId);
        if (!inv || outcome.state === 'sent') continue;
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
          common.emit(EVENTS.invitationFailed, { ...eventPayload(inv), error: outcome.error });
        }
      }
      for (const inv of delivered) common.emit(EVENTS.invitationSent, eventPayload(inv));
    },
  };
  return lifecycle;
};
