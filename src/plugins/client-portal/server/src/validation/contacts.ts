import { z } from 'zod';
import { documentId, page, pageSize } from './common';

/** GET /client-portal/contacts/portal-status?contacts=a,b,c — the contact list's status column. */
export const statusesQuerySchema = z.strictObject({
  contacts: z
    .string({ error: 'is required (comma-separated documentIds)' })
    .transform((value) => [...new Set(value.split(',').map((part) => part.trim()).filter(Boolean))])
    .pipe(z.array(documentId).min(1, 'must list at least one contact').max(100, 'must list at most 100 contacts')),
});

/** POST /client-portal/contacts/:documentId/share — a property for a contact who already has an account. */
export const shareSchema = z.strictObject({
  property: documentId,
  portalRole: documentId,
  permissions: z.record(z.string(), z.boolean()).nullish(),
});

/** POST /client-portal/contacts/:documentId/messages — the agent's reply. */
export const replySchema = z.strictObject({
  body: z.string().trim().min(1, 'must not be empty').max(5000, 'must be at most 5000 characters'),
});

/** GET /client-portal/messages/threads?page&pageSize */
export const threadsQuerySchema = z.strictObject({ page, pageSize: pageSize(100, 25) });
