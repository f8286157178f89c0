import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import { parse } from '../validation/common';
import { createPortalUserSchema, portalUsersQuerySchema } from '../validation/portal-users';

/** Admin API: agent-created portal users and the "why can't this client log in?" checklist. */
const portalUsersController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** POST /client-portal/portal-users */
  async create(ctx: any) {
    const input = parse(createPortalUserSchema, ctx.request.body);
    ctx.status = 201;
    ctx.body = { data: await getService(strapi, 'portal-users').createByAgent(input, { agentId: ctx.state.user?.id }) };
  },

  /** GET /client-portal/portal-users?status&q&page&pageSize */
  async find(ctx: any) {
    ctx.body = await getService(strapi, 'portal-users').list(parse(portalUsersQuerySchema, ctx.query));
  },

  /** GET /client-portal/portal-users/export — text/csv */
  async export(ctx: any) {
    const { page, pageSize, ...filters } = parse(portalUsersQuerySchema, ctx.query);
    ctx.set('Content-Type', 'text/csv; charset=utf-8');
    ctx.set('Content-Disposition', `attachment; filename="portal-users-${new Date().toISOString().slice(0, 10)}.csv"`);
    ctx.body = getService(strapi, 'portal-users').exportCsv(filters);
  },

  /** GET /client-portal/contacts/:documentId/login-check */
  async loginCheck(ctx: any) {
    ctx.body = { data: await getService(strapi, 'portal-users').loginCheck(ctx.params.documentId) };
  },
});

export default portalUsersController;
