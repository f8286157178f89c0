import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import { parse } from '../validation/common';
import { roleCreateSchema, roleUpdateSchema } from '../validation/roles';

/** Admin API: portal roles (Client Portal → Roles). */
const rolesController = ({ strapi }: { strapi: Core.Strapi }) => {
  const roles = () => getService(strapi, 'roles');
  return {
    /** GET /client-portal/roles — the portal roles with every permission flag filled in, and where each is used. */
    async find(ctx: any) {
      const entries = await roles().list();
      const withUsage = await Promise.all(entries.map(async (role: any) => ({ ...role, usage: await roles().usage(role) })));
      ctx.body = { data: withUsage, meta: { permissionFlags: roles().flags() } };
    },

    /** POST /client-portal/roles */
    async create(ctx: any) {
      ctx.status = 201;
      ctx.body = { data: await roles().create(parse(roleCreateSchema, ctx.request.body)) };
    },

    /** PUT /client-portal/roles/:documentId */
    async update(ctx: any) {
      ctx.body = { data: await roles().update(ctx.params.documentId, parse(roleUpdateSchema, ctx.request.body)) };
    },

    /** DELETE /client-portal/roles/:documentId */
    async delete(ctx: any) {
      ctx.body = { data: await roles().remove(ctx.params.documentId) };
    },
  };
};

export default rolesController;
