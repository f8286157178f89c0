import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import { parse } from '../validation/common';
import { replySchema, shareSchema, statusesQuerySchema, threadsQuerySchema } from '../validation/contacts';
import { feedQuerySchema } from '../validation/feed';
import { templateDraftSchema } from '../validation/templates';
import { personName } from '../utils/people';

const agentId = (ctx: any) => ctx.state.user?.id as number;

/** Admin API behind the admin panel's views: activity, list statuses, sharing, the property panel, messages, templates. */
const deskController = ({ strapi }: { strapi: Core.Strapi }) => {
  const desk = () => getService(strapi, 'desk');
  return {
    /** GET /client-portal/activities?contact&property&type&page&pageSize */
    async activities(ctx: any) {
      ctx.body = await getService(strapi, 'activity').list(parse(feedQuerySchema, ctx.query));
    },

    /** GET /client-portal/contacts/portal-status?contacts=a,b,c */
    async statuses(ctx: any) {
      ctx.body = { data: await desk().contacts.statuses(parse(statusesQuerySchema, ctx.query).contacts) };
    },

    /** POST /client-portal/contacts/:documentId/share */
    async share(ctx: any) {
      ctx.body = { data: await desk().contacts.share(ctx.params.documentId, parse(shareSchema, ctx.request.body), { agentId: agentId(ctx) }) };
    },

    /** POST /client-portal/contacts/:documentId/remove-portal-access */
    async removeAccess(ctx: any) {
      ctx.body = { data: await getService(strapi, 'removal').remove(ctx.params.documentId, { agentId: agentId(ctx) }) };
    },

    /** GET /client-portal/properties/:documentId/portal */
    async propertyPortal(ctx: any) {
      ctx.body = { data: await desk().properties.portal(ctx.params.documentId, agentId(ctx)) };
    },

    /** GET /client-portal/messages/unread */
    async unread(ctx: any) {
      ctx.body = { data: await desk().messages.unreadCount() };
    },

    /** GET /client-portal/messages/threads?page&pageSize */
    async threads(ctx: any) {
      ctx.body = await desk().messages.threads(parse(threadsQuerySchema, ctx.query));
    },

    /** GET /client-portal/contacts/:documentId/messages — marks the client's messages read. */
    async thread(ctx: any) {
      ctx.body = { data: await desk().messages.thread(ctx.params.documentId) };
    },

    /** POST /client-portal/contacts/:documentId/messages */
    async reply(ctx: any) {
      ctx.status = 201;
      ctx.body = { data: await desk().messages.reply(ctx.params.documentId, parse(replySchema, ctx.request.body), agentId(ctx)) };
    },

    /** POST /client-portal/templates/preview — the draft rendered with sample data, or its errors. */
    async previewTemplate(ctx: any) {
      const draft = parse(templateDraftSchema, ctx.request.body);
      ctx.body = { data: await getService(strapi, 'templates').preview(draft as any, { name: personName(ctx.state.user) ?? '' }) };
    },

    /** POST /client-portal/templates/test — the draft sent to the agent's own address. */
    async testTemplate(ctx: any) {
      const draft = parse(templateDraftSchema, ctx.request.body);
      ctx.body = { data: await getService(strapi, 'templates').sendTest(draft as any, { name: personName(ctx.state.user) ?? '', email: ctx.state.user.email }) };
    },
  };
};

export default deskController;
