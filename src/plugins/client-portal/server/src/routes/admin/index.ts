import { actionId } from '../../constants';

/** Every admin route: an authenticated admin holding the route's RBAC action. */
const guard = (action: Parameters<typeof actionId>[0]) => ({
  policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: [actionId(action)] } }],
});

export default {
  type: 'admin',
  routes: [
    { method: 'GET', path: '/roles', handler: 'roles.find', config: guard('read') },
    { method: 'POST', path: '/roles', handler: 'roles.create', config: guard('manageRoles') },
    { method: 'PUT', path: '/roles/:documentId', handler: 'roles.update', config: guard('manageRoles') },
    { method: 'DELETE', path: '/roles/:documentId', handler: 'roles.delete', config: guard('manageRoles') },
    { method: 'GET', path: '/invitations', handler: 'invitations.find', config: guard('read') },
    { method: 'POST', path: '/invitations', handler: 'invitations.create', config: guard('invite') },
    { method: 'POST', path: '/invitations/bulk', handler: 'invitations.bulk', config: guard('invite') },
    { method: 'POST', path: '/invitations/bulk-resend', handler: 'invitations.bulkResend', config: guard('resend') },
    { method: 'POST', path: '/invitations/bulk-revoke', handler: 'invitations.bulkRevoke', config: guard('revoke') },
    { method: 'POST', path: '/invitations/:documentId/resend', handler: 'invitations.resend', config: guard('resend') },
    { method: 'POST', path: '/invitations/:documentId/revoke', handler: 'invitations.revoke', config: guard('revoke') },
    { method: 'GET', path: '/contacts/portal-status', handler: 'desk.statuses', config: guard('read') },
    { method: 'POST', path: '/contacts/:documentId/share', handler: 'desk.share', config: guard('invite') },
    { method: 'GET', path: '/contacts/:documentId/messages', handler: 'desk.thread', config: guard('read') },
    { method: 'POST', path: '/contacts/:documentId/messages', handler: 'desk.reply', config: guard('replyMessages') },
    { method: 'GET', path: '/messages/threads', handler: 'desk.threads', config: guard('read') },
    { method: 'GET', path: '/messages/unread', handler: 'desk.unread', config: guard('read') },
    { method: 'GET', path: '/activities', handler: 'desk.activities', config: guard('read') },
    { method: 'GET', path: '/properties/:documentId/portal', handler: 'desk.propertyPortal', config: guard('read') },
    { method: 'GET', path: '/contacts/:documentId/portal-status', handler: 'invitations.contactStatus', config: guard('read') },
    { method: 'POST', path: '/portal-users', handler: 'portal-users.create', config: guard('createPortalUser') },
    { method: 'GET', path: '/portal-users', handler: 'portal-users.find', config: guard('read') },
    { method: 'GET', path: '/portal-users/export', handler: 'portal-users.export', config: guard('export') },
    { method: 'GET', path: '/contacts/:documentId/login-check', handler: 'portal-users.loginCheck', config: guard('read') },
    { method: 'PUT', path: '/viewings/:documentId/confirm', handler: 'viewings.confirm', config: guard('confirmViewings') },
    { method: 'GET', path: '/settings', handler: 'settings.find', config: guard('settingsRead') },
    { method: 'PUT', path: '/settings', handler: 'settings.update', config: guard('settingsUpdate') },
    { method: 'POST', path: '/templates/preview', handler: 'desk.previewTemplate', config: guard('settingsRead') },
    { method: 'POST', path: '/templates/test', handler: 'desk.testTemplate', config: guard('settingsUpdate') },
  ],
};
