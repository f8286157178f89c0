import { pluginType } from './define';

export const SESSION_END_REASONS = ['logout', 'logout_all', 'password_changed', 'account_blocked', 'removed_from_portal'] as const;

/**
 * A signed-in session of a portal account. Every portal JWT names its session (`sid`); a request is accepted only
 * while that session is open, so logging out ends it on the server at once.
 */
export default pluginType(
  { singular: 'portal-session', plural: 'portal-sessions', display: 'Portal session' },
  'A signed-in session of a portal account (ends at logout, password change or expiry)',
  {
    /** Random session id carried by the JWT. */
    sid: { type: 'string', required: true, maxLength: 64, private: true, column: { unique: true } },
    /** The portal account (users-permissions user id); a plain column, read on every request. */
    accountId: { type: 'integer', required: true },
    expiresAt: { type: 'datetime', required: true },
    endedAt: { type: 'datetime' },
    endReason: { type: 'enumeration', enum: [...SESSION_END_REASONS] },
  },
  { indexes: [{ name: 'cp_portal_sessions_account_idx', columns: ['account_id'] }] },
);
