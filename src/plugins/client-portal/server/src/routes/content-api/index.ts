import type { RateLimitOptions } from '../../middlewares/rate-limit';
import { routeConfig, type Audience } from './access';

interface PortalRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  handler: string;
  /** `signedLink`: the link carries its principal; `probe`: health checks, answered even with the portal switched off. */
  audience: Audience | 'signedLink' | 'probe';
  limit?: RateLimitOptions;
}

/** Portal routes, mounted under /api/client-portal. */
export const PORTAL_ROUTES: PortalRoute[] = [
  { method: 'GET', path: '/health', handler: 'health.report', audience: 'probe' },
  { method: 'GET', path: '/health/live', handler: 'health.live', audience: 'probe' },
  { method: 'GET', path: '/health/ready', handler: 'health.ready', audience: 'probe' },
  { method: 'POST', path: '/invitations/preview', handler: 'portal-invitations.preview', audience: 'open', limit: { action: 'invitation' } },
  { method: 'POST', path: '/invitations/accept', handler: 'portal-invitations.accept', audience: 'open', limit: { action: 'invitation' } },
  { method: 'GET', path: '/portals/:portalId', handler: 'portal-auth.portal', audience: 'open', limit: { action: 'portalInfo' } },
  { method: 'POST', path: '/auth/register', handler: 'portal-auth.register', audience: 'open', limit: { action: 'register' } },
  { method: 'POST', path: '/auth/verify-email', handler: 'portal-auth.verifyEmail', audience: 'open', limit: { action: 'verify' } },
  { method: 'POST', path: '/auth/resend-code', handler: 'portal-auth.resendCode', audience: 'open', limit: { action: 'resendCode', byEmail: true } },
  { method: 'POST', path: '/auth/login', handler: 'portal-auth.login', audience: 'open', limit: { action: 'login', byEmail: true, resetOnSuccess: true } },
  { method: 'POST', path: '/auth/forgot-password', handler: 'portal-auth.forgotPassword', audience: 'open', limit: { action: 'forgotPassword', byEmail: true } },
  { method: 'POST', path: '/auth/reset-password', handler: 'portal-auth.resetPassword', audience: 'open', limit: { action: 'resetPassword' } },
  { method: 'POST', path: '/auth/change-password', handler: 'portal-auth.changePassword', audience: 'memberBeforePasswordChange' },
  { method: 'POST', path: '/auth/logout', handler: 'portal-auth.logout', audience: 'memberBeforePasswordChange' },
  { method: 'POST', path: '/auth/logout-all', handler: 'portal-auth.logoutAll', audience: 'memberBeforePasswordChange' },
  // Signed, short-lived file links; the link names its principal, whose access is checked when it is fetched.
  { method: 'GET', path: '/files/:token', handler: 'files.serve', audience: 'signedLink' },
  { method: 'GET', path: '/me', handler: 'portal-me.find', audience: 'memberBeforePasswordChange' },
  { method: 'PUT', path: '/me', handler: 'portal-me.update', audience: 'member' },
  { method: 'POST', path: '/me/avatar', handler: 'portal-me.setAvatar', audience: 'member' },
  { method: 'DELETE', path: '/me/avatar', handler: 'portal-me.deleteAvatar', audience: 'member' },
  { method: 'GET', path: '/properties', handler: 'portal-properties.find', audience: 'member' },
  { method: 'GET', path: '/properties/:documentId', handler: 'portal-properties.findOne', audience: 'member' },
  { method: 'PUT', path: '/properties/:documentId/feedback', handler: 'portal-properties.feedback', audience: 'member' },
  { method: 'GET', path: '/viewings', handler: 'portal-activities.listViewings', audience: 'member' },
  { method: 'POST', path: '/viewings', handler: 'portal-activities.requestViewing', audience: 'member' },
  { method: 'GET', path: '/viewings/:documentId', handler: 'portal-activities.getViewing', audience: 'member' },
  { method: 'POST', path: '/viewings/:documentId/cancel', handler: 'portal-activities.cancelViewing', audience: 'member' },
  { method: 'GET', path: '/viewings/:documentId/:kind(photos|voice-notes)', handler: 'portal-activities.listMedia', audience: 'member' },
  { method: 'POST', path: '/viewings/:documentId/:kind(photos|voice-notes)', handler: 'portal-activities.addMedia', audience: 'member' },
  { method: 'DELETE', path: '/viewings/:documentId/:kind(photos|voice-notes)/:fileId', handler: 'portal-activities.deleteMedia', audience: 'member' },
  { method: 'GET', path: '/notes', handler: 'portal-activities.listNotes', audience: 'member' },
  { method: 'POST', path: '/notes', handler: 'portal-activities.createNote', audience: 'member' },
  { method: 'PUT', path: '/notes/:documentId', handler: 'portal-activities.updateNote', audience: 'member' },
  { method: 'DELETE', path: '/notes/:documentId', handler: 'portal-activities.deleteNote', audience: 'member' },
  { method: 'GET', path: '/messages', handler: 'portal-activities.listMessages', audience: 'member' },
  { method: 'POST', path: '/messages', handler: 'portal-activities.sendMessage', audience: 'member' },
  { method: 'GET', path: '/timeline', handler: 'portal-activities.timeline', audience: 'member' },
  { method: 'GET', path: '/documents', handler: 'portal-activities.documents', audience: 'member' },
  { method: 'GET', path: '/contacts', handler: 'portal-activities.contacts', audience: 'member' },
  { method: 'GET', path: '/invitations/roles', handler: 'portal-activities.invitableRoles', audience: 'member' },
  { method: 'POST', path: '/invitations', handler: 'portal-activities.inviteOther', audience: 'member' },
  { method: 'GET', path: '/forms', handler: 'portal-forms.find', audience: 'member' },
  { method: 'GET', path: '/forms/:documentId', handler: 'portal-forms.findOne', audience: 'member' },
  { method: 'POST', path: '/forms/:documentId/answers', handler: 'portal-forms.answer', audience: 'member' },
];

/** The users-permissions action of a route handler (`portal-me.find` → `plugin::client-portal.portal-me.find`). */
export const actionOf = (handler: string) => `plugin::client-portal.${handler}`;

export default {
  type: 'content-api',
  routes: PORTAL_ROUTES.map(({ audience, limit, ...route }) => ({
    ...route,
    config: audience === 'signedLink' || audience === 'probe' ? { auth: false as const } : routeConfig(audience, limit),
  })),
};

/**
 * Actions of the routes without a JWT, granted to the Public role: the routes need no JWT anyway, and a Public role
 * with at least one permission is what lets anonymous callers reach /graphql at all.
 */
export const PUBLIC_ACTIONS = PORTAL_ROUTES.filter((route) => route.audience === 'open' || route.audience === 'signedLink').map((route) => actionOf(route.handler));

/** Actions the users-permissions Authenticated role is given for the member routes (an administrator may take one away). */
export const AUTHENTICATED_ACTIONS = [...new Set(PORTAL_ROUTES.filter((route) => route.audience.startsWith('member')).map((route) => actionOf(route.handler)))];
