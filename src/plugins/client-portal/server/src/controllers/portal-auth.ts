import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import { parse } from '../validation/common';
import { changePasswordSchema, emailOnlySchema, loginSchema, registerSchema, resetSchema, verifySchema } from '../validation/auth';

const SENT_IF_EXISTS = { data: { ok: true } };

/** Public auth routes of the portal (/api/client-portal/auth/...); rate limits are in the route table. */
const portalAuthController = ({ strapi }: { strapi: Core.Strapi }) => {
  const auth = () => getService(strapi, 'auth');
  const registration = () => getService(strapi, 'registration');

  /** `{ email }` in, 202 `{ ok: true }` out, whether or not the email has an account. */
  const sentIfExists = async (ctx: any, work: (email: unknown) => Promise<void>) => {
    const { email } = parse(emailOnlySchema, ctx.request.body);
    await work(email);
    ctx.status = 202;
    ctx.body = SENT_IF_EXISTS;
  };

  return {
    /** GET /portals/:portalId — the registration page's portal (name, languages), or 404 like registering. */
    async portal(ctx: any) {
      ctx.body = { data: await registration().portalInfo(ctx.params.portalId) };
    },

    async register(ctx: any) {
      // An unknown or closed portal first: the frontend shows its information page.
      await registration().assertPortalOpen(ctx.request.body?.portalId);
      await registration().register(parse(registerSchema, ctx.request.body));
      ctx.status = 202;
      ctx.body = SENT_IF_EXISTS;
    },

    async verifyEmail(ctx: any) {
      const input = parse(verifySchema, ctx.request.body);
      ctx.body = { data: await registration().verifyEmail({ email: input.email, code: input.code }) };
    },

    async resendCode(ctx: any) {
      await sentIfExists(ctx, (email) => registration().resendCode(email));
    },

    async login(ctx: any) {
      const input = parse(loginSchema, ctx.request.body);
      ctx.body = { data: await auth().login({ email: input.email, password: input.password }) };
    },

    async forgotPassword(ctx: any) {
      await sentIfExists(ctx, (email) => auth().forgotPassword(email));
    },

    async resetPassword(ctx: any) {
      const input = parse(resetSchema, ctx.request.body);
      await auth().resetPassword({ email: input.email, code: input.code, password: input.password });
      ctx.body = { data: { ok: true } };
    },

    /** Ends this session at once: its JWT answers 401 from the next request on. */
    async logout(ctx: any) {
      await auth().logout(ctx.state.user.id, await auth().sessionOf(ctx));
      ctx.status = 204;
    },

    /** Ends every session of the account. */
    async logoutAll(ctx: any) {
      await auth().logout(ctx.state.user.id, undefined, true);
      ctx.status = 204;
    },

    async changePassword(ctx: any) {
      const input = parse(changePasswordSchema, ctx.request.body);
      ctx.body = { data: await auth().changePassword(ctx.state.user.id, { currentPassword: input.currentPassword, password: input.password }) };
    },
  };
};

export default portalAuthController;
