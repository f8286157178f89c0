import crypto from 'crypto';
import { randomBytes } from './random';

/**
 * Authenticated encryption (AES-256-GCM) for secrets that must wait in the outbox until the worker sends them
 * (invite links, codes). The key is derived from the app's first APP_KEYS entry; the sealed value is wiped after send.
 */
const derived = new Map<string, Buffer>();
/** The sealing key of an app key, derived once (a bulk invite seals thousands of links). */
const deriveKey = (appKey: string) => {
  let key = derived.get(appKey);
  if (!key) {
    key = Buffer.from(crypto.hkdfSync('sha256', Buffer.from(appKey, 'utf8'), Buffer.from('client-portal'), Buffer.from('outbox-seal'), 32));
    derived.set(appKey, key);
  }
  return key;
};

export const seal = (appKey: string, value: unknown): string => {
  const iv = randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', deriveKey(appKey), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
};

export const unseal = <T = Record<string, unknown>>(appKey: string, sealed: string): T => {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || !body) throw new Error('Sealed value has an unknown format');
  const decipher = crypto.createDecipheriv('aes-256-gcm', deriveKey(appKey), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  const plain = Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]);
  return JSON.parse(plain.toString('utf8')) as T;
};
