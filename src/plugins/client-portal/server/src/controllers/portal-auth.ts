import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import { normalizeEmail } from '../utils/email';
import { limitRequest } from '../utils/limit';
import type { RateLimitAction } from '../config';
import { changePasswordSchema, emailOnlySchema, loginSchema, parse, registerSchema, resetSchema, verifySchema } from './validation';

const SENT_IF_EXISTS = { data: { ok: true } };

/** Public auth routes of the portal (/api/client-portal/auth/...). */
const portalAuthController = ({ strapi }: { strapi: Core.Strapi }) => {
  const accounts = () => getService(strapi, 'accounts');

  const limit = (ctx: any, action: RateLimitAction, email?: unknown) => limitRequest(strapi, ctx, action, email);

  /** `{ email }` in, 202 `{ ok: true }` out, whether or not the email has an account. */
  const sentIfExists = async (ctx: any, action: RateLimitAction, work: (email: unknown) => Promise<void>) => {
    const { email } = parse(emailOnlySchema, ctx.request.body);
    await limit(ctx, action, email);
    await work(email);
    ctx.status = 202;
    ctx.body = SENT_IF_EXISTS;
  };

  return {
    async register(ctx: any) {
      await limit(ctx, 'register');
      // An unknown or closed portal first: the frontend shows its information page.
      await accounts().assertPortalOpen(ctx.request.body?.portalId);
      const input = parse(registerSchema, ctx.request.body);
      await accounts().register(input);
      ctx.status = 202;
      ctx.body = SENT_IF_EXISTS;
    },

    async verifyEmail(ctx: any) {
      const input = parse(verifySchema, ctx.request.body);
      await limit(ctx, 'verify');
      ctx.body = { data: await accounts().verifyEmail({ email: input.email, code: input.code }) };
    },

    async resendCode(ctx: any) {
      await sentIfExists(ctx, 'resendCode', (email) => accounts().resendCode(email));
    },

    async login(ctx: any) {
      const input = parse(loginSchema, ctx.request.body);
      await limit(ctx, 'login', input.email);
      const result = await accounts().login({ email: input.email, password: input.password });
      await getService(strapi, 'rate-limit').reset('login', normalizeEmail(input.email)!);
      ctx.body = { data: result };
    },

    async forgotPassword(ctx: any) {
      await sentIfExists(ctx, 'forgotPassword', (email) => accounts().forgotPassword(email));
    },

    async resetPassword(ctx: any) {
      const input = parse(resetSchema, ctx.request.body);
      await limit(ctx, 'resetPassword');
      await accounts().resetPassword({ email: input.email, code: input.code, password: input.password });
      ctx.body = { data: { ok: true } };
    },

    /** Ends this session at once: its JWT answers 401 from the next request on. */
    async logout(ctx: any) {
      const claims = await strapi.plugin('users-permissions').service('jwt').getToken(ctx);
      await accounts().logout(ctx.state.user.id, claims?.sid);
      ctx.status = 204;
    },

    /** Ends every session of the account. */
    async logoutAll(ctx: any) {
      await accounts().logout(ctx.state.user.id, undefined, true);
      ctx.status = 204;
    },

    async changePassword(ctx: any) {
      const input = parse(changePasswordSchema, ctx.request.body);
      ctx.body = { data: await accounts().changePassword(ctx.state.user.id, { currentPassword: input.currentPassword, password: input.password }) };
    },
  };
};

export default portalAuthController;
