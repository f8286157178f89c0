import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import { createPortalUserSchema, parse } from './validation';

/** Admin API: agent-created portal users and the "why can't this client log in?" checklist. */
const portalUsersController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** POST /client-portal/portal-users */
  async create(ctx: any) {
    const input = parse(createPortalUserSchema, ctx.request.body);
    ctx.status = 201;
    ctx.body = { data: await getService(strapi, 'accounts').createByAgent(input, { agentId: ctx.state.user?.id }) };
  },

  /** GET /client-portal/contacts/:documentId/login-check */
  async loginCheck(ctx: any) {
    ctx.body = { data: await getService(strapi, 'accounts').loginCheck(ctx.params.documentId) };
  },
});

export default portalUsersController;
