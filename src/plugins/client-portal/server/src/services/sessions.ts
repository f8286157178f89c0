import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import { UID } from '../constants';
import type { SESSION_END_REASONS } from '../content-types/portal-session';

export type SessionEndReason = (typeof SESSION_END_REASONS)[number];

export interface SessionClaims {
  id?: number;
  sid?: string;
}

const DAY = 24 * 60 * 60 * 1000;

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
      return !!row && Number(row.accountId) === Number(claims.id) && !row.endedAt && new Date(row.expiresAt) > new Date();
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
