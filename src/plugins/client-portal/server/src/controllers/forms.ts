import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import { parse } from '../validation/common';
import { answersQuerySchema, createFormSchema, formsQuerySchema, updateFormSchema } from '../validation/forms';

const actor = (ctx: any) => ({ agentId: ctx.state.user?.id as number });

/** Admin API of forms: build them, read and export the answers, reopen a client's answers. */
const formsController = ({ strapi }: { strapi: Core.Strapi }) => {
  const forms = () => getService(strapi, 'forms');
  return {
    /** GET /client-portal/forms?q&page&pageSize */
    async find(ctx: any) {
      ctx.body = await forms().list(parse(formsQuerySchema, ctx.query));
    },
    /** GET /client-portal/forms/:documentId */
    async findOne(ctx: any) {
      ctx.body = { data: await forms().present(ctx.params.documentId) };
    },
    /** POST /client-portal/forms */
    async create(ctx: any) {
      ctx.status = 201;
      ctx.body = { data: await forms().create(parse(createFormSchema, ctx.request.body), actor(ctx)) };
    },
    /** PUT /client-portal/forms/:documentId */
    async update(ctx: any) {
      ctx.body = { data: await forms().update(ctx.params.documentId, parse(updateFormSchema, ctx.request.body)) };
    },
    /** DELETE /client-portal/forms/:documentId (only a form never sent) */
    async delete(ctx: any) {
      await forms().delete(ctx.params.documentId);
      ctx.body = { data: { documentId: ctx.params.documentId, deleted: true } };
    },
    /** GET /client-portal/forms/:documentId/answers?status&page&pageSize */
    async answers(ctx: any) {
      ctx.body = await forms().answersOf(ctx.params.documentId, parse(answersQuerySchema, ctx.query));
    },
    /** GET /client-portal/forms/:documentId/answers/export — text/csv */
    async exportAnswers(ctx: any) {
      const { stream, filename } = await forms().exportCsv(ctx.params.documentId);
      ctx.set('Content-Type', 'text/csv; charset=utf-8');
      ctx.set('Content-Disposition', `attachment; filename="${filename}"`);
      ctx.body = stream;
    },
    /** POST /client-portal/forms/:documentId/answers/:contactDocumentId/reopen */
    async reopen(ctx: any) {
      ctx.body = { data: await forms().reopen(ctx.params.documentId, ctx.params.contactDocumentId, actor(ctx)) };
    },
    /** GET /client-portal/contacts/:documentId/forms */
    async ofContact(ctx: any) {
      ctx.body = { data: await forms().ofContact(ctx.params.documentId) };
    },
  };
};

export default formsController;
