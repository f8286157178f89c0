import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import { fieldError } from '../utils/errors';
import { fileInput, inviteOtherSchema, messageSchema, noteCreateSchema, noteUpdateSchema, parse, viewingRequestSchema } from './validation';

/** Viewings, notes, messages, timeline, documents, transaction contacts and invitations by clients. */
const portalActivitiesController = ({ strapi }: { strapi: Core.Strapi }) => {
  const context = (ctx: any) => getService(strapi, 'access').context(ctx.state.user.id);
  const portal = () => getService(strapi, 'portal');
  const mediaKind = (ctx: any) => (ctx.params.kind === 'voice-notes' ? 'voiceNotes' : 'photos') as 'photos' | 'voiceNotes';

  return {
    async listViewings(ctx: any) {
      ctx.body = { data: await portal().listViewings(await context(ctx)) };
    },
    async getViewing(ctx: any) {
      ctx.body = { data: await portal().getViewing(await context(ctx), ctx.params.documentId) };
    },
    async requestViewing(ctx: any) {
      const input = parse(viewingRequestSchema, ctx.request.body);
      ctx.status = 201;
      ctx.body = { data: await portal().requestViewing(await context(ctx), input) };
    },
    async cancelViewing(ctx: any) {
      ctx.body = { data: await portal().cancelViewing(await context(ctx), ctx.params.documentId) };
    },
    async listMedia(ctx: any) {
      ctx.body = { data: await portal().listViewingMedia(await context(ctx), ctx.params.documentId, mediaKind(ctx)) };
    },
    async addMedia(ctx: any) {
      const kind = mediaKind(ctx);
      const access = await context(ctx);
      const file = fileInput(ctx);
      ctx.status = 201;
      ctx.body = { data: await portal().addViewingMedia(access, ctx.params.documentId, kind, file) };
    },
    async deleteMedia(ctx: any) {
      const fileId = Number(ctx.params.fileId);
      if (!Number.isInteger(fileId) || fileId < 1) throw fieldError('fileId', 'must be a file id');
      ctx.body = { data: await portal().deleteViewingMedia(await context(ctx), ctx.params.documentId, mediaKind(ctx), fileId) };
    },

    async listNotes(ctx: any) {
      ctx.body = { data: await portal().listNotes(await context(ctx)) };
    },
    async createNote(ctx: any) {
      const input = parse(noteCreateSchema, ctx.request.body);
      ctx.status = 201;
      ctx.body = { data: await portal().createNote(await context(ctx), input) };
    },
    async updateNote(ctx: any) {
      const input = parse(noteUpdateSchema, ctx.request.body);
      ctx.body = { data: await portal().updateNote(await context(ctx), ctx.params.documentId, input) };
    },
    async deleteNote(ctx: any) {
      ctx.body = { data: await portal().deleteNote(await context(ctx), ctx.params.documentId) };
    },

    async listMessages(ctx: any) {
      ctx.body = { data: await portal().listMessages(await context(ctx)) };
    },
    async sendMessage(ctx: any) {
      const input = parse(messageSchema, ctx.request.body);
      ctx.status = 201;
      ctx.body = { data: await portal().sendMessage(await context(ctx), input) };
    },

    async timeline(ctx: any) {
      ctx.body = { data: await portal().timeline(await context(ctx)) };
    },
    async documents(ctx: any) {
      ctx.body = { data: await portal().documents(await context(ctx)) };
    },
    async contacts(ctx: any) {
      ctx.body = { data: await portal().transactionContacts(await context(ctx)) };
    },

    async inviteOther(ctx: any) {
      const input = parse(inviteOtherSchema, ctx.request.body);
      ctx.status = 201;
      ctx.body = { data: await portal().inviteOther(await context(ctx), input) };
    },
  };
};

export default portalActivitiesController;
