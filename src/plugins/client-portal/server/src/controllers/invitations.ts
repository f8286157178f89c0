import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import { parse } from '../validation/common';
import { bulkChangeSchema, bulkSchema, inviteSchema, listSchema } from '../validation/invitations';

const agent = (ctx: any) => ({ agentId: ctx.state.user?.id as number | undefined });

/** Admin API for agents: thin — validate, call the service, answer. */
const invitationsController = ({ strapi }: { strapi: Core.Strapi }) => {
  const invitations = () => getService(strapi, 'invitations');

  return {
    /** POST /client-portal/invitations (Idempotency-Key aware). */
    async create(ctx: any) {
      const body = ctx.request.body ?? {};
      const answer = await getService(strapi, 'idempotency').run(
        `admin:${ctx.state.user?.id}:invitations.create`,
        ctx.get('Idempotency-Key') || undefined,
        body,
        async () => {
          const input = parse(inviteSchema, body);
          return { status: 201, body: { data: await invitations().create(input, agent(ctx)) } };
        },
      );
      ctx.status = answer.status;
      ctx.body = answer.body;
      if (answer.replayed) ctx.set('Idempotent-Replayed', 'true');
    },

    /** POST /client-portal/invitations/bulk */
    async bulk(ctx: any) {
      const input = parse(bulkSchema, ctx.request.body);
      ctx.body = { data: await invitations().bulk(input, agent(ctx)) };
    },

    /** POST /client-portal/invitations/:documentId/resend */
    async resend(ctx: any) {
      ctx.body = { data: await invitations().resend(ctx.params.documentId, agent(ctx)) };
    },

    /** POST /client-portal/invitations/:documentId/revoke */
    async revoke(ctx: any) {
      ctx.body = { data: await invitations().revoke(ctx.params.documentId, agent(ctx)) };
    },

    /** POST /client-portal/invitations/bulk-resend — per invitation: done, or why not. */
    async bulkResend(ctx: any) {
      ctx.body = { data: await invitations().changeMany(parse(bulkChangeSchema, ctx.request.body).invitations, 'resend', agent(ctx)) };
    },

    /** POST /client-portal/invitations/bulk-revoke */
    async bulkRevoke(ctx: any) {
      ctx.body = { data: await invitations().changeMany(parse(bulkChangeSchema, ctx.request.body).invitations, 'revoke', agent(ctx)) };
    },

    /** GET /client-portal/invitations?status&contact&property&page&pageSize */
    async find(ctx: any) {
      ctx.body = await invitations().list(parse(listSchema, ctx.query));
    },

    /** GET /client-portal/contacts/:documentId/portal-status */
    async contactStatus(ctx: any) {
      ctx.body = { data: await invitations().contactStatus(ctx.params.documentId) };
    },
  };
};

export default invitationsController;
