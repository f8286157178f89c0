import type { Core } from '@strapi/strapi';
import { EVENTS, UID } from '../constants';
import { getService } from '../utils';
import { problem } from '../errors';
import { inTransaction } from '../utils/db';
import type { Actor } from './activity';

export interface RemovalResult {
  contact: string;
  account: string;
  removedAt: string;
  /** The contact's invitations that were pending and are now revoked. */
  revokedInvitations: string[];
  /** Sessions of the account that ended (their JWTs answer 401). */
  endedSessions: number;
  /** The client groups the contact left. */
  leftGroups: string[];
}

/**
 * Taking a contact out of the portal: the account is deactivated (blocked and marked removed) and every session ends
 * at once, pending invitations are revoked (their queued emails dropped), group memberships end. Notes, photos,
 * answers and history stay. Inviting the contact again later reactivates this same account through the new invitation
 * (see invitations/accept). Idempotent: removing a removed contact answers the same removal.
 */
const removalService = ({ strapi }: { strapi: Core.Strapi }) => {
  const activity = () => getService(strapi, 'activity');

  const pendingInvitations = async (contactId: number) =>
    (await strapi.db.query(UID.invitation).findMany({ where: { contact: { id: contactId }, status: 'pending' }, select: ['documentId'] })).map((row: any) => row.documentId as string);

  return {
    async remove(contactDocumentId: string, actor: Actor): Promise<RemovalResult> {
      const contact = await strapi.db.query(UID.contact).findOne({
        where: { documentId: contactDocumentId },
        select: ['id', 'documentId', 'firstName', 'lastName'],
        populate: { portalAccount: { select: ['id', 'documentId', 'removedAt'] } },
      });
      if (!contact) throw problem('CONTACT_NOT_FOUND');
      const account = contact.portalAccount;
      if (!account) throw problem('NO_PORTAL_ACCOUNT');

      // Pending invitations first, so none can be accepted (and reactivate the account) once it is removed. Each
      // revoke is its own conditional change (drops its queued email, logs and emits once).
      const revoked = await pendingInvitations(contact.id);
      for (const documentId of revoked) await getService(strapi, 'invitations').revoke(documentId, actor);
      const result = await inTransaction(strapi, async () => {
        const removedAt = account.removedAt ? new Date(account.removedAt) : new Date();
        // Conditional: of two parallel removals one records it.
        const { count } = await strapi.db.query(UID.user).updateMany({ where: { id: account.id, removedAt: { $null: true } }, data: { blocked: true, removedAt } as any });
        const endedSessions = await getService(strapi, 'sessions').endAll(account.id, 'removed_from_portal');
        // Group memberships end (the groups' properties leave with them); the contact's own deals and history stay.
        const groups = await getService(strapi, 'groups').leaveAll(contact.id, actor);
        if (count === 1) {
          await activity().log({ type: 'portal_removed', contactId: contact.id, actor, summary: 'Removed from the portal: the account is deactivated, its history kept' });
        }
        return { removedAt, endedSessions, groups, changed: count === 1 };
      });

      const removal: RemovalResult = {
        contact: contact.documentId,
        account: account.documentId,
        removedAt: result.removedAt.toISOString(),
        revokedInvitations: revoked,
        endedSessions: result.endedSessions,
        leftGroups: result.groups,
      };
      if (result.changed) strapi.eventHub.emit(EVENTS.accountRemoved, { ...removal, actor });
      return removal;
    },
  };
};

export default removalService;
export type RemovalService = ReturnType<typeof removalService>;

declare module '../utils' { interface PortalServices { removal: RemovalService } }
