import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import { csvStream } from '../utils/csv';
import { DEFAULT_LANGUAGE, LANGUAGES, UID } from '../constants';
import { getConfig, getService } from '../utils';
import { chunks } from '../utils/db';
import { personName } from '../utils/people';
import { normalizeEmail } from '../utils/email';
import { fieldError, fieldProblem, hasCode, problem } from '../errors';
import { formatEmailDate } from '../emails';
import { portalLinks } from '../utils/portal-links';
import { isAccountConflict } from './accounts/build';
import type { Actor } from './activity';

const DAY = 24 * 60 * 60 * 1000;
/** Letters and digits without look-alikes (0/O, 1/l/I), plus a few symbols: 8 characters ≈ 48 bits. */
const TEMP_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!@#$%&*?';

export const temporaryPassword = (length = 8) =>
  Array.from({ length }, () => TEMP_ALPHABET[crypto.randomInt(0, TEMP_ALPHABET.length)]).join('');

export interface PortalUserQuery {
  status?: 'active' | 'draft' | 'blocked' | 'removed';
  q?: string;
  /** Portal role key. */
  role?: string;
  /** Responsible agent (admin user id). */
  agent?: number;
  page: number;
  pageSize: number;
}


/**
 * Portal users for agents: accounts an agent creates (temporary password), the list and CSV export (activation
 * status, last login, invited at, role, responsible agent), and "why can't this client log in?".
 */
const portalUsersService = ({ strapi }: { strapi: Core.Strapi }) => {
  const settings = () => getService(strapi, 'settings');
  const where = (query: Omit<PortalUserQuery, 'page' | 'pageSize'>) => {
    // Portal accounts: linked to a contact, or self-registered and not verified yet (drafts have no contact).
    const and: Record<string, unknown>[] = [{ $or: [{ contact: { id: { $notNull: true } } }, { portalStatus: 'draft' }] }];
    // Removed from the portal: only under their own filter.
    if (query.status === 'removed') and.push({ removedAt: { $notNull: true } });
    else and.push({ removedAt: { $null: true } });
    if (query.status === 'blocked') and.push({ blocked: true });
    else if (query.status && query.status !== 'removed') and.push({ portalStatus: query.status, blocked: false });
    if (query.q) {
      const like = { $containsi: query.q };
      and.push({ $or: [{ email: like }, { firstName: like }, { lastName: like }] });
    }
    if (query.role) and.push({ portalRole: { key: query.role } });
    if (query.agent) and.push({ owner: { id: query.agent } });
    return { $and: and };
  };

  /** The first invitation date per contact, in one query per batch. */
  const invitedAt = async (contactIds: number[]) => {
    const map = new Map<number, Date>();
    for (const batch of chunks(contactIds, 500)) {
      const rows = await strapi.db.query(UID.invitation).findMany({
        where: { contact: { id: { $in: batch } } },
        select: ['createdAt'],
        populate: { contact: { select: ['id'] } },
        orderBy: { createdAt: 'asc' },
      });
      for (const row of rows) if (row.contact && !map.has(row.contact.id)) map.set(row.contact.id, row.createdAt);
    }
    return map;
  };

  /** The client groups of each contact, in one query per batch. */
  const groupsOf = async (contactIds: number[]) => {
    const map = new Map<number, string[]>();
    for (const batch of chunks(contactIds, 500)) {
      const rows = await strapi.db.query(UID.groupMember).findMany({
        where: { contact: { id: { $in: batch } } },
        populate: { contact: { select: ['id'] }, group: { select: ['name'] } },
        orderBy: { id: 'asc' },
      });
      for (const row of rows) if (row.contact && row.group) map.set(row.contact.id, [...(map.get(row.contact.id) ?? []), row.group.name]);
    }
    return map;
  };

  const rows = async (query: Omit<PortalUserQuery, 'page' | 'pageSize'>, offset: number, limit: number) => {
    const users = await strapi.db.query(UID.user).findMany({
      where: where(query),
      populate: { contact: { select: ['id', 'documentId', 'firstName', 'lastName'] }, portalRole: { select: ['key', 'name'] }, owner: { select: ['firstname', 'lastname', 'email'] } },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      offset,
      limit,
    });
    const contactIds = users.filter((user: any) => user.contact).map((user: any) => user.contact.id);
    const [invited, groups] = await Promise.all([invitedAt(contactIds), groupsOf(contactIds)]);
    return users.map((user: any) => ({
      documentId: user.documentId,
      email: user.email,
      firstName: user.firstName ?? null,
      lastName: user.lastName ?? null,
      activationStatus: user.removedAt ? 'removed' : user.blocked ? 'blocked' : user.portalStatus,
      removedAt: user.removedAt ?? null,
      mustChangePassword: !!user.mustChangePassword,
      creationMethod: user.creationMethod ?? null,
      contact: user.contact ? { documentId: user.contact.documentId, name: personName(user.contact) } : null,
      role: user.portalRole ? { key: user.portalRole.key, name: user.portalRole.name } : null,
      responsibleAgent: user.owner ? { name: personName(user.owner), email: user.owner.email } : null,
      invitedAt: user.contact ? (invited.get(user.contact.id) ?? null) : null,
      groups: user.contact ? (groups.get(user.contact.id) ?? []) : [],
      firstLoginAt: user.firstLoginAt ?? null,
      lastLoginAt: user.lastLoginAt ?? null,
      createdAt: user.createdAt,
    }));
  };

  return {
    /** Agent-created account: a temporary 8-character password is emailed; it must be changed at first login. */
    async createByAgent(input: { contact: string; portalRole?: string | null }, actor: Actor) {
      const current = await settings().get();
      const contact = await strapi.db.query(UID.contact).findOne({
        where: { documentId: input.contact },
        populate: { portalAccount: { select: ['id', 'documentId'] }, owner: { select: ['id'] }, autoInviteRole: true },
      });
      if (!contact) throw fieldError('contact', 'no contact with this documentId');
      if (contact.portalAccount) throw problem('PORTAL_USER_EXISTS', { portalUser: { documentId: contact.portalAccount.documentId } });
      const role = await getService(strapi, 'roles').resolve(input.portalRole ?? contact.autoInviteRole?.documentId ?? current.defaultAutoInviteRole);
      const email = normalizeEmail(contact.email);
      if (!email) throw fieldProblem('EMAIL_REQUIRED_FOR_ACCOUNT', 'email');

      const password = temporaryPassword();
      const expiresAt = new Date(Date.now() + getConfig(strapi).temporaryPasswordLifetimeDays * DAY);
      const language = (LANGUAGES as readonly string[]).includes(contact.language) ? contact.language : DEFAULT_LANGUAGE;
      const ownerId = contact.owner?.id ?? (await settings().officeAdministratorId());
      const inviter = actor.agentId ? await strapi.db.query(UID.adminUser).findOne({ where: { id: actor.agentId }, select: ['firstname', 'lastname'] }) : null;
      const store = getService(strapi, 'account-store');

      let created: any;
      try {
        created = await strapi.db.transaction(async () => {
          // An unverified self-registration of this address does not block the agent: it is replaced.
          if (!(await store.discardDraft(email))) throw problem('EMAIL_TAKEN');
          const user = await store.create({
            email,
            password,
            portalStatus: 'active',
            creationMethod: 'agent_created',
            contactId: contact.id,
            ownerId,
            portalRoleId: role.id,
            language,
            firstName: contact.firstName ?? null,
            lastName: contact.lastName ?? null,
            mustChangePassword: true,
            temporaryPasswordExpiresAt: expiresAt,
          });
          await getService(strapi, 'outbox').enqueue({
            template: 'account-created',
            to: email,
            language,
            payload: {
              inviterName: personName(inviter) ?? '',
              firstName: contact.firstName ?? '',
              contactName: [contact.firstName, contact.lastName].filter(Boolean).join(' '),
              email,
              expiresAt: formatEmailDate(expiresAt, language),
            },
            secrets: { temporaryPassword: password, link: portalLinks(current.portalUrl).login },
            subjectUid: UID.user,
            subjectDocumentId: user.documentId,
          });
          await getService(strapi, 'activity').log({ type: 'account_created', contactId: contact.id, actor, summary: `Portal user created by an agent (${email})` });
          return user;
        });
      } catch (error) {
        if (isAccountConflict(error)) throw problem('PORTAL_USER_EXISTS');
        // The address is taken by an account another request just made for this very contact: the same conflict.
        if (hasCode(error, 'EMAIL_TAKEN')) {
          const now = await strapi.db.query(UID.contact).findOne({ where: { id: contact.id }, populate: { portalAccount: { select: ['id'] } } });
          if (now?.portalAccount) throw problem('PORTAL_USER_EXISTS');
        }
        throw error;
      }
      return store.present(await store.load(created.id));
    },

    /** "Why can't this client log in?": every cause the agent can check, per contact. */
    async loginCheck(contactDocumentId: string) {
      const current = await settings().get();
      const contact = await strapi.db.query(UID.contact).findOne({
        where: { documentId: contactDocumentId },
        populate: { portalAccount: { select: ['id', 'documentId', 'email', 'portalStatus', 'blocked', 'confirmed', 'mustChangePassword', 'temporaryPasswordExpiresAt', 'firstLoginAt', 'lastLoginAt'] } },
      });
      if (!contact) throw problem('CONTACT_NOT_FOUND');
      const account = contact.portalAccount;
      const tempExpired = !!(account?.mustChangePassword && account.temporaryPasswordExpiresAt && new Date(account.temporaryPasswordExpiresAt) <= new Date());
      const pending = await getService(strapi, 'invitations').pendingFor(contactDocumentId);
      const checks = [
        { key: 'portal_enabled', ok: current.portalEnabled, message: current.portalEnabled ? 'The client portal is switched on' : 'The client portal is switched off in the settings' },
        { key: 'account', ok: !!account, message: account ? `Has a portal account (${account.email})` : pending.length ? 'No portal account yet: an invitation is waiting to be accepted' : 'No portal account yet: invite the contact or create a portal user' },
        ...(account
          ? [
              { key: 'email_verified', ok: account.portalStatus === 'active', message: account.portalStatus === 'active' ? 'Email address verified' : 'Email address not verified yet: the client must enter the emailed code (they can ask for a new one)' },
              { key: 'not_blocked', ok: !account.blocked, message: account.blocked ? 'The account is blocked' : 'The account is not blocked' },
              { key: 'temporary_password', ok: !tempExpired, message: tempExpired ? 'The temporary password has expired: the client can use "forgot password"' : account.mustChangePassword ? 'Must choose a new password at the next login' : 'Uses their own password' },
            ]
          : []),
      ];
      return {
        contact: contactDocumentId,
        canLogIn: checks.every((check) => check.ok),
        checks,
        publicPortalId: current.publicPortalId,
        mustChangePassword: !!account?.mustChangePassword,
        firstLoginAt: account?.firstLoginAt ?? null,
        lastLoginAt: account?.lastLoginAt ?? null,
        pendingInvitation: pending[0] ? { documentId: pending[0].documentId, expiresAt: pending[0].expiresAt, sentAt: pending[0].sentAt ?? null } : null,
      };
    },

    async list(query: PortalUserQuery) {
      const [data, total] = await Promise.all([
        rows(query, (query.page - 1) * query.pageSize, query.pageSize),
        strapi.db.query(UID.user).count({ where: where(query) }),
      ]);
      return { data, meta: { pagination: { page: query.page, pageSize: query.pageSize, pageCount: Math.ceil(total / query.pageSize), total } } };
    },

    /** Streams the CSV in batches, so a large office never sits in memory at once. */
    exportCsv(query: Omit<PortalUserQuery, 'page' | 'pageSize'>) {
      const iso = (value: unknown) => (value ? new Date(value as string).toISOString() : '');
      return csvStream(
        [
          { key: 'email', header: 'Email' },
          { key: 'firstName', header: 'First name' },
          { key: 'lastName', header: 'Last name' },
          { key: 'activationStatus', header: 'Activation status' },
          { key: 'lastLoginAt', header: 'Last login' },
          { key: 'invitedAt', header: 'Invited at' },
          { key: 'role', header: 'Role' },
          { key: 'responsibleAgent', header: 'Responsible agent' },
          { key: 'groups', header: 'Client groups' },
          { key: 'creationMethod', header: 'Created by' },
          { key: 'createdAt', header: 'Created at' },
        ],
        (offset, size) => rows(query, offset, size),
        (row) => ({
          ...row,
          lastLoginAt: iso(row.lastLoginAt),
          invitedAt: iso(row.invitedAt),
          createdAt: iso(row.createdAt),
          role: row.role?.name ?? '',
          responsibleAgent: row.responsibleAgent?.name ?? '',
          groups: row.groups.join('; '),
        }),
      );
    },
  };
};

export default portalUsersService;
export type PortalUsersService = ReturnType<typeof portalUsersService>;

declare module '../utils' { interface PortalServices { 'portal-users': PortalUsersService } }
