import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import { parse } from '../validation/common';
import { addMemberSchema, createGroupSchema, groupsQuerySchema, inviteAllSchema, inviteMoreSchema, updateGroupSchema } from '../validation/groups';

const actor = (ctx: any) => ({ agentId: ctx.state.user?.id as number });

/** Admin API of client groups (services/groups) and *Invite more to portal*. */
const groupsController = ({ strapi }: { strapi: Core.Strapi }) => {
  const groups = () => getService(strapi, 'groups');
  return {
    /** GET /client-portal/groups?q&contact&page&pageSize */
    async find(ctx: any) {
      ctx.body = await groups().list(parse(groupsQuerySchema, ctx.query));
    },
    /** GET /client-portal/groups/:documentId */
    async findOne(ctx: any) {
      ctx.body = { data: await groups().present(ctx.params.documentId) };
    },
    /** POST /client-portal/groups */
    async create(ctx: any) {
      ctx.status = 201;
      ctx.body = { data: await groups().create(parse(createGroupSchema, ctx.request.body), actor(ctx)) };
    },
    /** PUT /client-portal/groups/:documentId */
    async update(ctx: any) {
      ctx.body = { data: await groups().update(ctx.params.documentId, parse(updateGroupSchema, ctx.request.body)) };
    },
    /** DELETE /client-portal/groups/:documentId */
    async delete(ctx: any) {
      await groups().delete(ctx.params.documentId);
      ctx.body = { data: { documentId: ctx.params.documentId, deleted: true } };
    },
    /** POST /client-portal/groups/:documentId/members */
    async addMember(ctx: any) {
      ctx.status = 201;
      ctx.body = { data: await groups().addMember(ctx.params.documentId, parse(addMemberSchema, ctx.request.body), actor(ctx)) };
    },
    /** DELETE /client-portal/groups/:documentId/members/:contactDocumentId */
    async removeMember(ctx: any) {
      ctx.body = { data: await groups().removeMember(ctx.params.documentId, ctx.params.contactDocumentId, actor(ctx)) };
    },
    /** POST /client-portal/groups/:documentId/invite */
    async inviteAll(ctx: any) {
      const input = parse(inviteAllSchema, ctx.request.body);
      ctx.body = { data: await groups().inviteAll(ctx.params.documentId, actor(ctx), { form: input.form }) };
    },
    /** POST /client-portal/contacts/:documentId/invite-more */
    async inviteMore(ctx: any) {
      ctx.status = 201;
      ctx.body = { data: await groups().inviteMore(ctx.params.documentId, parse(inviteMoreSchema, ctx.request.body), actor(ctx)) };
    },
  };
};

export default groupsController;
