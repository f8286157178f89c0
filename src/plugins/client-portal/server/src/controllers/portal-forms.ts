import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import { fieldError } from '../errors';
import { parse } from '../validation/common';
import { answersBodySchema } from '../validation/forms';
import { FORM_LIMITS } from '../rules/forms';
import type { IncomingFile } from '../services/files';

/**
 * The body of an answer: JSON `{ answers }`, or multipart with `answers` as JSON text and one file per file field,
 * each sent under the field's key.
 */
export const answersInput = (ctx: any): { answers: Record<string, unknown>; files: Record<string, IncomingFile[]> } => {
  const body = ctx.request.body ?? {};
  let raw = body;
  if (ctx.is('multipart')) {
    const text = body.answers;
    if (text === undefined) raw = { answers: {} };
    else if (typeof text === 'string' && Buffer.byteLength(text) > FORM_LIMITS.answersText) throw fieldError('answers', `must be at most ${FORM_LIMITS.answersText / 1024} KB of JSON text`);
    else {
      try {
        raw = { answers: typeof text === 'string' ? JSON.parse(text) : text };
      } catch {
        throw fieldError('answers', 'must be JSON text in a multipart request');
      }
    }
    const extra = Object.keys(body).filter((name) => name !== 'answers');
    if (extra.length) throw fieldError(extra[0], 'unexpected form field (send the answers as "answers", files under their field key)');
  }
  const { answers } = parse(answersBodySchema, raw);
  const files: Record<string, IncomingFile[]> = {};
  for (const [name, value] of Object.entries(ctx.request.files ?? {})) {
    const list = (Array.isArray(value) ? value : [value]) as any[];
    files[name] = list.filter((file) => file?.filepath).map((file) => ({ filepath: file.filepath, size: Number(file.size) }));
  }
  return { answers, files };
};

/** Forms the client was sent with an invitation (/api/client-portal/forms). */
const portalFormsController = ({ strapi }: { strapi: Core.Strapi }) => {
  const context = (ctx: any) => getService(strapi, 'access').context(ctx.state.user.id, ctx.state.user);
  const forms = () => getService(strapi, 'forms');
  return {
    async find(ctx: any) {
      ctx.body = { data: await forms().clientList(await context(ctx)) };
    },
    async findOne(ctx: any) {
      ctx.body = { data: await forms().clientGet(await context(ctx), ctx.params.documentId) };
    },
    async answer(ctx: any) {
      const input = answersInput(ctx);
      const data = await forms().submit(await context(ctx), ctx.params.documentId, input.answers, input.files);
      ctx.status = 201;
      ctx.body = { data };
    },
  };
};

export default portalFormsController;
