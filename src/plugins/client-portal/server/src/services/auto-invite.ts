import type { Core } from '@strapi/strapi';
import { UID } from '../constants';
import { getService } from '../utils';
import { actorFromRequest } from '../utils/actor';
import { autoInviteSuppressed } from '../document-middlewares/context';
import { attempt } from '../utils/db';
import { propertySharedEmail } from './access/deals';

export type AutoInviteResult =
  | { action: 'none' }
  | { action: 'invited'; invitation: string }
  | { action: 'extended'; invitations: string[] }
  | { action: 'notified' }
  | { action: 'skipped'; reason: SkipReason; message: string };

export type SkipReason = 'no_email' | 'do_not_contact' | 'account_blocked' | 'removed_from_portal' | 'invite_failed';

const SKIPPED: Record<Exclude<SkipReason, 'invite_failed'>, string> = {
  no_email: 'the contact has no email address',
  do_not_contact: 'the contact is marked do not contact',
  account_blocked: 'the contact\'s portal account is blocked',
  removed_from_portal: 'the contact was removed from the portal: invite them again by hand',
};

/**
 * Automatic invitations: when a contact is added to a property (a deal is created or re-linked) and the contact has
 * auto-invite on, or the deal's role is a guest role (co-owner, read-only guest); when a contact is created with
 * "send portal invite"; and when a contact's email changes while invites are pending.
 */
const autoInviteService = ({ strapi }: { strapi: Core.Strapi }) => {
  const invitations = () => getService(strapi, 'invitations');
  const settings = () => getService(strapi, 'settings');

  /** The deal is saved all the same; the contact's activity says why nobody was invited. */
  const skipped = async (contact: any, property: any, reason: SkipReason, message: string): Promise<AutoInviteResult> => {
    await getService(strapi, 'activity').log({
      type: 'auto_invite_skipped',
      contactId: contact.id,
      propertyId: property?.id,
      actor: actorFromRequest(strapi),
      summary: `Not invited automatically to ${property?.title ?? 'the property'}: ${message}`,
      details: { reason },
    });
    return { action: 'skipped', reason, message };
  };

  const service = {
    /**
     * A contact was added to a property. Whatever happens here, saving the deal does not fail: an invitation that
     * cannot be made (no email, do not contact, a blocked account, any other refusal) is undone on its own and the
     * reason written to the contact's activity.
     */
    async onDealLinked(dealDocumentId: string): Promise<AutoInviteResult> {
      if (autoInviteSuppressed()) return { action: 'none' };
      const outcome = await attempt(strapi, () => service.inviteForDeal(dealDocumentId));
      if (outcome.ok) return outcome.value;
      const deal = await strapi.db.query(UID.deal).findOne({ where: { documentId: dealDocumentId }, populate: { contact: { select: ['id'] }, property: { select: ['id', 'title'] } } });
      const message = (outcome.error as { message?: string })?.message ?? String(outcome.error);
      strapi.log.warn(`client-portal: automatic invite for deal ${dealDocumentId} not made: ${message}`);
      return deal?.contact ? skipped(deal.contact, deal.property, 'invite_failed', message) : { action: 'none' };
    },

    async inviteForDeal(dealDocumentId: string): Promise<AutoInviteResult> {
      const deal = await strapi.db.query(UID.deal).findOne({
        where: { documentId: dealDocumentId },
        populate: {
          contact: { populate: { autoInviteRole: true, portalAccount: { select: ['id', 'email', 'portalStatus', 'blocked', 'removedAt', 'language'] } } },
          property: { select: ['id', 'documentId', 'title', 'address', 'city'] },
          portalRole: true,
        },
      });
      const contact = deal?.contact;
      if (!contact || !deal.property) return { action: 'none' };
      const current = await settings().get();

      let role = null;
      if (contact.autoInvite) role = contact.autoInviteRole ?? (await getService(strapi, 'roles').findByKey(current.defaultAutoInviteRole));
      else if (deal.portalRole && current.autoInviteGuestRoles.includes(deal.portalRole.key)) role = deal.portalRole;
      if (!role) return { action: 'none' };
      if (contact.doNotContact) return skipped(contact, deal.property, 'do_not_contact', SKIPPED.do_not_contact);
      if (contact.portalAccount?.removedAt) return skipped(contact, deal.property, 'removed_from_portal', SKIPPED.removed_from_portal);
      if (contact.portalAccount?.blocked) return skipped(contact, deal.property, 'account_blocked', SKIPPED.account_blocked);
      if (!deal.portalRole) await strapi.db.query(UID.deal).update({ where: { id: deal.id }, data: { portalRole: role.id } });

      const actor = actorFromRequest(strapi);
      const account = contact.portalAccount;
      if (account && account.portalStatus === 'active' && !account.blocked) {
        // The deal itself gives the account access to the property: tell the client.
        await getService(strapi, 'outbox').enqueue(propertySharedEmail({ account, contact, property: deal.property, deal, link: current.portalUrl }));
        await getService(strapi, 'activity').log({
          type: 'property_access_granted',
          contactId: contact.id,
          propertyId: deal.property.id,
          actor,
          summary: `${deal.property.title} shared with the existing portal account`,
        });
        return { action: 'notified' };
      }

      const pending = await invitations().pendingFor(contact.documentId);
      if (pending.length) {
        for (const inv of pending) await invitations().extend(inv.id);
        return { action: 'extended', invitations: pending.map((inv: any) => inv.documentId) };
      }
      if (!contact.email) return skipped(contact, deal.property, 'no_email', SKIPPED.no_email);
      const invitation = await invitations().create({ contact: contact.documentId, portalRole: role.documentId, property: deal.property.documentId }, actor);
      return { action: 'invited', invitation: invitation.documentId };
    },

    /** "Send portal invite" ticked on the contact form: invite now, with the contact's auto-invite role or the default. */
    async inviteContact(contactDocumentId: string) {
      const contact = await strapi.db.query(UID.contact).findOne({ where: { documentId: contactDocumentId }, populate: { autoInviteRole: true } });
      const current = await settings().get();
      const roleRef = contact?.autoInviteRole?.documentId ?? current.defaultAutoInviteRole;
      return invitations().create({ contact: contactDocumentId, portalRole: roleRef }, actorFromRequest(strapi));
    },

    /** The contact's email changed: pending invites are revoked and reissued to the new address. */
    async onEmailChanged(contactDocumentId: string, newEmail: string | null) {
      const pending = await strapi.db.query(UID.invitation).findMany({
        where: { contact: { documentId: contactDocumentId }, status: 'pending' },
        populate: { portalRole: true, property: true },
      });
      const actor = actorFromRequest(strapi);
      const reissued: string[] = [];
      for (const inv of pending) {
        await invitations().revoke(inv.documentId, actor);
        if (!newEmail) continue;
        const fresh = await invitations().create(
          {
            contact: contactDocumentId,
            portalRole: inv.portalRole.documentId,
            property: inv.property?.documentId ?? null,
            email: newEmail,
            message: inv.message,
            permissions: inv.permissions,
            expiresInDays: inv.expiresInDays,
          },
          actor,
        );
        reissued.push(fresh.documentId);
      }
      return reissued;
    },
  };
  return service;
};

export default autoInviteService;
export type AutoInviteService = ReturnType<typeof autoInviteService>;

declare module '../utils' { interface PortalServices { 'auto-invite': AutoInviteService } }
