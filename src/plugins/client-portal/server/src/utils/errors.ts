import createHttpError from 'http-errors';
import { errors } from '@strapi/utils';
import type { z } from 'zod';

export type FieldError = { path: string[]; message: string; name: 'ValidationError' };

/** 400 naming the field: `email: must be a valid email address`. */
export const fieldError = (field: string, message: string) =>
  new errors.ValidationError(`${field}: ${message}`, {
    errors: [{ path: field.split('.'), message, name: 'ValidationError' } satisfies FieldError],
  });

/** 400 from zod issues; the message names the first bad field, details list them all. */
export const fromZod = (error: z.ZodError) => {
  const list: FieldError[] = error.issues.map((issue) => ({
    path: issue.path.map(String),
    message: issue.message,
    name: 'ValidationError',
  }));
  const first = list[0];
  const where = first && first.path.length ? `${first.path.join('.')}: ` : '';
  return new errors.ValidationError(`${where}${first?.message ?? 'Invalid input'}`, { errors: list });
};

/** 409 with the standard error envelope (details carried through). */
export const conflict = (message: string, details: Record<string, unknown> = {}) =>
  createHttpError(409, message, { details, expose: true });

/** 429 with the standard error envelope. */
export const tooManyRequests = (message: string, details: Record<string, unknown> = {}) =>
  new errors.RateLimitError(message, details);

export const { ValidationError, NotFoundError, ForbiddenError, ApplicationError } = errors;
