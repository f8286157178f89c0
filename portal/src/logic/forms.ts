import type { FormAnswer, FormField, PortalFile } from '../api/types';

/** "Flat, house ,  " → ["Flat", "house"]. */
export const splitList = (text: string | undefined | null) =>
  (text ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);

export const isFile = (value: FormAnswer | undefined): value is PortalFile => !!value && typeof value === 'object' && !Array.isArray(value) && 'url' in value;

/** What a field's bounds mean for the client: `{ min, max }` as shown (dates and numbers as given). */
export const boundsOf = (field: FormField) => {
  const min = field.min === '' || field.min == null ? null : field.min;
  const max = field.max === '' || field.max == null ? null : field.max;
  return { min, max };
};

/**
 * The answers to send from the form's inputs: text as typed (the server checks and trims it), numbers as text (the
 * server reads "12,5"), a checkbox as true / false, multiple choices as a list, files apart (multipart).
 */
export const collectAnswers = (fields: FormField[], data: FormData) => {
  const answers: Record<string, unknown> = {};
  const files: Record<string, File> = {};
  for (const field of fields) {
    if (field.type === 'file') {
      const file = data.get(field.key);
      if (file && typeof file === 'object' && (file as File).size > 0) files[field.key] = file as File;
      continue;
    }
    if (field.type === 'checkbox') answers[field.key] = data.get(field.key) === 'on';
    else if (field.type === 'multiChoice') answers[field.key] = data.getAll(field.key).filter((value): value is string => typeof value === 'string');
    else {
      const value = data.get(field.key);
      answers[field.key] = typeof value === 'string' && value.trim() !== '' ? value : null;
    }
  }
  return { answers, files };
};

/** The server names a field's error `answers.<key>`: the message per field key. */
export const answerErrors = (fields: Record<string, string>) =>
  Object.fromEntries(Object.entries(fields).filter(([path]) => path.startsWith('answers.')).map(([path, message]) => [path.slice('answers.'.length), message]));
