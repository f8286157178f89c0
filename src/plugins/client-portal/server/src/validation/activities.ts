import { z } from 'zod';
import { documentId, email, isoDate, requiredName } from './common';

export const viewingRequestSchema = z.strictObject({
  property: documentId,
  preferredDates: z.array(isoDate).min(1, 'give 1 to 3 preferred dates').max(3, 'give at most 3 preferred dates'),
  message: z.string().trim().max(2000).nullish(),
});

/** Agents (admin API) confirm a viewing's date. */
export const confirmViewingSchema = z.strictObject({ date: isoDate, message: z.string().trim().max(2000).nullish() });

const noteText = z.string().trim().min(3, 'must be at least 3 characters').max(5000, 'must be at most 5000 characters');
export const noteCreateSchema = z.strictObject({ text: noteText, property: documentId.nullish(), viewing: documentId.nullish() });
export const noteUpdateSchema = z.strictObject({ text: noteText });

export const messageSchema = z.strictObject({ body: z.string().trim().min(1, 'must not be empty').max(5000, 'must be at most 5000 characters') });

export const inviteOtherSchema = z.strictObject({ email, firstName: requiredName, lastName: requiredName, role: documentId });
