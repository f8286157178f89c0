import type { Core } from '@strapi/strapi';
import { getService } from '../utils';

const rolesController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /client-portal/roles — the portal roles with every permission flag filled in. */
  async find(ctx: any) {
    const roles = getService(strapi, 'roles');
    const entries = await roles.list();
    ctx.body = { data: entries, meta: { permissionFlags: roles.flags() } };
  },
});

export default rolesController;
