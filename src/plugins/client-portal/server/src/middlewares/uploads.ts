import fs from 'fs';
import type { Core } from '@strapi/strapi';
import { UPLOAD_RULES, type UploadKind } from '../files/kinds';
import { securityEvent } from '../utils/security-log';
import { problem } from '../errors';
import { FORM_LIMITS } from '../rules/forms';

/** Portal routes that take a file (the multipart field `file`), below `/api/client-portal`. */
export const FILE_ROUTES: ReadonlyArray<{ method: string; path: RegExp; kind: UploadKind; files?: number; textBytes?: number }> = [
  { method: 'POST', path: /^\/me\/avatar$/, kind: 'avatar' },
  { method: 'POST', path: /^\/viewings\/[^/]+\/photos$/, kind: 'photo' },
  { method: 'POST', path: /^\/viewings\/[^/]+\/voice-notes$/, kind: 'voiceNote' },
  // A form's answers: one file per file field, and the answers as JSON text.
  { method: 'POST', path: /^\/forms\/[^/]+\/answers$/, kind: 'formFile', files: FORM_LIMITS.fileFields, textBytes: FORM_LIMITS.answersText },
];

/** Room for the multipart boundaries and part headers around the file. */
export const MULTIPART_OVERHEAD_BYTES = 64 * 1024;


/** Removes every temporary file a multipart body left, whatever its field name. */
const removeTemporaryFiles = async (ctx: any) => {
  const files = ctx.request?.files;
  if (!files) return;
  const list = Object.values(files).flatMap((value) => (Array.isArray(value) ? value : [value])) as Array<{ filepath?: string }>;
  await Promise.all(list.map((file) => (file?.filepath ? fs.promises.rm(file.filepath, { force: true }) : undefined)));
  delete ctx.request.files;
};

/**
 * Multipart limits for the portal API, placed before `strapi::body` (config/middlewares.ts):
 * - routes that take no file (and /graphql) refuse multipart bodies before anything is parsed or written (415);
 * - upload routes need a Content-Length no larger than their largest file plus form overhead (411 / 413), so the
 *   body parser never reads more than that;
 * - every temporary file of the request is removed when it ends, accepted, rejected or failed.
 */
const uploads = (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const prefix = `${(strapi.config.get('api.rest.prefix') as string) || '/api'}/client-portal`;
  const graphql = strapi.plugin('graphql') ? (strapi.plugin('graphql').config('endpoint') as string) : null;

  return async (ctx: any, next: () => Promise<unknown>) => {
    const inPortal = ctx.path.startsWith(`${prefix}/`);
    if (!(inPortal || ctx.path === graphql) || !ctx.is('multipart')) return next();

    const route = inPortal ? FILE_ROUTES.find((entry) => entry.method === ctx.method && entry.path.test(ctx.path.slice(prefix.length))) : undefined;
    if (!route) {
      securityEvent(strapi, 'upload_refused', { reason: 'no_file_route' });
      throw problem('NO_FILES_HERE');
    }
    const rules = UPLOAD_RULES[route.kind];
    const declared = ctx.get('Content-Length');
    if (!declared) throw problem('LENGTH_REQUIRED');
    const count = route.files ?? 1;
    if (Number(declared) > count * rules.maxBytes + (route.textBytes ?? 0) + MULTIPART_OVERHEAD_BYTES) {
      securityEvent(strapi, 'upload_refused', { reason: 'too_large', bytes: Number(declared) });
      const message = count === 1 ? `must be at most ${rules.size}` : `must be at most ${rules.size} each, ${count} files at most`;
      throw problem('FILE_TOO_LARGE', { errors: [{ path: ['file'], message, name: 'ValidationError' }] }, `file: ${message}`);
    }
    try {
      await next();
    } finally {
      await removeTemporaryFiles(ctx);
    }
  };
};

export default uploads;
