import crypto from 'crypto';
import { randomBytes } from './random';

const TOKEN_BYTES = 32;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** A new invitation secret: 32 random bytes, base64url (43 characters). Never stored, never logged. */
export const newToken = () => randomBytes(TOKEN_BYTES).toString('base64url');

/** What is stored and looked up: SHA-256 of the token, hex. */
export const hashToken = (token: string) => crypto.createHash('sha256').update(token, 'utf8').digest('hex');

/** Shape check before any database work; malformed tokens get the same answer as unknown ones. */
export const isWellFormedToken = (token: unknown): token is string => typeof token === 'string' && TOKEN_PATTERN.test(token);

/** Constant-time comparison of two hex digests. */
export const sameDigest = (a: string, b: string) => {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && crypto.timingSafeEqual(left, right);
};
