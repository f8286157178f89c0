import { ACCOUNT_STATUSES, CREATION_METHODS, LANGUAGES, LIMITS } from '../constants';

/**
 * Portal-account fields added to `plugin::users-permissions.user` in register().
 * A portal account is a users-permissions user linked to exactly one contact.
 */
export const portalAccountAttributes = {
  firstName: { type: 'string', maxLength: LIMITS.nameMax },
  lastName: { type: 'string', maxLength: LIMITS.nameMax },
  contact: { type: 'relation', relation: 'oneToOne', target: 'api::contact.contact', inversedBy: 'portalAccount' },
  /** The linked contact's documentId, unique: one portal account per contact, enforced by the database. */
  contactKey: { type: 'string', private: true, maxLength: 100, column: { unique: true }, configurable: false, visible: false },
  /** `draft` until the email is verified (cannot log in), then `active`. */
  portalStatus: { type: 'enumeration', enum: [...ACCOUNT_STATUSES], default: 'draft', required: true },
  /** Account-wide portal role (inviting others, and properties whose deal names no role). */
  portalRole: { type: 'relation', relation: 'manyToOne', target: 'plugin::client-portal.portal-role' },
  /** Per-account permission overrides `{ [flag]: boolean }` applied over the role's flags. */
  permissionOverrides: { type: 'json' },
  /** Responsible agent. */
  owner: { type: 'relation', relation: 'manyToOne', target: 'admin::user' },
  language: { type: 'enumeration', enum: [...LANGUAGES], default: 'en' },
  avatar: { type: 'media', multiple: false, required: false, allowedTypes: ['images'] },
  mustChangePassword: { type: 'boolean', default: false },
  temporaryPasswordExpiresAt: { type: 'datetime', private: true },
  /** When the password was last set (a change or reset also ends every session). */
  passwordChangedAt: { type: 'datetime', private: true },
  /**
   * Set when an agent removed the contact from the portal (the account is then also `blocked`): its sessions ended,
   * its history kept. A later invitation, once accepted, reactivates this same account and clears it.
   */
  removedAt: { type: 'datetime' },
  firstLoginAt: { type: 'datetime' },
  lastLoginAt: { type: 'datetime' },
  creationMethod: { type: 'enumeration', enum: [...CREATION_METHODS] },
  /** Unique: one account per email address, whichever way it was created. */
  emailNormalized: { type: 'string', maxLength: LIMITS.emailMax, private: true, column: { unique: true }, configurable: false, visible: false },
  location: { type: 'string', maxLength: 200 },
  preferences: { type: 'json' },
  /** Invite-others quota: the UTC day (YYYY-MM-DD) and how many invitations the client sent that day. */
  inviteQuotaDay: { type: 'string', maxLength: 10, private: true, configurable: false, visible: false },
  inviteQuotaUsed: { type: 'integer', private: true, configurable: false, visible: false, default: 0 },
  /** Wrong 6-digit codes (verification and reset) of the account on one UTC day (YYYY-MM-DD). */
  codeFailureDay: { type: 'string', maxLength: 10, private: true, configurable: false, visible: false },
  codeFailures: { type: 'integer', private: true, configurable: false, visible: false, default: 0 },
} as const;

export const portalAccountIndexes: Array<{ name: string; columns: string[] }> = [];
