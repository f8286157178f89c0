/** Mirrors server/src/constants.ts ACTIONS: the admin RBAC actions of the plugin. */
const action = (uid: string) => [{ action: `plugin::client-portal.${uid}`, subject: null }];

export const PERMISSIONS = {
  read: action('read'),
  invite: action('invitations.create'),
  resend: action('invitations.resend'),
  revoke: action('invitations.revoke'),
  createPortalUser: action('portal-users.create'),
  export: action('portal-users.export'),
  removePortalAccess: action('portal-users.remove'),
  manageGroups: action('groups.manage'),
  inviteMore: action('invitations.invite-more'),
  manageForms: action('forms.manage'),
  readFormAnswers: action('forms.answers'),
  confirmViewings: action('viewings.confirm'),
  replyMessages: action('messages.reply'),
  manageRoles: action('roles.manage'),
  settingsRead: action('settings.read'),
  settingsUpdate: action('settings.update'),
};
