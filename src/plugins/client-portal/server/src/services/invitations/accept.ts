import type { Core } from '@strapi/strapi';
import { EVENTS, LIMITS, UID } from '../../constants';
import { getService } from '../../utils';
import { normalizeEmail } from '../../utils/email';
import { fieldError, problem } from '../../errors';
import { columnOf, inTransaction, tableQuery } from '../../utils/db';
import { hashToken, isWellFormedToken } from '../../utils/tokens';
import { passwordProblem, prehash, verifyPassword } from '../../utils/password';
import { withoutAutoInvite } from '../../document-middlewares/context';
import { isAccountConflict } from '../accounts/build';
import type { InvitationCommon } from './common';
import { eventPayload, invitedBy, maskEmail } from './present';

export interface AcceptInput {
  token?: unknown;
  password?: unknown;
  firstName?: string | null;
  lastName?: string | null;
}

const trimName = (name: string | null | undefined) => name?.slice(0, LIMITS.nameMax) ?? null;

/** The invite link: what it shows (changing nothing) and accepting it (an account, or new access for one). */
export const invitationAcceptance = (strapi: Core.Strapi, common: InvitationCommon) => {
  const settings = () => getService(strapi, 'settings');
  const activity = () => getService(strapi, 'activity');
  const store = () => getService(strapi, 'account-store');
  const deals = () => getService(strapi, 'deals');

  /** One conditional UPDATE claims the invitation: only one of two parallel accepts gets it. */
  const claim = async (trx: any, tokenHash: string, now: Date) => {
    const c = (attribute: string) => columnOf(strapi, UID.invitation, attribute);
    const claimed = await tableQuery(strapi, trx, UID.invitation)
      .where(c('tokenHash'), tokenHash)
      .where(c('status'), 'pending')
      .where(c('expiresAt'), '>', now)
      .update({ [c('status')]: 'accepted', [c('acceptedAt')]: now, [c('pendingKey')]: null, [c('updatedAt')]: now });
    if (Number(claimed) !== 1) throw problem('INVITE_INVALID');
  };

  /**
   * A contact removed from the portal and invited again: the same account comes back (history, notes and answers
   * included) with the password chosen now, the invitation's role and no old session.
   */
  const reactivate = async (inv: any, account: any, password: string) => {
    await strapi.documents(UID.user).update({
      documentId: account.documentId,
      data: {
        password: prehash(password),
        passwordChangedAt: new Date(),
        mustChangePassword: false,
        temporaryPasswordExpiresAt: null,
        blocked: false,
        removedAt: null,
        portalStatus: 'active',
        confirmed: true,
        ...(inv.portalRole ? { portalRole: inv.portalRole.id } : {}),
        ...(inv.property ? {} : { permissionOverrides: inv.permissions ?? null }),
      } as any,
    });
    return { account: await strapi.db.query(UID.user).findOne({ where: { id: account.id }, populate: { portalRole: true } }), created: false, reactivated: true };
  };

  /** The contact's account, which must know the password; or a new one (an unverified draft of the address is replaced). */
  const accountFor = async (inv: any, contact: any, input: AcceptInput, password: string) => {
    if (contact.portalAccount) {
      const account = await strapi.db.query(UID.user).findOne({ where: { id: contact.portalAccount.id }, populate: { portalRole: true } });
      if (account.removedAt) return reactivate(inv, account, password);
      if (account.blocked) throw problem('INVITE_INVALID');
      if (!(await verifyPassword(password, account.password))) {
        throw fieldError('password', 'you already have a portal account: enter its password to add this access');
      }
      return { account, created: false, reactivated: false };
    }
    // Accepting proves the address: an unverified self-registration of it is replaced (its password discarded).
    if (!(await store().discardDraft(normalizeEmail(inv.email)!))) throw problem('ACCOUNT_EXISTS');
    try {
      const account = await store().create({
        email: inv.email,
        password,
        portalStatus: 'active',
        creationMethod: 'invitation',
        contactId: contact.id,
        ownerId: contact.owner?.id ?? (await settings().officeAdministratorId()),
        portalRoleId: inv.portalRole?.id ?? null,
        permissionOverrides: inv.property ? null : (inv.permissions ?? null),
        language: inv.language,
        firstName: trimName(input.firstName ?? inv.firstName ?? contact.firstName),
        lastName: trimName(input.lastName ?? inv.lastName ?? contact.lastName),
        signedIn: true,
      });
      return { account, created: true, reactivated: false };
    } catch (error) {
      // Two invitations of one contact accepted at the same moment race for the one account the database allows.
      if (isAccountConflict(error)) throw problem('ACCOUNT_EXISTS');
      throw error;
    }
  };

  /** The access the invitation gives: its property; or, invited by a client, the inviter's shareable properties. */
  const grantAccess = async (inv: any, contact: any, account: any, created: boolean) => {
    if (inv.property) {
      await deals().grant(contact, inv.property, inv.portalRole, inv.permissions);
    } else if (inv.invitedByAccount) {
      // The inviter's properties where, today, the inviter may invite others and holds every flag of the chosen role.
      const access = getService(strapi, 'access');
      const inviter = await access.context(inv.invitedByAccount.id).catch(() => null);
      for (const entry of inviter ? access.shareableDeals(inviter, inv.portalRole?.permissions) : []) {
        await deals().grant(contact, entry.property, inv.portalRole, inv.permissions);
      }
    } else if (!created && !account.portalRole && inv.portalRole) {
      await strapi.db.query(UID.user).update({ where: { id: account.id }, data: { portalRole: inv.portalRole.id } });
    }
  };

  const logAccepted = async (inv: any, contact: any, account: any, created: boolean) => {
    const actor = { accountId: account.id };
    await activity().log({ type: 'invite_accepted', contactId: contact.id, propertyId: inv.property?.id, invitationId: inv.id, actor, summary: `${inv.email} accepted the invitation` });
    if (created) {
      await activity().log({ type: 'account_created', contactId: contact.id, actor, summary: 'Portal account created from an invitation' });
    } else if (inv.property) {
      await activity().log({ type: 'property_access_granted', contactId: contact.id, propertyId: inv.property.id, actor, summary: `Access to ${inv.property.title} added to the existing account` });
    }
  };

  const acceptance = {
    /** The pending, unexpired invitation for this token, else 400 INVITE_INVALID (same for every cause). */
    async findUsable(token: unknown) {
      if (!isWellFormedToken(token)) throw problem('INVITE_INVALID');
      const inv = await common.find({ tokenHash: hashToken(token) });
      if (!inv || inv.status !== 'pending' || new Date(inv.expiresAt) <= new Date()) throw problem('INVITE_INVALID');
      return inv;
    },

    /** What the invite link shows. Changes nothing (mail scanners open links). */
    async preview(token: unknown) {
      const inv = await acceptance.findUsable(token);
      const current = await settings().get();
      return {
        email: maskEmail(inv.email),
        invitedBy: invitedBy(inv).name ?? current.agencyName,
        role: { key: inv.portalRole?.key, name: inv.portalRole?.name },
        property: inv.property ? { title: inv.property.title, city: inv.property.city ?? null } : null,
        expiresAt: inv.expiresAt,
        portalName: current.agencyName,
      };
    },

    /**
     * Accepts an invitation: it is claimed, then the account is created (or the contact's existing account gets the
     * new access) in the same transaction; the client is signed in.
     */
    async accept(input: AcceptInput) {
      const weak = passwordProblem(input.password);
      if (weak) throw fieldError('password', weak);
      const password = input.password as string;
      if (!isWellFormedToken(input.token)) throw problem('INVITE_INVALID');
      const tokenHash = hashToken(input.token);
      const current = await settings().get();

      const result = await withoutAutoInvite(() =>
        inTransaction(strapi, async (trx) => {
          await claim(trx, tokenHash, new Date());
          const inv = await common.find({ tokenHash });
          const contact = await common.contact(inv.contact.documentId);
          const { account, created, reactivated } = await accountFor(inv, contact, input, password);
          await grantAccess(inv, contact, account, created);
          await strapi.db.query(UID.invitation).update({ where: { id: inv.id }, data: { acceptedBy: account.id } });
          await logAccepted(inv, contact, account, created);
          if (reactivated) await activity().log({ type: 'account_reactivated', contactId: contact.id, actor: { accountId: account.id }, summary: 'Back in the portal: the account removed earlier is active again' });
          return { inv, accountId: account.id, created, reactivated };
        }),
      );

      const account = await strapi.db.query(UID.user).findOne({ where: { id: result.accountId }, populate: { portalRole: true, contact: { select: ['documentId'] } } });
      const jwt = await getService(strapi, 'auth').issueJwt(account);
      common.emit(EVENTS.invitationAccepted, { ...eventPayload({ ...result.inv, status: 'accepted' }), account: account.documentId, accountCreated: result.created });
      if (result.reactivated) strapi.eventHub.emit(EVENTS.accountReactivated, { contact: result.inv.contact?.documentId ?? null, account: account.documentId, invitation: result.inv.documentId });
      return { jwt, user: store().present(account), created: result.created, portalName: current.agencyName };
    },
  };
  return acceptance;
};
