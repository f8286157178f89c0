const PORTAL_ON = 'plugin::client-portal.portal-enabled';
const PORTAL_USER = 'plugin::client-portal.portal-user';

const open = { auth: false, policies: [PORTAL_ON] };
/** Authenticated portal account (the Authenticated role holds these actions), active, password changed. */
const member = { policies: [PORTAL_ON, PORTAL_USER] };
/** Allowed with a temporary password still to change. */
const memberBeforePasswordChange = { policies: [PORTAL_ON, { name: PORTAL_USER, config: { allowPasswordChange: true } }] };

/** Portal routes, mounted under /api/client-portal. */
export default {
  type: 'content-api',
  routes: [
    { method: 'POST', path: '/invitations/preview', handler: 'portal-invitations.preview', config: open },
    { method: 'POST', path: '/invitations/accept', handler: 'portal-invitations.accept', config: open },
    { method: 'POST', path: '/auth/register', handler: 'portal-auth.register', config: open },
    { method: 'POST', path: '/auth/verify-email', handler: 'portal-auth.verifyEmail', config: open },
    { method: 'POST', path: '/auth/resend-code', handler: 'portal-auth.resendCode', config: open },
    { method: 'POST', path: '/auth/login', handler: 'portal-auth.login', config: open },
    { method: 'POST', path: '/auth/forgot-password', handler: 'portal-auth.forgotPassword', config: open },
    { method: 'POST', path: '/auth/reset-password', handler: 'portal-auth.resetPassword', config: open },
    { method: 'POST', path: '/auth/change-password', handler: 'portal-auth.changePassword', config: memberBeforePasswordChange },
    { method: 'POST', path: '/auth/logout', handler: 'portal-auth.logout', config: memberBeforePasswordChange },
    { method: 'POST', path: '/auth/logout-all', handler: 'portal-auth.logoutAll', config: memberBeforePasswordChange },
    // Signed, short-lived file links; the link names its principal, whose access is checked when it is fetched.
    { method: 'GET', path: '/files/:token', handler: 'files.serve', config: { auth: false } },
    { method: 'GET', path: '/me', handler: 'portal-me.find', config: memberBeforePasswordChange },
    { method: 'PUT', path: '/me', handler: 'portal-me.update', config: member },
    { method: 'POST', path: '/me/avatar', handler: 'portal-me.setAvatar', config: member },
    { method: 'DELETE', path: '/me/avatar', handler: 'portal-me.deleteAvatar', config: member },
    { method: 'GET', path: '/properties', handler: 'portal-properties.find', config: member },
    { method: 'GET', path: '/properties/:documentId', handler: 'portal-properties.findOne', config: member },
    { method: 'PUT', path: '/properties/:documentId/feedback', handler: 'portal-properties.feedback', config: member },
    { method: 'GET', path: '/viewings', handler: 'portal-activities.listViewings', config: member },
    { method: 'POST', path: '/viewings', handler: 'portal-activities.requestViewing', config: member },
    { method: 'GET', path: '/viewings/:documentId', handler: 'portal-activities.getViewing', config: member },
    { method: 'POST', path: '/viewings/:documentId/cancel', handler: 'portal-activities.cancelViewing', config: member },
    { method: 'GET', path: '/viewings/:documentId/:kind(photos|voice-notes)', handler: 'portal-activities.listMedia', config: member },
    { method: 'POST', path: '/viewings/:documentId/:kind(photos|voice-notes)', handler: 'portal-activities.addMedia', config: member },
    { method: 'DELETE', path: '/viewings/:documentId/:kind(photos|voice-notes)/:fileId', handler: 'portal-activities.deleteMedia', config: member },
    { method: 'GET', path: '/notes', handler: 'portal-activities.listNotes', config: member },
    { method: 'POST', path: '/notes', handler: 'portal-activities.createNote', config: member },
    { method: 'PUT', path: '/notes/:documentId', handler: 'portal-activities.updateNote', config: member },
    { method: 'DELETE', path: '/notes/:documentId', handler: 'portal-activities.deleteNote', config: member },
    { method: 'GET', path: '/messages', handler: 'portal-activities.listMessages', config: member },
    { method: 'POST', path: '/messages', handler: 'portal-activities.sendMessage', config: member },
    { method: 'GET', path: '/timeline', handler: 'portal-activities.timeline', config: member },
    { method: 'GET', path: '/documents', handler: 'portal-activities.documents', config: member },
    { method: 'GET', path: '/contacts', handler: 'portal-activities.contacts', config: member },
    { method: 'POST', path: '/invitations', handler: 'portal-activities.inviteOther', config: member },
  ],
};

/**
 * Actions of the open routes, granted to the Public role: the routes need no JWT anyway, and a Public role with at
 * least one permission is what lets anonymous callers reach /graphql at all.
 */
export const PUBLIC_ACTIONS = [
  'plugin::client-portal.portal-invitations.preview',
  'plugin::client-portal.portal-invitations.accept',
  'plugin::client-portal.portal-auth.register',
  'plugin::client-portal.portal-auth.verifyEmail',
  'plugin::client-portal.portal-auth.resendCode',
  'plugin::client-portal.portal-auth.login',
  'plugin::client-portal.portal-auth.forgotPassword',
  'plugin::client-portal.portal-auth.resetPassword',
  'plugin::client-portal.files.serve',
];

/** Actions the users-permissions Authenticated role must hold for the routes above. */
export const AUTHENTICATED_ACTIONS = [
  'plugin::client-portal.portal-auth.changePassword',
  'plugin::client-portal.portal-auth.logout',
  'plugin::client-portal.portal-auth.logoutAll',
  'plugin::client-portal.portal-me.find',
  'plugin::client-portal.portal-me.update',
  'plugin::client-portal.portal-me.setAvatar',
  'plugin::client-portal.portal-me.deleteAvatar',
  'plugin::client-portal.portal-properties.find',
  'plugin::client-portal.portal-properties.findOne',
  'plugin::client-portal.portal-properties.feedback',
  ...[
    'listViewings', 'requestViewing', 'getViewing', 'cancelViewing', 'listMedia', 'addMedia', 'deleteMedia',
    'listNotes', 'createNote', 'updateNote', 'deleteNote', 'listMessages', 'sendMessage',
    'timeline', 'documents', 'contacts', 'inviteOther',
  ].map((action) => `plugin::client-portal.portal-activities.${action}`),
];
