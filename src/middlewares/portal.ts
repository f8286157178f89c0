import fs from 'fs';
import path from 'path';
import send from 'koa-send';
import type { Core } from '@strapi/strapi';

/**
 * Serves the reference portal (portal/, built by Vite to portal/dist) at /portal: its files, and index.html for
 * every page path (the portal routes in the browser). Every answer carries a Content Security Policy without
 * 'unsafe-inline' — scripts, styles, pictures and the API from this server only — and `Referrer-Policy: no-referrer`.
 */
export const PORTAL_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob: data:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "worker-src 'none'",
].join('; ');

const HEADERS = {
  'Content-Security-Policy': PORTAL_CSP,
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  // The microphone is for voice notes recorded in the page; nothing else is asked for.
  'Permissions-Policy': 'camera=(), geolocation=(), microphone=(self), payment=()',
};

export default (config: { root?: string; prefix?: string } = {}, { strapi }: { strapi: Core.Strapi }) => {
  const prefix = config.prefix ?? '/portal';
  const root = path.resolve(config.root ?? process.env.PORTAL_DIST ?? path.join(strapi.dirs.app.root, 'portal', 'dist'));
  const index = path.join(root, 'index.html');

  return async (ctx: any, next: () => Promise<unknown>) => {
    if (ctx.path !== prefix && !ctx.path.startsWith(`${prefix}/`)) return next();
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
    ctx.set(HEADERS);
    if (ctx.path === prefix) return ctx.redirect(`${prefix}/${ctx.querystring ? `?${ctx.querystring}` : ''}`);
    if (!fs.existsSync(index)) {
      ctx.status = 503;
      ctx.type = 'text/plain';
      ctx.body = 'The portal is not built yet: run `npm run build:portal` (npm run develop and npm run build do it).';
      return;
    }
    const relative = ctx.path.slice(prefix.length + 1);
    // Files have an extension; every other path is a page of the portal.
    if (path.extname(relative)) {
      const served = await send(ctx, relative, {
        root,
        immutable: relative.startsWith('assets/'),
        maxage: relative.startsWith('assets/') ? 365 * 24 * 3600 * 1000 : 0,
      }).catch((error: any) => {
        if (error?.status === 404 || error?.code === 'ENOENT') return null;
        throw error;
      });
      if (served) return;
      ctx.status = 404;
      ctx.type = 'text/plain';
      ctx.body = 'Not found';
      return;
    }
    ctx.set('Cache-Control', 'no-cache');
    await send(ctx, 'index.html', { root });
  };
};
