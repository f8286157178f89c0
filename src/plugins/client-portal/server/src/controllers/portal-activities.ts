import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import { fieldError } from '../utils/errors';
import { inviteOtherSchema, messageSchema, noteCreateSchema, noteUpdateSchema, parse, viewingRequestSchema } from './validation';

export const MEDIA_RULES = {
  photos: { types: ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/heic'], maxBytes: 10 * 1024 * 1024, label: 'an image (JPEG, PNG, WebP, GIF or HEIC)', size: '10 MB' },
  voiceNotes: { types: ['audio/mpeg', 'audio/mp4', 'audio/aac', 'audio/ogg', 'audio/webm', 'audio/wav', 'audio/x-wav', 'audio/x-m4a'], maxBytes: 20 * 1024 * 1024, label: 'an audio file (MP3, M4A, AAC, OGG, WebM or WAV)', size: '20 MB' },
} as const;

/** The one uploaded file of a multipart request, checked against type and size. */
export const uploadedFile = (ctx: any, kind: keyof typeof MEDIA_RULES) => {
  const files = ctx.request.files ?? {};
  const extra = Object.keys(files).filter((name) => name !== 'file');
  if (extra.length) throw fieldError(extra[0], 'unexpected file field (send the file as "file")');
  const file = Array.isArray(files.file) ? files.file[0] : files.file;
  if (!file) throw fieldError('file', 'is required (multipart field "file")');
  const rules = MEDIA_RULES[kind];
  if (!(rules.types as readonly string[]).includes(file.mimetype ?? file.type)) throw fieldError('file', `must be ${rules.label}`);
  if (file.size > rules.maxBytes) throw fieldError('file', `must be at most ${rules.size}`);
  return file;
};

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
      const file = uploadedFile(ctx, kind);
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
