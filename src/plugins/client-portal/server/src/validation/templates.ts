import { z } from 'zod';
import { LANGUAGES } from '../constants';
import { TEMPLATE_KEYS } from '../emails';

/** A template being edited: preview it, or send it to oneself. Parts left out use the saved (or default) text. */
export const templateDraftSchema = z.strictObject({
  template: z.enum(TEMPLATE_KEYS as [string, ...string[]], { error: `must be one of ${TEMPLATE_KEYS.join(', ')}` }),
  language: z.enum(LANGUAGES),
  subject: z.string().max(500).optional(),
  text: z.string().max(50_000).optional(),
  html: z.string().max(200_000).optional(),
});
