import { pluginType } from './define';
import { DELIVERY_STATUSES, INVITATION_STATUSES, LANGUAGES, LIMITS } from '../constants';

export default pluginType(
  { singular: 'invitation', plural: 'invitations', display: 'Portal invitation' },
  'An invitation of a contact to the client portal',
  {
    contact: { type: 'relation', relation: 'manyToOne', target: 'api::contact.contact', inversedBy: 'invitations' },
    property: { type: 'relation', relation: 'manyToOne', target: 'api::property.property' },
    portalRole: { type: 'relation', relation: 'manyToOne', target: 'plugin::client-portal.portal-role' },
    /** The address as the agent typed it. */
    email: { type: 'email', required: true, maxLength: LIMITS.emailMax },
    /** Trimmed, NFC, lower-case; indexed for look-ups. */
    emailNormalized: { type: 'string', maxLength: LIMITS.emailMax },
    firstName: { type: 'string', maxLength: LIMITS.nameMax },
    lastName: { type: 'string', maxLength: LIMITS.nameMax },
    /** SHA-256 (hex) of the secret token; the token itself is never stored. */
    tokenHash: { type: 'string', private: true, maxLength: 64, column: { unique: true } },
    /** `<contact documentId>:<property documentId or *>` while pending, else null: one pending invite per pair. */
    pendingKey: { type: 'string', private: true, maxLength: 120, column: { unique: true } },
    status: { type: 'enumeration', enum: [...INVITATION_STATUSES], default: 'pending', required: true },
    expiresAt: { type: 'datetime', required: true },
    /** Validity period chosen at invite time; a resend grants it again from the moment of resending. */
    expiresInDays: { type: 'integer', min: LIMITS.invitationExpiryDaysMin, max: LIMITS.invitationExpiryDaysMax },
    sentAt: { type: 'datetime' },
    lastSentAt: { type: 'datetime' },
    sendCount: { type: 'integer', default: 0, min: 0 },
    acceptedAt: { type: 'datetime' },
    revokedAt: { type: 'datetime' },
    invitedByAgent: { type: 'relation', relation: 'manyToOne', target: 'admin::user' },
    invitedByAccount: { type: 'relation', relation: 'manyToOne', target: 'plugin::users-permissions.user' },
    /** The form sent with this invitation: the contact's answer sheet for it (forms service). */
    formResponse: { type: 'relation', relation: 'manyToOne', target: 'plugin::client-portal.form-response' },
    acceptedBy: { type: 'relation', relation: 'manyToOne', target: 'plugin::users-permissions.user' },
    message: { type: 'text', maxLength: LIMITS.invitationMessageMax },
    language: { type: 'enumeration', enum: [...LANGUAGES], default: 'en' },
    /** Per-invite permission overrides `{ [flag]: boolean }`, applied over the role's flags. */
    permissions: { type: 'json' },
    deliveryStatus: { type: 'enumeration', enum: [...DELIVERY_STATUSES], default: 'queued' },
    deliveryError: { type: 'text' },
    deliveryAttempts: { type: 'integer', default: 0, min: 0 },
  },
  {
    indexes: [
      { name: 'cp_invitations_email_normalized_idx', columns: ['email_normalized'] },
      { name: 'cp_invitations_status_expires_idx', columns: ['status', 'expires_at'] },
    ],
  },
);
