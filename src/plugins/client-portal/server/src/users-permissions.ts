import type { Core } from '@strapi/strapi';
import { UID } from './constants';
import { AUTHENTICATED_ACTIONS, PUBLIC_ACTIONS } from './routes/content-api';
import { getService } from './utils';

/**
 * users-permissions' own auth routes would bypass the portal's rules (password policy, codes, draft accounts,
 * rate limits), so their actions are taken from the Public and Authenticated roles at every boot; the portal's
 * authenticated routes are granted instead. Deny by default.
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
  for (const [type, actions] of [['public', PUBLIC_ACTIONS], ['authenticated', AUTHENTICATED_ACTIONS]] as const) {
    const role = await strapi.db.query(UID.upRole).findOne({ where: { type }, select: ['id'] });
    if (!role) continue;
    const granted = await permissions.findMany({ where: { role: { id: role.id }, action: { $in: [...actions] } }, select: ['action'] });
    const have = new Set(granted.map((row: any) => row.action));
    for (const action of actions) {
      if (!have.has(action)) await permissions.create({ data: { action, role: role.id } });
    }
  }
  const store = strapi.store({ type: 'plugin', name: 'users-permissions' });
  const advanced = ((await store.get({ key: 'advanced' })) ?? {}) as Record<string, unknown>;
  if (advanced.allow_register !== false) await store.set({ key: 'advanced', value: { ...advanced, allow_register: false } });
};

/**
 * Every users-permissions JWT is checked against the account's password version: a password change or reset ends
 * older sessions at once, and tokens minted by users-permissions' own login are not accepted for portal accounts.
 */
export const guardJwt = (strapi: Core.Strapi) => {
  const jwt = strapi.plugin('users-permissions').service('jwt') as any;
  const verify = jwt.verify.bind(jwt);
  jwt.verify = async (token: string) => {
    const payload = await verify(token);
    if (!(await getService(strapi, 'accounts').tokenIsCurrent(payload))) throw new Error('Invalid token.');
    return payload;
  };
};
