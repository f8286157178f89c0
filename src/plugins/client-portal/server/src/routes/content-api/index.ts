const PORTAL_ON = 'plugin::client-portal.portal-enabled';

/** Public portal routes (mounted under /api/client-portal). */
export default {
  type: 'content-api',
  routes: [
    { method: 'POST', path: '/invitations/preview', handler: 'portal-invitations.preview', config: { auth: false, policies: [PORTAL_ON] } },
    { method: 'POST', path: '/invitations/accept', handler: 'portal-invitations.accept', config: { auth: false, policies: [PORTAL_ON] } },
  ],
};
