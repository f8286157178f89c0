import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import { UID } from '../constants';
import { columnOf, currentConnection, joinTableOf, quoted, rawTable, rowsOf, tableOf } from '../utils/db';
import { accountLinksOf, accountLinksSql, type AccountLinks } from './access/context';
import { SETTINGS_STORE_KEY } from './settings';
import type { SESSION_END_REASONS } from '../content-types/portal-session';

export type SessionEndReason = (typeof SESSION_END_REASONS)[number];

export interface SessionClaims {
  id?: number;
  sid?: string;
}

const DAY = 24 * 60 * 60 * 1000;
const CORE_STORE = 'strapi::core-store';

/** What one statement tells about the session behind a request (see `sessions.resolve`). */
export interface ResolvedSession {
  /** The session is open (not ended, not expired) and belongs to the JWT's account. */
  open: boolean;
  /** The account's users-permissions role (none: the account cannot authenticate). */
  upRole: { id: number; type: string } | null;
  /** Of the actions asked about, those the account's users-permissions role grants. */
  granted: Set<string>;
  /** users-permissions' "email confirmation" setting is on (then an unconfirmed account cannot authenticate). */
  emailConfirmation: boolean;
  /** The portal's saved settings (as the settings store answers them). */
  savedSettings: unknown;
  /** The account's contact and portal role. */
  links: AccountLinks;
}

/** A core-store value as the store answers it (JSON text on both databases); null when absent or unreadable. */
const storedValue = (raw: unknown): unknown => {
  if (typeof raw !== 'string') return raw ?? null;
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
};

/** A session row is open: the JWT's own account, not ended, not expired. */
const isOpenNow = (claims: SessionClaims, accountId: unknown, expiresAt: Date | null, endedAt: unknown) =>
  Number(accountId) === Number(claims.id) && endedAt == null && !!expiresAt && expiresAt > new Date();

/** A datetime column's raw value (a Date on PostgreSQL, milliseconds or an ISO string on SQLite) as a Date. */
const asDate = (value: unknown): Date | null => (value == null ? null : value instanceof Date ? value : new Date(typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : (value as any)));

/** The `exp` claim (seconds) of a JWT we just signed ourselves. */
const expiryOf = (jwt: string): Date => {
  const payload = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8'));
  return typeof payload.exp === 'number' ? new Date(payload.exp * 1000) : new Date(Date.now() + 7 * DAY);
};

/**
 * Server-side sessions of portal accounts. A JWT names its session (`sid`); users-permissions' JWT check accepts it
 * only while that session is open. Logout ends one session, "log out everywhere" and password changes end them all,
 * each at once for every instance (the state is in the database).
 */
const sessionsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const sessions = () => strapi.db.query(UID.portalSession as any);

  /**
   * The statement of `resolve` for `grants` actions (bound parameters: the two store keys, the actions, the session
   * id), built once per count: the metadata it is made of is fixed once Strapi has loaded.
   */
  const resolveStatements = new Map<number, string>();
  const resolveSql = (grants: number): string => {
    const known = resolveStatements.get(grants);
    if (known) return known;
    const q = quoted;
    const table = (uid: string) => rawTable(strapi, tableOf(strapi, uid));
    const session = (attribute: string) => `s.${q(columnOf(strapi, UID.portalSession, attribute))}`;
    const roleLink = joinTableOf(strapi, UID.user, 'role');
    const permissionLink = joinTableOf(strapi, UID.upPermission, 'role');
    const action = q(columnOf(strapi, UID.upPermission, 'action'));
    const store = (attribute: string) => q(columnOf(strapi, CORE_STORE, attribute));
    // The store has no unique key: two instances starting on a fresh database may both write a row (the first wins, as
    // for the store's own findOne).
    const stored = (alias: string) =>
      `(select st.${store('value')} from ${table(CORE_STORE)} st where st.${store('key')} = ? and st.${store('environment')} is null and st.${store('tag')} is null order by st.id limit 1) as ${alias}`;
    const links = accountLinksSql(strapi);
    const granted = Array.from(
      { length: grants },
      (_, index) =>
        `case when exists (select 1 from ${rawTable(strapi, permissionLink.name)} pr join ${table(UID.upPermission)} p on p.id = pr.${q(permissionLink.joinColumn.name)} ` +
        `where pr.${q(permissionLink.inverseJoinColumn.name)} = upr.id and p.${action} = ?) then 1 else 0 end as granted_${index}`,
    );
    const sql =
      `select ${session('accountId')} as session_account, ${session('expiresAt')} as session_expires, ${session('endedAt')} as session_ended, ` +
      `upr.id as up_role_id, upr.${q(columnOf(strapi, UID.upRole, 'type'))} as up_role_type, ` +
      `${stored('up_advanced')}, ${stored('portal_settings')}, ` +
      `${[...granted, links.columns].join(', ')} ` +
      `from ${table(UID.portalSession)} s ` +
      `left join ${table(UID.user)} u on u.id = ${session('accountId')} ` +
      `left join ${rawTable(strapi, roleLink.name)} uur on uur.${q(roleLink.joinColumn.name)} = u.id ` +
      `left join ${table(UID.upRole)} upr on upr.id = uur.${q(roleLink.inverseJoinColumn.name)} ` +
      `${links.joins} where ${session('sid')} = ? limit 1`;
    resolveStatements.set(grants, sql);
    return sql;
  };

  const service = {
    /** Opens a session for the account and answers its JWT. */
    async issue(accountId: number): Promise<{ jwt: string; sid: string }> {
      const sid = crypto.randomBytes(18).toString('base64url');
      const jwt = strapi.plugin('users-permissions').service('jwt').issue({ id: accountId, sid }) as string;
      await sessions().create({ data: { sid, accountId, expiresAt: expiryOf(jwt) } });
      return { jwt, sid };
    },

    /** True while the session named by a verified JWT payload is open (not ended, not expired, same account). */
    async isOpen(claims: SessionClaims | null | undefined): Promise<boolean> {
      if (!claims?.id || typeof claims.sid !== 'string') return false;
      const row = await sessions().findOne({ where: { sid: claims.sid }, select: ['accountId', 'expiresAt', 'endedAt'] });
      return !!row && isOpenNow(claims, row.accountId, asDate(row.expiresAt), row.endedAt);
    },

    /**
     * Everything a portal request's JWT check needs besides the account's own row, in one statement: the session
     * named by the JWT, the account's users-permissions role and whether it grants each of `actions`,
     * users-permissions' "email confirmation" setting, the portal's settings (for the "portal switched on" policy),
     * and the account's contact and portal role. Null when no session has this id. users-permissions' own check
     * spends six statements on these, the policy one and the access context one more.
     */
    async resolve(claims: SessionClaims, actions: string[]): Promise<ResolvedSession | null> {
      if (!claims?.id || typeof claims.sid !== 'string') return null;
      const knex = await currentConnection(strapi);
      const [row] = rowsOf(await knex.raw(resolveSql(actions.length), ['plugin_users-permissions_advanced', SETTINGS_STORE_KEY, ...actions, claims.sid]));
      if (!row) return null;
      const advanced = storedValue(row.up_advanced) as Record<string, unknown> | null;
      return {
        open: isOpenNow(claims, row.session_account, asDate(row.session_expires), row.session_ended),
        upRole: row.up_role_id == null ? null : { id: Number(row.up_role_id), type: row.up_role_type },
        granted: new Set(actions.filter((_, index) => Number(row[`granted_${index}`]) === 1)),
        emailConfirmation: !!advanced?.email_confirmation,
        savedSettings: storedValue(row.portal_settings),
        links: accountLinksOf(row),
      };
    },

    /** Ends one session of the account. */
    async end(accountId: number, sid: string, reason: SessionEndReason = 'logout') {
      const { count } = await sessions().updateMany({ where: { sid, accountId, endedAt: null }, data: { endedAt: new Date(), endReason: reason } });
      return count;
    },

    /** Ends every open session of the account (but `except`, the one just opened, when given). */
    async endAll(accountId: number, reason: SessionEndReason, except?: string) {
      const where: Record<string, unknown> = { accountId, endedAt: null };
      if (except) where.sid = { $ne: except };
      const { count } = await sessions().updateMany({ where, data: { endedAt: new Date(), endReason: reason } });
      return count;
    },

    /** Scheduled: forgets sessions expired or ended more than a day ago. */
    async purge() {
      const before = new Date(Date.now() - DAY);
      const { count } = await sessions().deleteMany({ where: { $or: [{ expiresAt: { $lt: before } }, { endedAt: { $lt: before } }] } });
      return count;
    },
  };
  return service;
};

export default sessionsService;
export type SessionsService = ReturnType<typeof sessionsService>;

declare module '../utils' { interface PortalServices { sessions: SessionsService } }
