import { z } from 'zod';
import { LIMITS } from '../constants';
import { fieldError, fromZod } from '../utils/errors';
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

const email = z.string().trim().max(LIMITS.emailMax).pipe(z.email('must be a valid email address'));
const registrationName = z.string().trim().min(3, 'must be at least 3 characters').max(LIMITS.nameMax);

/** Self-registration: an allow-list; role, confirmed, blocked, status, contact, owner … are refused by name. */
export const registerSchema = z.strictObject({
  portalId: z.string().min(1, 'is required').max(64),
  firstName: registrationName,
  lastName: registrationName,
  email,
  password: z.string().min(1, 'is required').max(400),
  language: z.enum(['en', 'nl', 'fr', 'de', 'es']).nullish(),
  location: z.string().trim().max(200).nullish(),
  preferences: z
    .strictObject({
      propertyTypes: z.array(z.string().max(50)).max(20).optional(),
      cities: z.array(z.string().max(100)).max(20).optional(),
      minPrice: z.number().min(0).optional(),
      maxPrice: z.number().min(0).optional(),
      minBedrooms: z.number().int().min(0).max(50).optional(),
    })
    .nullish(),
});

export const verifySchema = z.strictObject({ email: z.unknown().optional(), code: z.unknown().optional() });
export const emailOnlySchema = z.strictObject({ email: z.unknown().optional() });
export const loginSchema = z.strictObject({ email: z.unknown().optional(), password: z.unknown().optional() });
export const resetSchema = z.strictObject({ email: z.unknown().optional(), code: z.unknown().optional(), password: z.unknown().optional() });
export const changePasswordSchema = z.strictObject({ currentPassword: z.unknown().optional(), password: z.unknown().optional() });

export const updateMeSchema = z.strictObject({
  firstName: z.string().trim().min(1, 'must not be empty').max(LIMITS.nameMax).optional(),
  lastName: z.string().trim().min(1, 'must not be empty').max(LIMITS.nameMax).optional(),
  language: z.enum(['en', 'nl', 'fr', 'de', 'es']).optional(),
});

export const createPortalUserSchema = z.strictObject({
  contact: documentId,
  portalRole: documentId.nullish(),
});

export const PAGE_SIZE_MAX = 50;

export const propertiesQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX, `must be at most ${PAGE_SIZE_MAX}`).default(20),
  favourite: z.enum(['true', 'false']).transform((value) => value === 'true').optional(),
  interest: z.enum(['interested', 'not_interested', 'none']).optional(),
});

export const feedbackSchema = z
  .strictObject({
    interest: z.enum(['interested', 'not_interested']).nullable().optional(),
    rejectionReasons: z.array(z.string().trim().min(1).max(200)).max(10, 'at most 10 reasons').optional(),
    rating: z.number().int('must be a whole number from 1 to 5').min(1, 'must be from 1 to 5').max(5, 'must be from 1 to 5').nullable().optional(),
    favourite: z.boolean().optional(),
  })
  .refine((value) => Object.keys(value).length > 0, { message: 'give at least one of interest, rejectionReasons, rating, favourite' });

const isoDate = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' });

export const viewingRequestSchema = z.strictObject({
  property: documentId,
  preferredDates: z.array(isoDate).min(1, 'give 1 to 3 preferred dates').max(3, 'give at most 3 preferred dates'),
  message: z.string().trim().max(2000).nullish(),
});

export const confirmViewingSchema = z.strictObject({ date: isoDate, message: z.string().trim().max(2000).nullish() });

const noteText = z.string().trim().min(3, 'must be at least 3 characters').max(5000, 'must be at most 5000 characters');
export const noteCreateSchema = z.strictObject({ text: noteText, property: documentId.nullish(), viewing: documentId.nullish() });
export const noteUpdateSchema = z.strictObject({ text: noteText });

export const messageSchema = z.strictObject({ body: z.string().trim().min(1, 'must not be empty').max(5000, 'must be at most 5000 characters') });

export const inviteOtherSchema = z.strictObject({
  email,
  firstName: z.string().trim().min(1, 'is required').max(LIMITS.nameMax),
  lastName: z.string().trim().min(1, 'is required').max(LIMITS.nameMax),
  role: documentId,
});

export const portalUsersQuerySchema = z.strictObject({
  status: z.enum(['active', 'draft', 'blocked']).optional(),
  q: z.string().trim().min(1).max(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100, 'must be at most 100').default(25),
});

/** The one file of a multipart request, sent as the field `file`; its type and size are judged by the files service. */
export const fileInput = (ctx: any): { filepath: string; size: number } => {
  const files = ctx.request.files ?? {};
  const extra = Object.keys(files).filter((name) => name !== 'file');
  if (extra.length) throw fieldError(extra[0], 'unexpected file field (send the file as "file")');
  if (Array.isArray(files.file) && files.file.length > 1) throw fieldError('file', 'send one file');
  const file = Array.isArray(files.file) ? files.file[0] : files.file;
  if (!file?.filepath) throw fieldError('file', 'is required (multipart field "file")');
  return { filepath: file.filepath, size: Number(file.size) };
};
