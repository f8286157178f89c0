import type { Core } from '@strapi/strapi';
import { UID } from './constants';
import { AUTHENTICATED_ACTIONS, PUBLIC_ACTIONS } from './routes/content-api';
import { getService } from './utils';
import { keepSignatureCheck } from './portal-strategy';

/**
 * users-permissions' own auth routes would bypass the portal's rules (password policy, codes, draft accounts,
 * rate limits), so their actions are taken from the Public and Authenticated roles at every boot; the portal's
 * routes are granted instead (each once: Users & Permissions → Roles may switch one off for REST and GraphQL
 * alike). Deny by default.
 */
export const BLOCKED_UP_ACTIONS = [
  'plugin::users-permissions.auth.callback',
  'plugin::users-permissions.auth.connect',
  'plugin::users-permissions.auth.register',
  'plugin::users-permissions.auth.forgotPassword',
  'plugin::users-permissions.auth.resetPassword',
  'plugin::users-permissions.auth.emailConfirmation',
  'plugin::users-permissions.auth.sendEmailConfirmation',
  'plugin::users-permissions.auth.changePassword',
  'plugin::users-permissions.auth.refresh',
  'plugin::users-permissions.auth.logout',
  'plugin::users-permissions.auth.getSessions',
  'plugin::users-permissions.auth.revokeSession',
  'plugin::users-permissions.user.me',
];

export const syncUsersPermissions = async (strapi: Core.Strapi) => {
  // users-permissions may bootstrap after this plugin: let it create its roles and defaults first (idempotent).
  await strapi.plugin('users-permissions').service('users-permissions').initialize();
  const permissions = strapi.db.query('plugin::users-permissions.permission');
  await permissions.deleteMany({ where: { action: { $in: BLOCKED_UP_ACTIONS } } });
  // Each action is granted once (on install, or when an upgrade adds it): one an administrator took away stays away.
  const record = strapi.store({ type: 'plugin', name: 'client-portal', key: 'granted-actions' });
  const granted = ((await record.get({})) ?? {}) as Record<string, string[]>;
  for (const [type, actions] of [['public', PUBLIC_ACTIONS], ['authenticated', AUTHENTICATED_ACTIONS]] as const) {
    const role = await strapi.db.query(UID.upRole).findOne({ where: { type }, select: ['id'] });
    if (!role) continue;
    const before = new Set(granted[type] ?? []);
    const fresh = actions.filter((action) => !before.has(action));
    const held = await permissions.findMany({ where: { role: { id: role.id }, action: { $in: fresh } }, select: ['action'] });
    const have = new Set(held.map((row: any) => row.action));
    for (const action of fresh) {
      if (!have.has(action)) await permissions.create({ data: { action, role: role.id } });
    }
    granted[type] = [...new Set([...before, ...actions])];
  }
  await record.set({ value: granted });
  const store = strapi.store({ type: 'plugin', name: 'users-permissions' });
  const advanced = ((await store.get({ key: 'advanced' })) ?? {}) as Record<string, unknown>;
  if (advanced.allow_register !== false) await store.set({ key: 'advanced', value: { ...advanced, allow_register: false } });
};

/**
 * Every users-permissions JWT must belong to an open portal session (`auth.tokenIsCurrent`): logout, a password
 * change or reset and blocking end sessions at once, and tokens minted by users-permissions' own login are not
 * accepted for portal accounts. Why this wraps `jwt.verify` rather than adding an auth strategy: content-API
 * strategies run in registration order and the first that authenticates wins, so a strategy of this plugin would
 * run after users-permissions' whenever that plugin registers first; users-permissions' "refresh" mode checks only
 * the access token's signature on each request; and a `src/extensions/users-permissions` override would live in the
 * application, not in the plugin. `verify` is the one function both GraphQL and users-permissions' REST
 * authentication go through. The portal's own REST routes name their strategy (`portal-strategy.ts`), which checks
 * the signature with the `verify` kept here and the session in the statement that reads the account's access.
 */
export const guardJwt = (strapi: Core.Strapi) => {
  const jwt = strapi.plugin('users-permissions').service('jwt') as any;
  const verify = jwt.verify.bind(jwt);
  keepSignatureCheck(jwt, verify);
  jwt.verify = async (token: string) => {
    const payload = await verify(token);
    if (!(await getService(strapi, 'auth').tokenIsCurrent(payload))) throw new Error('Invalid token.');
    return payload;
  };
};
