import { z } from 'zod';
import { FORM_LIMITS, fieldsSchema } from '../rules/forms';
import { page, pageSize } from './common';

/** POST /client-portal/forms */
export const createFormSchema = z.strictObject({
  title: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
  description: z.string().trim().max(2000, 'must be at most 2000 characters').nullish(),
  fields: fieldsSchema,
});

/** PUT /client-portal/forms/:documentId — given fields replace the form's (answers already given keep their keys). */
export const updateFormSchema = createFormSchema.partial();

/** GET /client-portal/forms?q&page&pageSize */
export const formsQuerySchema = z.strictObject({
  q: z.string().trim().min(1).max(100).optional(),
  page,
  pageSize: pageSize(100, 25),
});

/** GET /client-portal/forms/:documentId/answers?status&page&pageSize */
export const answersQuerySchema = z.strictObject({
  status: z.enum(['sent', 'completed']).optional(),
  page,
  pageSize: pageSize(100, 25),
});

/** POST /api/client-portal/forms/:documentId/answers — JSON, or multipart with `answers` as JSON text. */
export const answersBodySchema = z.strictObject({
  answers: z
    .record(z.string(), z.unknown(), { error: 'must be an object of field keys and values' })
    .refine((answers) => Object.keys(answers).length <= 2 * FORM_LIMITS.fields, `must hold at most ${2 * FORM_LIMITS.fields} keys (one per field)`),
});
