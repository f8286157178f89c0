import { z } from 'zod';
import { LIMITS } from '../constants';
import { expiryDaysSchema } from '../config';
import { STATUS_FILTERS } from '../rules/invitation-status';
import { documentId, page, pageSize, personName } from './common';

/** POST /client-portal/invitations (agents), and the automatic and client invites through the same service. */
export const inviteSchema = z.strictObject({
  contact: documentId,
  portalRole: documentId,
  property: documentId.nullish(),
  email: z.string().trim().max(LIMITS.emailMax).nullish(),
  firstName: personName.nullish(),
  lastName: personName.nullish(),
  message: z.string().max(LIMITS.invitationMessageMax).nullish(),
  expiresInDays: expiryDaysSchema.nullish(),
  permissions: z.record(z.string(), z.boolean()).nullish(),
  /** Also save `email`, `firstName` and `lastName` on the contact (the invite modal's corrections). */
  updateContact: z.boolean().nullish(),
  /** A form sent with the invitation: the client's next step after accepting. */
  form: documentId.nullish(),
});

export const BULK_MAX = 10_000;

export const bulkSchema = z.strictObject({
  contacts: z.array(documentId).min(1, 'must list at least one contact').max(BULK_MAX, `must list at most ${BULK_MAX} contacts`),
  portalRole: documentId,
  property: documentId.nullish(),
  form: documentId.nullish(),
});

export const listSchema = z
  .object({
    status: z.enum(STATUS_FILTERS).optional(),
    contact: documentId.optional(),
    property: documentId.optional(),
    /** The inviting agent (admin user id). */
    agent: z.coerce.number().int().positive('must be an admin user id').optional(),
    /** Sent on or after / before this day or moment. */
    from: z.iso.date({ error: 'must be a date (YYYY-MM-DD)' }).or(z.iso.datetime({ offset: true })).optional(),
    to: z.iso.date({ error: 'must be a date (YYYY-MM-DD)' }).or(z.iso.datetime({ offset: true })).optional(),
    /** Name or email of the invitee. */
    q: z.string().trim().min(1).max(100).optional(),
    page,
    pageSize: pageSize(100, 25),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, { path: ['to'], message: 'must not be before from' });

/** Resend or revoke several invitations at once (the Invitations page). */
export const bulkChangeSchema = z.strictObject({
  invitations: z.array(documentId).min(1, 'must list at least one invitation').max(100, 'must list at most 100 invitations'),
});

/** The invite link's token is checked by the service (one answer for every bad token). */
export const previewSchema = z.strictObject({ token: z.unknown().optional() });

export const acceptSchema = z.strictObject({
  token: z.unknown().optional(),
  password: z.unknown().optional(),
  firstName: personName.nullish(),
  lastName: personName.nullish(),
});
