import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import { parse } from '../validation/common';
import { acceptSchema, previewSchema } from '../validation/invitations';

/** Public content API for the invite link (no JWT). */
const portalInvitationsController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** POST /api/client-portal/invitations/preview — changes nothing. */
  async preview(ctx: any) {
    const { token } = parse(previewSchema, ctx.request.body);
    ctx.body = { data: await getService(strapi, 'invitations').preview(token) };
  },

  /** POST /api/client-portal/invitations/accept */
  async accept(ctx: any) {
    const input = parse(acceptSchema, ctx.request.body);
    const { jwt, user } = await getService(strapi, 'invitations').accept(input);
    ctx.body = { data: { jwt, user } };
  },
});

export default portalInvitationsController;
