import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import { parse } from '../validation/common';
import { confirmViewingSchema } from '../validation/activities';

/** Admin API: the agent confirms a viewing's date. */
const viewingsController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async confirm(ctx: any) {
    const input = parse(confirmViewingSchema, ctx.request.body);
    ctx.body = { data: await getService(strapi, 'portal').confirmViewing(ctx.params.documentId, input, ctx.state.user?.id) };
  },
});

export default viewingsController;
