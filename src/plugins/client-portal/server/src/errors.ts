import createHttpError from 'http-errors';
import { errors } from '@strapi/utils';
import type { z } from 'zod';

/**
 * Every message the plugin shows a client or an agent, once, with its code and HTTP status. Errors carry their code
 * in `details.code`; code that needs to know which error it caught matches the code (`hasCode`), never the text.
 * The texts of API.md ("Invitation link is invalid or has expired" …) are contract: change them only with it.
 */
export const ERRORS = {
  // Invitations
  INVITE_INVALID: { status: 400, message: 'Invitation link is invalid or has expired' },
  EMAIL_REQUIRED: { status: 400, message: 'An email address is required to send an invite' },
  PORTAL_USER_EXISTS: { status: 409, message: 'portal user already exists' },
  ALREADY_PENDING: { status: 409, message: 'An invitation is already pending' },
  INVITATION_ACCEPTED: { status: 409, message: 'This invitation has already been accepted' },
  INVITATION_REVOKED: { status: 409, message: 'This invitation has been revoked' },
  INVITATION_CHANGED: { status: 409, message: 'This invitation changed meanwhile; reload and try again' },
  RESEND_LIMIT: { status: 429, message: 'This invitation was resent too often in the last hour; try again later' },
  INVITATION_NOT_FOUND: { status: 404, message: 'Invitation not found' },
  IDEMPOTENCY_KEY_REUSED: { status: 409, message: 'This Idempotency-Key was already used for a different request' },
  IDEMPOTENCY_KEY_BUSY: { status: 409, message: 'A request with this Idempotency-Key is still being processed' },
  // Accounts
  ACCOUNT_EXISTS: { status: 409, message: 'An account with this email address already exists; log in with it or ask your agent for help' },
  EMAIL_TAKEN: { status: 409, message: 'An account with this email address already exists' },
  EMAIL_REQUIRED_FOR_ACCOUNT: { status: 400, message: 'An email address is required to create a portal user' },
  LOGIN_INVALID: { status: 400, message: 'Invalid email or password' },
  CODE_INVALID: { status: 400, message: 'Invalid or expired code' },
  PASSWORD_CHANGE_REQUIRED: { status: 403, message: 'Password change required' },
  PORTAL_NOT_FOUND: { status: 404, message: 'This portal does not exist or is not open for registration' },
  PORTAL_DISABLED: { status: 403, message: 'The client portal is switched off' },
  USE_PORTAL_API: { status: 403, message: 'Not allowed: use the client portal API (/api/client-portal/auth/...)' },
  TOO_MANY_ATTEMPTS: { status: 429, message: 'Too many attempts, please try again later' },
  // Access (another client's record is a 404, exactly like a missing one)
  UNAUTHORIZED: { status: 401, message: 'Missing or invalid credentials' },
  NOT_ALLOWED: { status: 403, message: 'Not allowed' },
  NOT_FOUND: { status: 404, message: 'Not found' },
  CONTACT_NOT_FOUND: { status: 404, message: 'Contact not found' },
  PROPERTY_NOT_FOUND: { status: 404, message: 'Property not found' },
  VIEWING_NOT_FOUND: { status: 404, message: 'Viewing not found' },
  NOTE_NOT_FOUND: { status: 404, message: 'Note not found' },
  FILE_NOT_FOUND: { status: 404, message: 'File not found' },
  // Portal activities
  VIEWING_COMPLETED: { status: 409, message: 'Completed viewings cannot be cancelled' },
  VIEWING_CLOSED: { status: 409, message: 'This viewing is closed' },
  NOT_ON_THE_DAY: { status: 409, message: 'Available on the day of the viewing' },
  INVITES_OFF: { status: 403, message: 'Inviting others is switched off for this portal' },
  ROLE_TOO_STRONG: { status: 403, message: 'The role may not be stronger than your own' },
  INVITES_PER_DAY: { status: 429, message: 'You can invite at most 10 people a day' },
  // Email templates
  TEMPLATE_INVALID: { status: 400, message: 'The template has errors' },
  TEST_EMAIL_FAILED: { status: 502, message: 'The test email could not be sent' },
  // Portal roles
  ROLE_NOT_FOUND: { status: 404, message: 'Portal role not found' },
  ROLE_KEY_TAKEN: { status: 409, message: 'A portal role with this key already exists' },
  ROLE_BUILT_IN: { status: 409, message: 'Built-in roles cannot be deleted' },
  ROLE_IN_USE: { status: 409, message: 'This role is in use; give its holders another role first' },
  // The agent's desk
  NO_ACTIVE_ACCOUNT: { status: 409, message: 'This contact has no active portal account: send a portal invite instead' },
  NO_PORTAL_ACCOUNT: { status: 409, message: 'This contact has no portal account to remove' },
  // Client groups
  GROUP_NOT_FOUND: { status: 404, message: 'Client group not found' },
  ALREADY_GROUP_MEMBER: { status: 409, message: 'This contact is already a member of the group' },
  NOT_GROUP_MEMBER: { status: 404, message: 'This contact is not a member of the group' },
  // Forms
  FORM_NOT_FOUND: { status: 404, message: 'Form not found' },
  FORM_ANSWERED: { status: 409, message: 'This form has already been answered; ask your agent to reopen it' },
  FORM_IN_USE: { status: 409, message: 'This form has been sent to clients; it can no longer be deleted' },
  FORM_NOT_SENT: { status: 404, message: 'This form was not sent to this contact' },
  FORM_NOT_ANSWERED: { status: 409, message: 'This form has not been answered yet' },
  // Deals and accounts kept unique by the database
  DEAL_EXISTS: { status: 400, message: 'This contact is already linked to this property' },
  DEAL_NEEDS_PARTIES: { status: 400, message: 'A deal needs a contact and a property' },
  // Uploads
  NO_FILES_HERE: { status: 415, message: 'This route does not take files: send JSON' },
  LENGTH_REQUIRED: { status: 411, message: 'A file upload must state its Content-Length' },
  FILE_TOO_LARGE: { status: 413, message: 'file: the file is too large' },
} as const satisfies Record<string, { status: 400 | 401 | 403 | 404 | 409 | 411 | 413 | 415 | 429 | 502; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

/**
 * The error of `code`, answered with the standard Strapi envelope (`{ status, name, message, details }`);
 * `details.code` names it. `message` replaces the catalogue text where it carries a number (limits, sizes).
 */
export const problem = (code: ErrorCode, details: Record<string, unknown> = {}, message: string = ERRORS[code].message) => {
  const { status } = ERRORS[code];
  const full = { code, ...details };
  switch (status) {
    case 400:
      return new errors.ValidationError(message, full);
    case 401:
      return new errors.UnauthorizedError(message, full);
    case 403:
      // A PolicyError keeps its message public (a plain ForbiddenError is answered with a bare "Forbidden").
      return new errors.PolicyError(message, full);
    case 404:
      return new errors.NotFoundError(message, full);
    case 429:
      return new errors.RateLimitError(message, full);
    default:
      return createHttpError(status, message, { details: full, expose: true });
  }
};

/** True when `error` is the plugin's error of `code` (wherever it was thrown, whatever its text). */
export const hasCode = (error: unknown, code: ErrorCode): boolean => (error as { details?: { code?: string } } | null)?.details?.code === code;

export type FieldError = { path: string[]; message: string; name: 'ValidationError' };

/** 400 naming the field: `email: must be a valid email address`. */
export const fieldError = (field: string, message: string) =>
  new errors.ValidationError(`${field}: ${message}`, {
    code: 'INVALID_FIELD',
    errors: [{ path: field.split('.'), message, name: 'ValidationError' } satisfies FieldError],
  });

/** 400 naming every bad field at once: `answers.budget: must be a number; answers.moveIn: is required`. */
export const fieldErrors = (list: Array<{ field: string; message: string }>) =>
  new errors.ValidationError(list.map((entry) => `${entry.field}: ${entry.message}`).join('; '), {
    code: 'INVALID_FIELD',
    errors: list.map((entry) => ({ path: entry.field.split('.'), message: entry.message, name: 'ValidationError' }) satisfies FieldError),
  });

/** A catalogue error that is about one field (e.g. the missing email): the message, and `details.errors` naming it. */
export const fieldProblem = (code: ErrorCode, field: string) =>
  problem(code, { errors: [{ path: field.split('.'), message: ERRORS[code].message, name: 'ValidationError' } satisfies FieldError] });

/** 400 from zod issues; the message names the first bad field, details list them all. */
export const fromZod = (error: z.ZodError) => {
  const list: FieldError[] = error.issues.map((issue) => ({
    path: issue.path.map(String),
    message: issue.message,
    name: 'ValidationError',
  }));
  const first = list[0];
  const where = first && first.path.length ? `${first.path.join('.')}: ` : '';
  return new errors.ValidationError(`${where}${first?.message ?? 'Invalid input'}`, { code: 'INVALID_FIELD', errors: list });
};
