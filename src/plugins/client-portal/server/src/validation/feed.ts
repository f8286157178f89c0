import { z } from 'zod';
import { ACTIVITY_TYPES } from '../constants';
import { documentId, page, pageSize } from './common';

/** GET /client-portal/activities?contact&property&type=a,b&page&pageSize */
export const feedQuerySchema = z.strictObject({
  contact: documentId.optional(),
  property: documentId.optional(),
  type: z
    .string()
    .transform((value) => value.split(',').map((part) => part.trim()).filter(Boolean))
    .pipe(z.array(z.enum(ACTIVITY_TYPES, { error: `must be activity types (${ACTIVITY_TYPES.join(', ')})` })))
    .optional(),
  page,
  pageSize: pageSize(100, 25),
});
