import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import { parse } from '../validation/common';
import { feedbackSchema, propertiesQuerySchema } from '../validation/properties';

/** /api/client-portal/properties: what the client was offered, and their feedback. */
const portalPropertiesController = ({ strapi }: { strapi: Core.Strapi }) => {
  const context = (ctx: any) => getService(strapi, 'access').context(ctx.state.user.id, ctx.state.user);
  const properties = () => getService(strapi, 'portal-properties');
  return {
    async find(ctx: any) {
      ctx.body = await properties().list(await context(ctx), parse(propertiesQuerySchema, ctx.query));
    },
    async findOne(ctx: any) {
      ctx.body = { data: await properties().findOne(await context(ctx), ctx.params.documentId) };
    },
    async feedback(ctx: any) {
      const input = parse(feedbackSchema, ctx.request.body);
      ctx.body = { data: await properties().feedback(await context(ctx), ctx.params.documentId, input) };
    },
  };
};

export default portalPropertiesController;
