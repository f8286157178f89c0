import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { PORTAL_SESSION_STATE, PORTAL_SETTINGS_STATE, PORTAL_STRATEGY, UID } from './constants';
import { getService } from './utils';
import { securityEvent } from './utils/security-log';

/** users-permissions' own signature check of a JWT, kept when `guardJwt` wraps it (per service instance). */
const signatureChecks = new WeakMap<object, (token: string) => Promise<any>>();

export const keepSignatureCheck = (jwtService: object, verify: (token: string) => Promise<any>) => {
  signatureChecks.set(jwtService, verify);
};

/** The claims of a JWT signed with users-permissions' secret (signature and expiry checked), session not checked. */
const verifyJwtSignature = (strapi: Core.Strapi, token: string): Promise<any> => {
  const verify = signatureChecks.get(strapi.plugin('users-permissions').service('jwt'));
  if (!verify) throw new Error('client-portal: the JWT check is not set up (bootstrap has not run)');
  return verify(token);
};

const strapiOf = (): Core.Strapi => (globalThis as any).strapi;

/** The bearer token of the request, as users-permissions reads it (`Authorization: Bearer <jwt>`), else null. */
const bearerOf = (ctx: any): string | null => {
  const header = ctx.request?.header?.authorization;
  if (typeof header !== 'string' || !header) return null;
  const parts = header.split(/\s+/);
  return parts.length === 2 && parts[0].toLowerCase() === 'bearer' ? parts[1] : null;
};

const scopeOf = (config: any): string[] => {
  const scope = config?.scope;
  return scope == null ? [] : Array.isArray(scope) ? scope : [scope];
};

/**
 * The authentication of the portal's REST routes (named in each route's config, so it never runs for other
 * routes). It accepts what users-permissions' strategy with this plugin's JWT check accepted, and answers the same:
 * - no bearer token: anonymous, 403 on every member route (as users-permissions' Public role);
 * - a bad signature, an expired JWT, or a session that is ended, expired or another account's: 401, and the
 *   session refusal is logged (`session_rejected`);
 * - an unknown account, a blocked one, or an unconfirmed one while users-permissions asks for email confirmation:
 *   401 "Invalid credentials";
 * - an action switched off in the account's users-permissions role: 403.
 * What it saves: users-permissions reads the session, the account, its role, the role's permissions (two
 * statements) and its settings, the "portal switched on" policy the portal's settings, and the access context the
 * contact and portal role; here one statement reads the session, the role's grant of this route's action, both
 * settings, the contact and the portal role, and a second the account's row (fresh on every request, so blocking
 * takes effect at once).
 */
export const portalStrategy = {
  name: PORTAL_STRATEGY,

  async authenticate(ctx: any) {
    const strapi = strapiOf();
    const token = bearerOf(ctx);
    if (!token) return { authenticated: true, credentials: null, ability: null };
    let claims: any;
    try {
      claims = await verifyJwtSignature(strapi, token);
    } catch {
      return { authenticated: false };
    }
    const actions = scopeOf(ctx.state?.route?.config?.auth);
    const session = claims?.id === undefined ? null : await getService(strapi, 'sessions').resolve(claims, actions);
    if (!session?.open) {
      securityEvent(strapi, 'session_rejected', { accountId: claims?.id ?? null });
      return { authenticated: false };
    }
    const user = await strapi.db.query(UID.user).findOne({ where: { id: claims.id } });
    if (!user) return { error: 'Invalid credentials' };
    if (session.emailConfirmation && !user.confirmed) return { error: 'Invalid credentials' };
    if (user.blocked) return { error: 'Invalid credentials' };
    if (!session.upRole) return { authenticated: false };
    const account = { ...user, role: session.upRole, contact: session.links.contact, portalRole: session.links.portalRole };
    ctx.state.user = account;
    ctx.state[PORTAL_SESSION_STATE] = claims.sid;
    // Read in the same statement; the "portal switched on" policy uses them instead of reading them again.
    ctx.state[PORTAL_SETTINGS_STATE] = getService(strapi, 'settings').fromStored(session.savedSettings);
    return { authenticated: true, credentials: account, ability: { can: (action: string) => session.granted.has(action) } };
  },

  verify(auth: { credentials?: unknown; ability?: { can: (action: string) => boolean } | null }, config: any) {
    const scope = scopeOf(config);
    if (!auth.credentials) throw scope.length ? new errors.ForbiddenError() : new errors.UnauthorizedError();
    if (!scope.every((action) => auth.ability?.can(action))) throw new errors.ForbiddenError();
  },
};
