import crypto from 'crypto';
import bcrypt from 'bcryptjs';
import { dictionary } from '@zxcvbn-ts/language-common';

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 100;

let common: Set<string> | null = null;
const commonPasswords = () => {
  // Only entries that could pass the length rule matter; the list is lower-case.
  common ??= new Set(dictionary['passwords-common'].filter((entry) => entry.length >= PASSWORD_MIN));
  return common;
};

/**
 * The password policy (NIST SP 800-63B): 10–100 characters (Unicode code points), any characters, no composition
 * rules, not on the common-password list. Returns the problem, or null when the password is acceptable.
 */
export const passwordProblem = (password: unknown): string | null => {
  if (typeof password !== 'string' || password.length === 0) return 'is required';
  const length = [...password.normalize('NFC')].length;
  if (length < PASSWORD_MIN) return `must be at least ${PASSWORD_MIN} characters`;
  if (length > PASSWORD_MAX) return `must be at most ${PASSWORD_MAX} characters`;
  if (commonPasswords().has(password.toLowerCase())) return 'is too common; choose a less predictable password';
  return null;
};

/**
 * bcrypt reads at most 72 bytes; a 100-character Unicode password can be 400. The password is therefore
 * normalized (NFC) and pre-hashed with SHA-256 (44 base64 characters) before bcrypt, so every character counts.
 * Store `prehash(password)` in the users-permissions `password` attribute: the Document Service bcrypts it.
 */
export const prehash = (password: string) => crypto.createHash('sha256').update(password.normalize('NFC'), 'utf8').digest('base64');

export const verifyPassword = async (password: unknown, hash: unknown) =>
  typeof password === 'string' && typeof hash === 'string' && hash.length > 0 && bcrypt.compare(prehash(password), hash);
