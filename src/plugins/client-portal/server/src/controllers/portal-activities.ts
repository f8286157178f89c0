import type { Core } from '@strapi/strapi';
import type { z } from 'zod';
import { getService } from '../utils';
import { fieldError } from '../errors';
import { fileInput, parse } from '../validation/common';
import { inviteOtherSchema, messageSchema, noteCreateSchema, noteUpdateSchema, viewingRequestSchema } from '../validation/activities';
import type { PortalContext } from '../services/access/context';

type Work = (access: PortalContext, ctx: any) => Promise<unknown>;

/** Viewings, notes, messages, timeline, documents, transaction contacts and invitations by clients. */
const portalActivitiesController = ({ strapi }: { strapi: Core.Strapi }) => {
  const context = (ctx: any) => getService(strapi, 'access').context(ctx.state.user.id, ctx.state.user);
  const portal = () => getService(strapi, 'portal');
  const mediaKind = (ctx: any) => (ctx.params.kind === 'voice-notes' ? 'voiceNotes' : 'photos') as 'photos' | 'voiceNotes';
  const id = (ctx: any) => ctx.params.documentId as string;

  /** Answers `{ data }` of `work` with the caller's access context. */
  const answer = (work: Work, status = 200) => async (ctx: any) => {
    const data = await work(await context(ctx), ctx);
    ctx.status = status;
    ctx.body = { data };
  };
  /** The same, for a JSON body checked with `schema` first (a 400 naming the field before anything else). */
  const withBody = <S extends z.ZodType>(schema: S, work: (access: PortalContext, input: z.infer<S>, ctx: any) => Promise<unknown>, status = 200) => (ctx: any) => {
    const input = parse(schema, ctx.request.body);
    return answer((access) => work(access, input, ctx), status)(ctx);
  };

  return {
    listViewings: answer((access) => portal().listViewings(access)),
    getViewing: answer((access, ctx) => portal().getViewing(access, id(ctx))),
    requestViewing: withBody(viewingRequestSchema, (access, input) => portal().requestViewing(access, input), 201),
    cancelViewing: answer((access, ctx) => portal().cancelViewing(access, id(ctx))),
    listMedia: answer((access, ctx) => portal().listViewingMedia(access, id(ctx), mediaKind(ctx))),
    /** multipart `file`: a photo (JPEG, PNG, WebP, GIF) or a voice note (MP3, M4A, AAC, OGG, WAV, WebM). */
    addMedia: answer((access, ctx) => portal().addViewingMedia(access, id(ctx), mediaKind(ctx), fileInput(ctx)), 201),
    deleteMedia: answer((access, ctx) => {
      const fileId = Number(ctx.params.fileId);
      if (!Number.isInteger(fileId) || fileId < 1) throw fieldError('fileId', 'must be a file id');
      return portal().deleteViewingMedia(access, id(ctx), mediaKind(ctx), fileId);
    }),

    listNotes: answer((access) => portal().listNotes(access)),
    createNote: withBody(noteCreateSchema, (access, input) => portal().createNote(access, input), 201),
    updateNote: withBody(noteUpdateSchema, (access, input, ctx) => portal().updateNote(access, id(ctx), input)),
    deleteNote: answer((access, ctx) => portal().deleteNote(access, id(ctx))),

    listMessages: answer((access) => portal().listMessages(access)),
    sendMessage: withBody(messageSchema, (access, input) => portal().sendMessage(access, input), 201),

    timeline: answer((access) => portal().timeline(access)),
    documents: answer((access) => portal().documents(access)),
    contacts: answer((access) => portal().transactionContacts(access)),

    invitableRoles: answer((access) => portal().invitableRoles(access)),
    inviteOther: withBody(inviteOtherSchema, (access, input) => portal().inviteOther(access, input), 201),
  };
};

export default portalActivitiesController;
