/** Every identifier the plugin shares between files lives here. */
export const PLUGIN_ID = 'client-portal' as const;

export const UID = {
  contact: 'api::contact.contact',
  property: 'api::property.property',
  deal: 'api::deal.deal',
  viewing: 'api::viewing.viewing',
  note: 'api::note.note',
  message: 'api::message.message',
  document: 'api::document.document',
  user: 'plugin::users-permissions.user',
  upRole: 'plugin::users-permissions.role',
  upPermission: 'plugin::users-permissions.permission',
  adminUser: 'admin::user',
  portalRole: 'plugin::client-portal.portal-role',
  invitation: 'plugin::client-portal.invitation',
  activity: 'plugin::client-portal.activity',
  verificationCode: 'plugin::client-portal.verification-code',
  outboxMessage: 'plugin::client-portal.outbox-message',
  idempotencyRecord: 'plugin::client-portal.idempotency-record',
  portalSession: 'plugin::client-portal.portal-session',
  clientGroup: 'plugin::client-portal.client-group',
  groupMember: 'plugin::client-portal.group-member',
  form: 'plugin::client-portal.form',
  formResponse: 'plugin::client-portal.form-response',
  file: 'plugin::upload.file',
  apiToken: 'admin::api-token',
} as const;

/** Admin RBAC actions (uid part). Full action id: `plugin::client-portal.<uid>`. Mirrored in admin/src/permissions.ts. */
export const ACTIONS = {
  read: 'read',
  invite: 'invitations.create',
  resend: 'invitations.resend',
  revoke: 'invitations.revoke',
  createPortalUser: 'portal-users.create',
  export: 'portal-users.export',
  removePortalAccess: 'portal-users.remove',
  manageGroups: 'groups.manage',
  inviteMore: 'invitations.invite-more',
  manageForms: 'forms.manage',
  readFormAnswers: 'forms.answers',
  confirmViewings: 'viewings.confirm',
  replyMessages: 'messages.reply',
  manageRoles: 'roles.manage',
  settingsRead: 'settings.read',
  settingsUpdate: 'settings.update',
} as const;

export type ActionKey = keyof typeof ACTIONS;

export const actionId = (key: ActionKey) => `plugin::${PLUGIN_ID}.${ACTIONS[key]}`;

/** Languages the product ships emails and portal texts in. The first is the fallback. */
export const LANGUAGES = ['en', 'nl', 'fr', 'de', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'en';

/** Built-in permission flags of a portal role. Developers may register more (roles service). */
export const PERMISSION_FLAGS = [
  'viewProperties',
  'giveFeedback',
  'requestViewings',
  'writeNotes',
  'uploadPhotos',
  'recordVoiceNotes',
  'messageAgent',
  'viewTimeline',
  'viewDocuments',
  'viewTransactionContacts',
  'viewMyDetails',
  'editMyDetails',
  'inviteOthers',
] as const;
export type PermissionFlag = (typeof PERMISSION_FLAGS)[number];

export const INVITATION_STATUSES = ['pending', 'accepted', 'revoked', 'expired'] as const;
export const DELIVERY_STATUSES = ['queued', 'sending', 'sent', 'failed'] as const;
export const ACCOUNT_STATUSES = ['draft', 'active'] as const;
export const CREATION_METHODS = ['agent_created', 'invitation', 'self_registration'] as const;
export const CODE_PURPOSES = ['verify_email', 'reset_password'] as const;

export const ACTIVITY_TYPES = [
  'invited',
  'invite_sent',
  'invite_failed',
  'invite_resent',
  'invite_revoked',
  'invite_accepted',
  'invite_expired',
  'account_created',
  'email_verified',
  'logged_in',
  'password_reset',
  'password_changed',
  'property_access_granted',
  'viewing_requested',
  'viewing_confirmed',
  'viewing_cancelled',
  'feedback_given',
  'note_written',
  'message_sent',
  'profile_updated',
  'auto_invite_skipped',
  'portal_removed',
  'account_reactivated',
  'group_joined',
  'group_left',
  'form_completed',
  'form_reopened',
] as const;

/** Limits shared by validators and content types. */
export const LIMITS = {
  nameMax: 100,
  emailMax: 254,
  invitationMessageMax: 2000,
  invitationExpiryDaysMin: 1,
  invitationExpiryDaysMax: 30,
  invitationExpiryDaysDefault: 7,
  roleKeyPattern: '^[a-z][a-z0-9-]{1,49}$',
} as const;

/**
 * Events emitted on `strapi.eventHub` (subscribe with `strapi.eventHub.on(EVENTS.invitationAccepted, fn)`).
 * Payloads carry documentIds and public fields only, never tokens.
 */
export const EVENTS = {
  invitationCreated: 'client-portal.invitation.created',
  invitationSent: 'client-portal.invitation.sent',
  invitationFailed: 'client-portal.invitation.failed',
  invitationAccepted: 'client-portal.invitation.accepted',
  invitationRevoked: 'client-portal.invitation.revoked',
  invitationExpired: 'client-portal.invitation.expired',
  invitationResent: 'client-portal.invitation.resent',
  accountRemoved: 'client-portal.account.removed',
  accountReactivated: 'client-portal.account.reactivated',
  formCompleted: 'client-portal.form.completed',
} as const;

/**
 * Auth strategies whose `ctx.state.user` is a portal account: the portal's own (its REST routes) and
 * users-permissions' (GraphQL, which runs every content-API strategy).
 */
export const PORTAL_STRATEGY = 'client-portal';
export const PORTAL_ACCOUNT_STRATEGIES: ReadonlySet<string> = new Set([PORTAL_STRATEGY, 'users-permissions']);

/** `ctx.state` key of the portal settings read by the portal's strategy in the request's first statement. */
export const PORTAL_SETTINGS_STATE = 'clientPortalSettings';

/** `ctx.state` key of the session id (`sid`) of the JWT the portal's strategy accepted (logout ends that session). */
export const PORTAL_SESSION_STATE = 'clientPortalSession';
