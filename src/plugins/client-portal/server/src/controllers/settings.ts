import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import { TEMPLATE_KEYS, TEMPLATE_VARIABLES, DEFAULT_TEMPLATES } from '../emails';

const settingsController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /client-portal/settings — current settings plus the template defaults and their variables. */
  async find(ctx: any) {
    ctx.body = {
      data: await getService(strapi, 'settings').get(),
      meta: { templates: Object.fromEntries(TEMPLATE_KEYS.map((key) => [key, { variables: TEMPLATE_VARIABLES[key], defaults: DEFAULT_TEMPLATES[key] }])) },
    };
  },

  /** PUT /client-portal/settings — partial update, validated field by field. */
  async update(ctx: any) {
    ctx.body = { data: await getService(strapi, 'settings').update(ctx.request.body) };
  },
});

export default settingsController;
