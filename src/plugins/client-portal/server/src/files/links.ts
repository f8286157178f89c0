import crypto from 'crypto';
import { PORTAL_ACCOUNT_STRATEGIES } from '../constants';

/**
 * Who a signed file link was made for. The file route checks that this principal may still see the file when the
 * link is fetched:
 * - `account:<id>` — a portal account (active, and the file belongs to something it may see today);
 * - `admin:<id>` — an agent in the admin panel (still active);
 * - `token:<id>` — an API token (still present and unexpired);
 * - `public` — made outside any authenticated request: only the signature and expiry protect it.
 */
export type Principal = `account:${number}` | `admin:${number}` | `token:${number}` | 'public';

export interface LinkClaims {
  /** The stored object: a file's hash, or one of its formats' hashes (`thumbnail_<file hash>`). */
  hash: string;
  principal: Principal;
  /** Unix seconds. */
  expires: number;
}

/** HMAC key for file links, derived from the app's first APP_KEYS entry (separate from every other use). */
export const linkKey = (appKey: string) =>
  Buffer.from(crypto.hkdfSync('sha256', Buffer.from(appKey, 'utf8'), Buffer.from('client-portal'), Buffer.from('file-links'), 32));

const mac = (key: Buffer, payload: string) => crypto.createHmac('sha256', key).update(payload).digest('base64url');

/** `<payload>.<signature>`, both base64url: safe in a URL path segment. */
export const signLink = (key: Buffer, claims: LinkClaims): string => {
  const payload = Buffer.from(JSON.stringify({ h: claims.hash, p: claims.principal, e: claims.expires })).toString('base64url');
  return `${payload}.${mac(key, payload)}`;
};

const PRINCIPAL = /^(?:(?:account|admin|token):[1-9]\d{0,15}|public)$/;

/** The claims of a well-formed, correctly signed, unexpired link; null for anything else. */
export const verifyLink = (key: Buffer, token: unknown, nowSeconds = Math.floor(Date.now() / 1000)): LinkClaims | null => {
  if (typeof token !== 'string' || token.length > 2048) return null;
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return null;
  const expected = Buffer.from(mac(key, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return null;
  let claims: { h?: unknown; p?: unknown; e?: unknown };
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (typeof claims.h !== 'string' || !claims.h || typeof claims.p !== 'string' || !PRINCIPAL.test(claims.p)) return null;
  if (typeof claims.e !== 'number' || !Number.isInteger(claims.e) || claims.e <= nowSeconds) return null;
  return { hash: claims.h, principal: claims.p as Principal, expires: claims.e };
};

/** The principal behind the current request (admin, API token or portal account), else `public`. */
export const principalOf = (koaCtx: any): Principal => {
  const auth = koaCtx?.state?.auth;
  const id = Number(auth?.credentials?.id);
  if (!auth || !Number.isInteger(id) || id < 1) return 'public';
  if (PORTAL_ACCOUNT_STRATEGIES.has(auth.strategy?.name)) return `account:${id}`;
  switch (auth.strategy?.name) {
    case 'admin':
      return `admin:${id}`;
    case 'content-api-token':
    case 'admin-token':
    case 'api-token':
      return `token:${id}`;
    default:
      return 'public';
  }
};
