import { z } from 'zod';
import { page, pageSize } from './common';

export const PAGE_SIZE_MAX = 50;

export const propertiesQuerySchema = z.strictObject({
  page,
  pageSize: pageSize(PAGE_SIZE_MAX, 20),
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
