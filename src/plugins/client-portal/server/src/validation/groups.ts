import { z } from 'zod';
import { documentId, email, page, pageSize, requiredName } from './common';

const propertyList = z.array(documentId).max(200, 'must list at most 200 properties');

/** POST /client-portal/groups */
export const createGroupSchema = z.strictObject({
  name: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
  description: z.string().trim().max(2000, 'must be at most 2000 characters').nullish(),
  properties: propertyList.optional(),
});

/** PUT /client-portal/groups/:documentId — the properties, when given, replace the group's. */
export const updateGroupSchema = createGroupSchema.partial();

/** GET /client-portal/groups?q&page&pageSize */
export const groupsQuerySchema = z.strictObject({
  q: z.string().trim().min(1).max(100).optional(),
  /** Groups this contact is a member of. */
  contact: documentId.optional(),
  page,
  pageSize: pageSize(100, 25),
});

/** POST /client-portal/groups/:documentId/members */
export const addMemberSchema = z.strictObject({
  contact: documentId,
  portalRole: documentId,
});

/** POST /client-portal/groups/:documentId/invite */
export const inviteAllSchema = z.strictObject({ form: documentId.nullish() });

/**
 * POST /client-portal/contacts/:documentId/invite-more — another person into this client's portal: an existing
 * contact, or a new one by name and email.
 */
export const inviteMoreSchema = z
  .strictObject({
    contact: documentId.optional(),
    firstName: requiredName.optional(),
    lastName: requiredName.optional(),
    email: email.optional(),
    portalRole: documentId,
    message: z.string().trim().max(2000, 'must be at most 2000 characters').nullish(),
    form: documentId.nullish(),
  })
  .superRefine((value, ctx) => {
    if (value.contact) return;
    for (const field of ['firstName', 'lastName', 'email'] as const) {
      if (!value[field]) ctx.addIssue({ code: 'custom', path: [field], message: 'is required when no existing contact is chosen' });
    }
  });
