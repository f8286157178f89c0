import type { Core } from '@strapi/strapi';
import contentDisposition from 'content-disposition';
import { getService } from '../utils';
import { problem } from '../errors';
import { INLINE_TYPES } from '../files/kinds';
import { securityEvent } from '../utils/security-log';


/**
 * GET /api/client-portal/files/:token — the only way to a stored file. The link must be correctly signed and
 * unexpired, and its principal must still have access to the file now; anything else is a 404. Answers carry the
 * stored (detected) type, `nosniff`, and `attachment` for anything that is not a picture or audio.
 */
const filesController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async serve(ctx: any) {
    const files = getService(strapi, 'files');
    const found = await files.resolve(ctx.params.token);
    if (!found || !(await files.authorize(found.claims.principal, found.file))) {
      securityEvent(strapi, 'file_link_refused', { reason: found ? 'no_access' : 'invalid_link', principal: found?.claims.principal ?? null });
      throw problem('FILE_NOT_FOUND');
    }
    const object = found.variant ? found.file.formats![found.variant] : found.file;
    const stated = String(object.mime ?? '').toLowerCase();
    const mime = /^[a-z0-9.+-]+\/[a-z0-9.+-]+$/.test(stated) ? stated : 'application/octet-stream';

    // Audio players seek with Range requests; one range is served, anything else gets the whole file.
    const stored = await files.read(object, ctx.get('Range') || null);
    if (!stored) throw problem('FILE_NOT_FOUND');
    if ('unsatisfiable' in stored) {
      ctx.set('Content-Range', `bytes */${stored.size}`);
      ctx.status = 416;
      return;
    }

    const remaining = Math.max(0, found.claims.expires - Math.floor(getService(strapi, 'clock').now().getTime() / 1000));
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Content-Security-Policy', "default-src 'none'; sandbox");
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.set('Cache-Control', `private, max-age=${Math.min(remaining, 300)}`);
    ctx.set('Accept-Ranges', 'bytes');
    ctx.set('Content-Disposition', contentDisposition(found.file.name || 'file', { type: INLINE_TYPES.has(mime) ? 'inline' : 'attachment' }));
    ctx.set('Content-Type', mime);
    ctx.body = stored.stream;
    if (stored.range) {
      ctx.status = 206;
      ctx.set('Content-Range', `bytes ${stored.range.start}-${stored.range.end}/${stored.size}`);
      ctx.length = stored.range.end - stored.range.start + 1;
    } else if (Number.isFinite(stored.size)) {
      ctx.length = stored.size;
    }
  },
});

export default filesController;
