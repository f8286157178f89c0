import crypto from 'crypto';
import bcrypt from 'bcryptjs';
import type { Core } from '@strapi/strapi';
import { LANGUAGES, PORTAL_SESSION_STATE, UID } from '../../constants';
import { getService } from '../../utils';
import { fieldError, problem } from '../../errors';
import { passwordProblem, prehash, verifyPassword } from '../../utils/password';
import { formatEmailDate } from '../../emails';
import { portalLinks } from '../../utils/portal-links';
import { securityEvent } from '../../utils/security-log';

/**
 * Signing in and passwords: login (one answer for every failure), the server-side session behind each JWT,
 * forgot / reset with an emailed code, change, and logout of one session or all.
 */
const authService = ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => getService(strapi, 'account-store');
  const activity = () => getService(strapi, 'activity');
  const sessions = () => getService(strapi, 'sessions');

  // Compared against when the email is unknown, so a miss costs as much as a hit.
  const dummyHash = bcrypt.hashSync(prehash(crypto.randomBytes(16).toString('hex')), 10);

  const service = {
    /** Opens a server-side session and answers its JWT (logout, logout-all and password changes end it). */
    async issueJwt(user: { id: number }) {
      return (await sessions().issue(Number(user.id))).jwt;
    },

    /** Checked on every authenticated request: the JWT's session must still be open. */
    async tokenIsCurrent(payload: { id?: number; sid?: string }) {
      const open = await sessions().isOpen(payload);
      if (!open) securityEvent(strapi, 'session_rejected', { accountId: payload?.id ?? null });
      return open;
    },

    /** One answer for unknown email, wrong password, draft and blocked accounts. Records first and last login. */
    async login(input: { email: unknown; password: unknown }) {
      const user = await store().findByEmail(input.email);
      const valid = await verifyPassword(input.password, user?.password ?? dummyHash);
      const now = new Date();
      const tempExpired = user?.mustChangePassword && user.temporaryPasswordExpiresAt && new Date(user.temporaryPasswordExpiresAt) <= now;
      if (!user || !valid || user.blocked || user.portalStatus !== 'active' || tempExpired) {
        const reason = !user ? 'unknown_email' : !valid ? 'wrong_password' : user.blocked ? 'blocked' : user.portalStatus !== 'active' ? 'not_verified' : 'temporary_password_expired';
        securityEvent(strapi, 'login_failed', { accountId: user?.id ?? null, reason });
        throw problem('LOGIN_INVALID');
      }
      await strapi.db.query(UID.user).update({ where: { id: user.id }, data: { lastLoginAt: now, ...(user.firstLoginAt ? {} : { firstLoginAt: now }) } });
      if (user.contact) await activity().log({ type: 'logged_in', contactId: user.contact.id, actor: { accountId: user.id }, summary: 'Logged in to the portal' });
      const fresh = await store().load(user.id);
      return { jwt: await service.issueJwt(fresh), user: store().present(fresh), mustChangePassword: !!fresh.mustChangePassword };
    },

    /** A reset code for an active account; nothing (and the same answer, at the same cost) otherwise. */
    async forgotPassword(email: unknown) {
      await getService(strapi, 'codes').queueEmail(email, 'reset_password');
    },

    /** Email + code + new password. Does not log in; every older session ends. */
    async resetPassword(input: { email: unknown; code: unknown; password: unknown }) {
      const weak = passwordProblem(input.password);
      if (weak) throw fieldError('password', weak);
      const user = await store().findByEmail(input.email);
      if (!user || user.portalStatus !== 'active' || user.blocked) throw problem('CODE_INVALID');
      if (!(await getService(strapi, 'codes').consume(user.id, 'reset_password', input.code))) throw problem('CODE_INVALID');
      await service.setPassword(user, input.password as string);
      securityEvent(strapi, 'password_reset', { accountId: user.id });
      if (user.contact) await activity().log({ type: 'password_reset', contactId: user.contact.id, actor: { accountId: user.id }, summary: 'Password reset with an emailed code' });
    },

    /** Needs the current password; answers a new JWT and ends every older session. */
    async changePassword(userId: number, input: { currentPassword?: unknown; password?: unknown }) {
      const user = await store().load(userId);
      if (!(await verifyPassword(input.currentPassword, user?.password))) throw fieldError('currentPassword', 'is not correct');
      const weak = passwordProblem(input.password);
      if (weak) throw fieldError('password', weak);
      if (await verifyPassword(input.password, user.password)) throw fieldError('password', 'must be different from the current password');
      await service.setPassword(user, input.password as string);
      securityEvent(strapi, 'password_changed', { accountId: user.id });
      if (user.contact) await activity().log({ type: 'password_changed', contactId: user.contact.id, actor: { accountId: user.id }, summary: 'Password changed' });
      return { jwt: await service.issueJwt(user) };
    },

    /**
     * Sets a new password — every session of the account ends (a new one is opened by the caller when it answers a
     * JWT) — and emails the account a "your password was changed" notice, in its language.
     */
    async setPassword(user: any, password: string) {
      const changedAt = new Date();
      const current = await getService(strapi, 'settings').get();
      const language = (LANGUAGES as readonly string[]).includes(user.language) ? user.language : current.defaultLanguage;
      await strapi.db.transaction(async () => {
        // (The document middleware ends every session of the account with this update.)
        await strapi.documents(UID.user).update({
          documentId: user.documentId,
          data: { password: prehash(password), passwordChangedAt: changedAt, mustChangePassword: false, temporaryPasswordExpiresAt: null } as any,
        });
        await getService(strapi, 'outbox').enqueue({
          template: 'password-changed',
          to: user.email,
          language,
          payload: { firstName: user.firstName ?? '', changedAt: formatEmailDate(changedAt, language), link: portalLinks(current.portalUrl).forgot },
          subjectUid: UID.user,
          subjectDocumentId: user.documentId,
        });
      });
    },

    /**
     * The session id of the request's JWT (REST: the Koa context, where the portal's strategy has kept it; GraphQL:
     * its `koaContext`, whose JWT is read again).
     */
    async sessionOf(koaCtx: any): Promise<string | undefined> {
      const kept = koaCtx?.state?.[PORTAL_SESSION_STATE];
      if (typeof kept === 'string') return kept;
      const claims = await strapi.plugin('users-permissions').service('jwt').getToken(koaCtx);
      return claims?.sid;
    },

    /** Ends the session of this JWT (logout) or every session of the account (`everywhere`). */
    async logout(userId: number, sid: string | undefined, everywhere = false) {
      if (everywhere) await sessions().endAll(userId, 'logout_all');
      else if (sid) await sessions().end(userId, sid, 'logout');
      securityEvent(strapi, everywhere ? 'logout_all' : 'logout', { accountId: userId });
    },
  };
  return service;
};

export default authService;
export type AuthService = ReturnType<typeof authService>;

declare module '../../utils' { interface PortalServices { auth: AuthService } }
