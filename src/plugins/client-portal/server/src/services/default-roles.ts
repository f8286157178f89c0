import { PERMISSION_FLAGS } from '../constants';
import roles from './default-roles.json';

export interface RoleDefinition {
  key: string;
  name: string;
  description?: string;
  permissions: Record<string, boolean>;
}

/**
 * The roles every office starts with (`default-roles.json`: the flags each grants; flags not listed are false).
 * A flag that is not a built-in one stops the plugin at load.
 */
export const DEFAULT_ROLES: RoleDefinition[] = roles.map(({ grants, ...role }) => {
  const unknown = grants.filter((flag) => !(PERMISSION_FLAGS as readonly string[]).includes(flag));
  if (unknown.length) throw new Error(`default-roles.json: "${role.key}" grants unknown flags ${unknown.join(', ')}`);
  return { ...role, permissions: Object.fromEntries(grants.map((flag) => [flag, true])) };
});
