import { z } from 'zod';
import { LIMITS } from '../constants';
import { fromZod } from '../utils/errors';
import { expiryDaysSchema } from '../config';

/** Parses `input` with `schema`; a 400 naming the first bad field otherwise. */
export const parse = <S extends z.ZodType>(schema: S, input: unknown): z.infer<S> => {
  const result = schema.safeParse(input ?? {});
  if (!result.success) throw fromZod(result.error);
  return result.data;
};

const documentId = z.string().trim().min(1, 'is required').max(100);
const name = z.string().trim().min(1).max(LIMITS.nameMax);

export const inviteSchema = z.strictObject({
  contact: documentId,
  portalRole: documentId,
  property: documentId.nullish(),
  email: z.string().trim().max(LIMITS.emailMax).nullish(),
  firstName: name.nullish(),
  lastName: name.nullish(),
  message: z.string().max(LIMITS.invitationMessageMax).nullish(),
  expiresInDays: expiryDaysSchema.nullish(),
  permissions: z.record(z.string(), z.boolean()).nullish(),
});

export const BULK_MAX = 10_000;

export const bulkSchema = z.strictObject({
  contacts: z.array(documentId).min(1, 'must list at least one contact').max(BULK_MAX, `must list at most ${BULK_MAX} contacts`),
  portalRole: documentId,
  property: documentId.nullish(),
});

export const listSchema = z.object({
  status: z.enum(['pending', 'invited', 'expired', 'delivery_failed', 'accepted', 'revoked']).optional(),
  contact: documentId.optional(),
  property: documentId.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100, 'must be at most 100').default(25),
});

export const previewSchema = z.strictObject({ token: z.unknown().optional() });

export const acceptSchema = z.strictObject({
  token: z.unknown().optional(),
  password: z.unknown().optional(),
  firstName: name.nullish(),
  lastName: name.nullish(),
});
