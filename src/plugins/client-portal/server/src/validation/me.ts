import { z } from 'zod';
import { LANGUAGES, LIMITS } from '../constants';

export const updateMeSchema = z.strictObject({
  firstName: z.string().trim().min(1, 'must not be empty').max(LIMITS.nameMax).optional(),
  lastName: z.string().trim().min(1, 'must not be empty').max(LIMITS.nameMax).optional(),
  language: z.enum(LANGUAGES).optional(),
});
