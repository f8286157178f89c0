import { z } from 'zod';
import { documentId, page, pageSize } from './common';

export const createPortalUserSchema = z.strictObject({
  contact: documentId,
  portalRole: documentId.nullish(),
});

export const portalUsersQuerySchema = z.strictObject({
  /** `removed`: contacts removed from the portal (the list shows the others unless asked). */
  status: z.enum(['active', 'draft', 'blocked', 'removed']).optional(),
  q: z.string().trim().min(1).max(100).optional(),
  /** The portal role's key. */
  role: z.string().trim().min(1).max(100).optional(),
  /** The responsible agent (admin user id). */
  agent: z.coerce.number().int().positive('must be an admin user id').optional(),
  page,
  pageSize: pageSize(100, 25),
});
