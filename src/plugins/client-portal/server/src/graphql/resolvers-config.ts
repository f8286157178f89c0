import { resolverConfig, type Audience } from '../routes/content-api/access';
import { actionOf, PORTAL_ROUTES } from '../routes/content-api';
import type { PortalOperation } from './operation';

/** users-permissions' own auth mutations skip role permissions (auth: false): closed, like their REST routes. */
const UP_AUTH_MUTATIONS = ['login', 'register', 'forgotPassword', 'resetPassword', 'emailConfirmation', 'changePassword'];

/** The REST route an operation mirrors; an operation without one is a programming error, caught at boot. */
export const routeOf = (op: PortalOperation) => {
  const route = PORTAL_ROUTES.find((entry) => entry.handler === op.action);
  if (!route || route.audience === 'signedLink') throw new Error(`GraphQL ${op.name}: "${op.action}" is not a portal route handler`);
  return route as typeof route & { audience: Audience };
};

/**
 * Every portal operation has an explicit entry (REST route policies do not protect GraphQL), taken from the REST
 * route it mirrors: its action as the scope, the route's policies, and the route's rate limit as a resolver middleware.
 */
export const portalResolversConfig = (queries: PortalOperation[], mutations: PortalOperation[]) => {
  const entry = (op: PortalOperation) => {
    const route = routeOf(op);
    return resolverConfig(route.audience, actionOf(op.action), route.limit);
  };
  return {
    ...Object.fromEntries(queries.map((op) => [`Query.${op.name}`, entry(op)])),
    ...Object.fromEntries(mutations.map((op) => [`Mutation.${op.name}`, entry(op)])),
    ...Object.fromEntries(UP_AUTH_MUTATIONS.map((name) => [`Mutation.${name}`, { policies: ['plugin::client-portal.closed'] }])),
  };
};
