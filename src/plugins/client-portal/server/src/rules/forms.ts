import { z } from 'zod';

/**
 * Forms agents send with an invitation: the field types, what a field definition may say, and how a client's
 * answers are checked. Pure rules, shared by the service, GraphQL and the admin's preview (mirrored there).
 */
export const FIELD_TYPES = ['text', 'longText', 'number', 'date', 'choice', 'multiChoice', 'checkbox', 'file'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/**
 * `fileFields`: a form's files travel in one answer request, which takes at most 3 files; `answersText`: the bytes of
 * the `answers` JSON text of a multipart answer (room for 50 long texts).
 */
export const FORM_LIMITS = { fields: 50, fileFields: 3, answersText: 256 * 1024, options: 50, label: 200, help: 500, option: 200, text: 500, longText: 5000 } as const;

/** Names every object already has (`constructor`, `toString`…): never a field key, so answers[key] is only an answer. */
const RESERVED_KEYS = new Set(Object.getOwnPropertyNames(Object.prototype));
const own = (record: Record<string, unknown> | null | undefined, key: string): unknown => (record && Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined);

export interface FormField {
  key: string;
  label: string;
  help?: string | null;
  type: FieldType;
  required?: boolean;
  /** text / long text: characters; number: value; multiple choice: how many picked; date: `YYYY-MM-DD`. */
  min?: number | string | null;
  max?: number | string | null;
  /** choice / multiple choice. */
  options?: string[] | null;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (value: unknown): value is string => typeof value === 'string' && DAY.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
const bound = z.union([z.number().finite(), z.string().trim().max(10)]).nullish();

export const fieldSchema = z
  .strictObject({
    key: z
      .string()
      .trim()
      .regex(/^[a-zA-Z][a-zA-Z0-9_]{0,49}$/, 'must start with a letter and hold only letters, digits and _ (at most 50)')
      .refine((key) => !RESERVED_KEYS.has(key), 'is a reserved name: choose another key'),
    label: z.string().trim().min(1, 'is required').max(FORM_LIMITS.label, `must be at most ${FORM_LIMITS.label} characters`),
    help: z.string().trim().max(FORM_LIMITS.help, `must be at most ${FORM_LIMITS.help} characters`).nullish(),
    type: z.enum(FIELD_TYPES, { error: `must be one of ${FIELD_TYPES.join(', ')}` }),
    required: z.boolean().optional(),
    min: bound,
    max: bound,
    options: z.array(z.string().trim().min(1, 'must not be empty').max(FORM_LIMITS.option)).max(FORM_LIMITS.options, `must list at most ${FORM_LIMITS.options} options`).nullish(),
  })
  .superRefine((field, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    const hasMin = field.min != null && field.min !== '';
    const hasMax = field.max != null && field.max !== '';
    const choices = field.type === 'choice' || field.type === 'multiChoice';
    if (choices) {
      if (!field.options?.length) issue('options', 'must list at least one option');
      else if (new Set(field.options).size !== field.options.length) issue('options', 'must not repeat an option');
    } else if (field.options?.length) issue('options', `are only for choice and multiChoice fields`);

    if (field.type === 'date') {
      if (hasMin && !isDay(field.min)) issue('min', 'must be a date (YYYY-MM-DD)');
      if (hasMax && !isDay(field.max)) issue('max', 'must be a date (YYYY-MM-DD)');
      if (isDay(field.min) && isDay(field.max) && field.min > field.max) issue('max', 'must not be before min');
      return;
    }
    if ((field.type === 'choice' || field.type === 'checkbox' || field.type === 'file') && (hasMin || hasMax)) {
      issue(hasMin ? 'min' : 'max', `is not used by ${field.type} fields`);
      return;
    }
    for (const [name, value] of [['min', field.min], ['max', field.max]] as const) {
      if (value == null || value === '') continue;
      if (typeof value !== 'number') issue(name, 'must be a number');
      else if (field.type !== 'number' && (!Number.isInteger(value) || value < 0)) issue(name, 'must be a whole number, 0 or more');
      else if (field.type === 'text' && value > FORM_LIMITS.text) issue(name, `must be at most ${FORM_LIMITS.text}`);
      else if (field.type === 'longText' && value > FORM_LIMITS.longText) issue(name, `must be at most ${FORM_LIMITS.longText}`);
    }
    if (typeof field.min === 'number' && typeof field.max === 'number' && field.min > field.max) issue('max', 'must not be less than min');
    if (field.type === 'multiChoice' && typeof field.min === 'number' && field.options?.length && field.min > field.options.length) issue('min', 'must not exceed the number of options');
    if (field.type === 'multiChoice' && typeof field.max === 'number' && field.options?.length && field.max > field.options.length) issue('max', 'must not exceed the number of options');
    if (field.required && field.type !== 'number' && field.max === 0) issue('max', 'must be at least 1 for a required field');
  });

export const fieldsSchema = z
  .array(fieldSchema)
  .min(1, 'must list at least one field')
  .max(FORM_LIMITS.fields, `must list at most ${FORM_LIMITS.fields} fields`)
  .superRefine((fields, ctx) => {
    const seen = new Set<string>();
    fields.forEach((field, index) => {
      if (seen.has(field.key)) ctx.addIssue({ code: 'custom', path: [index, 'key'], message: 'is used by another field' });
      seen.add(field.key);
    });
    const files = fields.filter((field) => field.type === 'file').length;
    if (files > FORM_LIMITS.fileFields) ctx.addIssue({ code: 'custom', path: [], message: `must have at most ${FORM_LIMITS.fileFields} file fields (a client sends all files at once)` });
  });

/** A stored file answer. */
export interface FileAnswer {
  fileId: number;
}
export type AnswerValue = string | number | boolean | string[] | FileAnswer | null;

export interface AnswerError {
  key: string;
  message: string;
}

/** Nothing given: absent, null, an empty or blank string, an empty list, an unticked box. */
const isEmpty = (value: unknown) => value == null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);

/**
 * A number as people type it: an optional minus, digits, and a decimal point or comma. No 0x10 or 1e3, and no
 * `1,000` / `2.500`: with three digits after the mark it may be a thousands separator (0.125 is fine).
 */
const NUMBER_TEXT = /^-?(?:\d+|0[.,]\d+|\d+[.,](?!\d{3}$)\d+)$/;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Checks one answer (not files: their presence only) and gives its stored value, or the message naming what is wrong.
 * Multipart forms send every value as text: numbers and ticks written as text are read as such.
 */
export const checkAnswer = (field: FormField, raw: unknown, hasFile = false): { value: AnswerValue } | { error: string } => {
  if (field.type === 'file') {
    if (raw != null && raw !== '') return { error: 'send the file as a multipart file field named after the field' };
    if (!hasFile && field.required) return { error: 'is required' };
    return { value: null };
  }
  if (isEmpty(raw)) return field.required ? { error: field.type === 'checkbox' ? 'must be ticked' : 'is required' } : { value: field.type === 'checkbox' ? false : null };
  const min = field.min === '' ? null : (field.min ?? null);
  const max = field.max === '' ? null : (field.max ?? null);
  switch (field.type) {
    case 'text':
    case 'longText': {
      if (typeof raw !== 'string') return { error: 'must be text' };
      const text = raw.trim();
      const limit = typeof max === 'number' ? max : FORM_LIMITS[field.type];
      if (typeof min === 'number' && text.length < min) return { error: `must be at least ${plural(min, 'character')}` };
      if (text.length > limit) return { error: `must be at most ${plural(limit, 'character')}` };
      return { value: text };
    }
    case 'number': {
      const number = typeof raw === 'number' ? raw : typeof raw === 'string' && NUMBER_TEXT.test(raw.trim()) ? Number(raw.trim().replace(',', '.')) : NaN;
      if (!Number.isFinite(number)) return { error: 'must be a number' };
      if (typeof min === 'number' && number < min) return { error: `must be at least ${min}` };
      if (typeof max === 'number' && number > max) return { error: `must be at most ${max}` };
      return { value: number };
    }
    case 'date': {
      if (!isDay(raw)) return { error: 'must be a date (YYYY-MM-DD)' };
      if (isDay(min) && raw < min) return { error: `must be on or after ${min}` };
      if (isDay(max) && raw > max) return { error: `must be on or before ${max}` };
      return { value: raw };
    }
    case 'choice': {
      if (typeof raw !== 'string' || !field.options?.includes(raw)) return { error: 'must be one of the options' };
      return { value: raw };
    }
    case 'multiChoice': {
      const list = typeof raw === 'string' ? [raw] : raw;
      if (!Array.isArray(list) || list.some((item) => typeof item !== 'string' || !field.options?.includes(item))) return { error: 'must list options of the field' };
      const picked = [...new Set(list as string[])];
      if (typeof min === 'number' && picked.length < min) return { error: `pick at least ${min}` };
      if (typeof max === 'number' && picked.length > max) return { error: `pick at most ${max}` };
      return { value: field.options!.filter((option) => picked.includes(option)) };
    }
    case 'checkbox': {
      const ticked = raw === true || raw === 'true' || raw === 'on' || raw === '1';
      if (!ticked && raw !== false && raw !== 'false' && raw !== '0') return { error: 'must be true or false' };
      if (field.required && !ticked) return { error: 'must be ticked' };
      return { value: ticked };
    }
  }
  return { error: 'is not a known field type' };
};

/**
 * Checks a whole answer sheet: every field (required ones, bounds, options) and no unknown key. Answers the values to
 * store (file fields left to the caller) and every error, each naming its field.
 */
export const checkAnswers = (fields: FormField[], answers: Record<string, unknown>, fileKeys: Set<string>) => {
  const values: Record<string, AnswerValue> = {};
  const errors: AnswerError[] = [];
  const known = new Set(fields.map((field) => field.key));
  const unknown = Object.keys(answers).filter((key) => !known.has(key));
  for (const key of unknown.slice(0, 10)) errors.push({ key, message: 'is not a field of this form' });
  if (unknown.length > 10) errors.push({ key: '…', message: `and ${unknown.length - 10} more keys are not fields of this form` });
  for (const key of fileKeys) if (!known.has(key) || fields.find((field) => field.key === key)?.type !== 'file') errors.push({ key, message: 'is not a file field of this form' });
  for (const field of fields) {
    const result = checkAnswer(field, own(answers, field.key), fileKeys.has(field.key));
    if ('error' in result) errors.push({ key: field.key, message: result.error });
    else values[field.key] = result.value;
  }
  return { values, errors };
};

/** An answer as text (the agent's view and the CSV): lists joined, ticks as Yes / No, files by name. */
/** The stored answer of field `key` (only the sheet's own keys, never an inherited property). */
export const storedAnswer = (answers: Record<string, unknown> | null | undefined, key: string): AnswerValue => (own(answers, key) ?? null) as AnswerValue;

export const answerText = (field: FormField, value: unknown, fileName?: (fileId: number) => string | null): string => {
  if (value == null || value === '') return '';
  if (field.type === 'checkbox') return value ? 'Yes' : 'No';
  if (Array.isArray(value)) return value.join('; ');
  if (field.type === 'file') return (typeof value === 'object' && fileName?.((value as FileAnswer).fileId)) || '';
  return String(value);
};
