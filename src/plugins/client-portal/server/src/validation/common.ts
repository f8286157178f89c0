import { z } from 'zod';
import { LIMITS } from '../constants';
import { fieldError, fromZod } from '../errors';

/** Parses `input` with `schema`; a 400 naming the first bad field otherwise. Used by REST controllers and GraphQL alike. */
export const parse = <S extends z.ZodType>(schema: S, input: unknown): z.infer<S> => {
  const result = schema.safeParse(input ?? {});
  if (!result.success) throw fromZod(result.error);
  return result.data;
};

/** GraphQL arguments left out arrive as null; REST bodies simply omit them. */
export const withoutNulls = <T extends Record<string, unknown>>(args: T) =>
  Object.fromEntries(Object.entries(args ?? {}).filter(([, value]) => value !== null && value !== undefined)) as Partial<T>;

export const documentId = z.string().trim().min(1, 'is required').max(100);
export const personName = z.string().trim().min(1).max(LIMITS.nameMax);
export const requiredName = z.string().trim().min(1, 'is required').max(LIMITS.nameMax);
export const email = z.string().trim().max(LIMITS.emailMax).pipe(z.email('must be a valid email address'));
export const isoDate = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' });
export const page = z.coerce.number().int().min(1).default(1);
export const pageSize = (max: number, fallback: number) => z.coerce.number().int().min(1).max(max, `must be at most ${max}`).default(fallback);

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
