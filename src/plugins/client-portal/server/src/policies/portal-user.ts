import type { Core } from '@strapi/strapi';
import { problem } from '../errors';
import { securityEvent } from '../utils/security-log';

/**
 * Every portal-user route and resolver: an authenticated, active, unblocked portal account (fresh from the database
 * on each request, so blocking takes effect at once), whose temporary password has been changed — unless the route
 * is one of those allowed before that (`allowPasswordChange`).
 */
const portalUser = (policyContext: any, config: { allowPasswordChange?: boolean } = {}, { strapi }: { strapi: Core.Strapi }) => {
  const user = policyContext.state?.user;
  if (!user) throw problem('UNAUTHORIZED');
  if (user.portalStatus !== 'active' || user.blocked) {
    securityEvent(strapi, 'policy_denied', { reason: user.blocked ? 'blocked' : 'not_active' });
    throw problem('NOT_ALLOWED');
  }
  if (user.mustChangePassword && !config?.allowPasswordChange) {
    securityEvent(strapi, 'policy_denied', { reason: 'password_change_required' });
    throw problem('PASSWORD_CHANGE_REQUIRED');
  }
  return true;
};

export default portalUser;
