import type { Core } from '@strapi/strapi';
import { UID } from '../../constants';
import { getConfig, getService } from '../../utils';
import { fieldError, hasCode, problem } from '../../errors';
import { normalizeEmail } from '../../utils/email';
import { columnOf, inTransaction, tableQuery } from '../../utils/db';
import { securityEvent } from '../../utils/security-log';
import { contactForAddress } from '../../utils/contacts';
import type { PortalContext } from '../access/context';
import type { PortalShared } from './shared';

/** A client invites a co-owner or adviser into their own portal. */
export const portalInviteOthers = (strapi: Core.Strapi, shared: PortalShared) => {
  const { access, now } = shared;

  /** Takes one of today's (UTC) invite-others slots of the account in one conditional UPDATE; 429 when none is left. */
  const reserveSlot = async (accountId: number) => {
    const perDay = getConfig(strapi).clientInvitesPerDay;
    const today = now().toISOString().slice(0, 10);
    const reserved = await inTransaction(strapi, (trx) => {
      const day = columnOf(strapi, UID.user, 'inviteQuotaDay');
      const used = columnOf(strapi, UID.user, 'inviteQuotaUsed');
      return tableQuery(strapi, trx, UID.user)
        .where('id', accountId)
        .where((q: any) => q.whereNull(day).orWhere(day, '<>', today).orWhereNull(used).orWhere(used, '<', perDay))
        .update({ [used]: trx.raw('CASE WHEN ?? = ? THEN COALESCE(??, 0) + 1 ELSE 1 END', [day, today, used]), [day]: today });
    });
    if (Number(reserved) !== 1) {
      securityEvent(strapi, 'rate_limited', { action: 'inviteOthers', scope: 'account' });
      throw problem('INVITES_PER_DAY', { perDay }, `You can invite at most ${perDay} people a day`);
    }
  };

  return {
    /**
     * GET /invitations/roles: the roles the client may invite someone with — each no stronger than their own on at
     * least one property they may share — with the properties it would share. 403 when inviting is off for them.
     */
    async invitableRoles(ctx: PortalContext) {
      const settings = await getService(strapi, 'settings').get();
      if (!settings.clientsCanInviteOthers) throw problem('INVITES_OFF');
      access().requireAny(ctx, 'inviteOthers');
      const roles = await strapi.db.query(UID.portalRole).findMany({ select: ['documentId', 'key', 'name', 'description', 'permissions'], orderBy: [{ name: 'asc' }, { id: 'asc' }] });
      return roles.flatMap((role: any) => {
        const deals = access().shareableDeals(ctx, role.permissions);
        return deals.length ? [{ documentId: role.documentId, key: role.key, name: role.name, description: role.description ?? null, properties: deals.map((deal) => ({ documentId: deal.property.documentId, title: deal.property.title })) }] : [];
      });
    },

    /**
     * Only when the portal allows it and the role has inviteOthers, with a role no stronger than the inviter's own on
     * each property shared (properties where it would be stronger are not shared; none at all is a 403). Capped per
     * day, atomically. The answer is the same whoever the address belongs to (unknown, a contact, a portal user,
     * already invited): nothing about anyone else.
     */
    async inviteOther(ctx: PortalContext, input: { email: string; firstName: string; lastName: string; role: string }) {
      const settings = await getService(strapi, 'settings').get();
      if (!settings.clientsCanInviteOthers) throw problem('INVITES_OFF');
      access().requireAny(ctx, 'inviteOthers');
      const role = await getService(strapi, 'roles').resolve(input.role, 'role');
      if (access().shareableDeals(ctx, role.permissions).length === 0) throw problem('ROLE_TOO_STRONG');

      const email = normalizeEmail(input.email)!;
      const own = await strapi.db.query(UID.contact).findOne({ where: { id: ctx.contactId }, select: ['emailNormalized'], populate: { owner: { select: ['id'] } } });
      if (email === normalizeEmail(ctx.account.email) || email === own?.emailNormalized) throw fieldError('email', 'is your own address');
      await reserveSlot(ctx.accountId);

      const contact = await contactForAddress(strapi, input, { ownerId: own?.owner?.id ?? null, language: ctx.account.language ?? 'en', leadSource: 'referral' });
      if (!contact.doNotContact && contact.id !== ctx.contactId) {
        try {
          await getService(strapi, 'invitations').create(
            { contact: contact.documentId, portalRole: role.documentId, email: input.email, firstName: input.firstName, lastName: input.lastName },
            { accountId: ctx.accountId },
          );
        } catch (error) {
          // Already a portal user, or already invited: nothing more to do, and nothing to tell.
          if (!hasCode(error, 'PORTAL_USER_EXISTS') && !hasCode(error, 'ALREADY_PENDING')) throw error;
        }
      }
      return { ok: true, email: input.email, firstName: input.firstName, lastName: input.lastName, role: { key: role.key, name: role.name } };
    },
  };
};
