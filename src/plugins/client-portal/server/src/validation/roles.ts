import { z } from 'zod';
import { LIMITS } from '../constants';

const name = z.string().trim().min(1, 'is required').max(100, 'must be at most 100 characters');
const description = z.string().trim().max(1000, 'must be at most 1000 characters').nullish();
/** Flags are checked against the known ones by the roles service (which names the unknown flag). */
const permissions = z.record(z.string(), z.boolean({ error: 'must be true or false' }));

export const roleCreateSchema = z.strictObject({
  key: z.string().trim().regex(new RegExp(LIMITS.roleKeyPattern), 'must be lower-case letters, digits or "-", 2–50 characters, starting with a letter'),
  name,
  description,
  permissions,
});

/** The key is how code, config and invitations name a role: it does not change. */
export const roleUpdateSchema = z.strictObject({ name: name.optional(), description, permissions: permissions.optional() });
