import type { RateLimitOptions } from '../../middlewares/rate-limit';
import { portalStrategy } from '../../portal-strategy';

/**
 * Who may call a portal operation, the same for its REST route and its GraphQL field:
 * - `open`: anyone (no JWT), while the portal is switched on;
 * - `member`: an active portal account whose temporary password has been changed;
 * - `memberBeforePasswordChange`: an active portal account, also with a temporary password still to change.
 */
export type Audience = 'open' | 'member' | 'memberBeforePasswordChange';

const PORTAL_ON = 'plugin::client-portal.portal-enabled';
const PORTAL_USER = 'plugin::client-portal.portal-user';
const RATE_LIMIT = 'plugin::client-portal.rate-limit';

export const policiesOf = (audience: Audience) => {
  if (audience === 'open') return [PORTAL_ON];
  if (audience === 'member') return [PORTAL_ON, PORTAL_USER];
  return [PORTAL_ON, { name: PORTAL_USER, config: { allowPasswordChange: true } }];
};

/**
 * The route config of a REST route: policies, and the rate limit as a route middleware. A member route
 * authenticates with the portal's own strategy only (`portal-strategy.ts`): an API token could never pass its
 * policies, and users-permissions' strategy reads in six statements what the portal's reads in two.
 */
export const routeConfig = (audience: Audience, limit?: RateLimitOptions) => ({
  auth: audience === 'open' ? (false as const) : { strategies: [portalStrategy] },
  policies: policiesOf(audience),
  ...(limit ? { middlewares: [{ name: RATE_LIMIT, config: limit }] } : {}),
});

/**
 * The resolvers config of a GraphQL field: the users-permissions scope of the REST action it mirrors (so switching
 * that action off in a role closes both), the same policies, and the same rate limit as a resolver middleware.
 */
export const resolverConfig = (audience: Audience, action: string, limit?: RateLimitOptions) => ({
  auth: audience === 'open' ? (false as const) : { scope: [action] },
  policies: policiesOf(audience),
  ...(limit ? { middlewares: [{ name: RATE_LIMIT, options: limit }] } : {}),
});
