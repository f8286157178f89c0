import type { Core } from '@strapi/strapi';
import { LIMITS, PERMISSION_FLAGS, UID } from '../constants';
import { DEFAULT_ROLES, type RoleDefinition } from './default-roles';
import { getConfig, getService } from '../utils';
import { fieldError, problem } from '../errors';
import { isUniqueViolation } from '../utils/db-errors';
import { normalizePermissions, type Permissions } from '../rules/permissions';

export type { Permissions };

const KEY_PATTERN = new RegExp(LIMITS.roleKeyPattern);
const FLAG_PATTERN = /^[a-z][A-Za-z0-9]{1,49}$/;


/**
 * Portal roles: the defaults shipped with the product, roles and flags registered from config or code,
 * and the rules that compare them. Roles registered before bootstrap are written to the database at bootstrap
 * (created when missing; an agent's later edits are kept).
 */
const rolesService = ({ strapi }: { strapi: Core.Strapi }) => {
  const registered = new Map<string, RoleDefinition>();
  const extraFlags = new Set<string>();
  let synced = false;

  const assertRole = (role: RoleDefinition) => {
    if (!role || typeof role !== 'object') throw fieldError('role', 'must be an object with key, name and permissions');
    if (typeof role.key !== 'string' || !KEY_PATTERN.test(role.key)) {
      throw fieldError('key', `"${String(role.key)}" must match ${LIMITS.roleKeyPattern}`);
    }
    if (typeof role.name !== 'string' || role.name.trim() === '') {
      throw fieldError('name', `the portal role "${role.key}" needs a name`);
    }
    for (const [flag, value] of Object.entries(role.permissions ?? {})) {
      if (!FLAG_PATTERN.test(flag) || typeof value !== 'boolean') {
        throw fieldError(`permissions.${flag}`, `must be a camelCase flag set to true or false (portal role "${role.key}")`);
      }
    }
  };

  const assertKnownFlags = (permissions: Permissions) => {
    const known = new Set(service.flags());
    for (const flag of Object.keys(permissions)) if (!known.has(flag)) throw fieldError(`permissions.${flag}`, 'unknown permission flag');
  };

  const service = {
    /** 400 naming the first flag no role system knows (`permissions.<flag>: unknown permission flag`). */
    assertKnownFlags,

    /** Every permission flag known: built-in, from config, and registered from code. */
    flags(): string[] {
      return [...PERMISSION_FLAGS, ...getConfig(strapi).permissionFlags, ...extraFlags];
    },

    /** Adds a permission flag (from code). Idempotent. */
    registerPermissionFlag(flag: string) {
      if (!FLAG_PATTERN.test(flag)) {
        throw fieldError('flag', `"${flag}" must be a camelCase name`);
      }
      extraFlags.add(flag);
    },

    /**
     * Registers a portal role from code. Call it in your app's or plugin's register() (written at bootstrap),
     * or later (written at once). Unknown flags in `permissions` are registered too.
     */
    async register(role: RoleDefinition) {
      assertRole(role);
      for (const flag of Object.keys(role.permissions)) {
        if (!service.flags().includes(flag)) extraFlags.add(flag);
      }
      registered.set(role.key, role);
      if (synced) await service.ensure([role]);
    },

    /** Default + config + code roles, by key (later sources win). */
    definitions(): RoleDefinition[] {
      const all = new Map<string, RoleDefinition>();
      for (const role of [...DEFAULT_ROLES, ...getConfig(strapi).roles, ...registered.values()]) all.set(role.key, role);
      return [...all.values()];
    },

    /** Every known flag present (rules/permissions): unknown flags dropped, missing ones false. */
    normalize(permissions: Permissions | null | undefined): Permissions {
      return normalizePermissions(service.flags(), permissions);
    },

    /** Creates the roles that are missing by key. Safe when several instances boot at once. */
    async ensure(definitions: RoleDefinition[] = service.definitions()) {
      const roles = strapi.documents(UID.portalRole);
      for (const def of definitions) {
        const existing = await roles.findFirst({ filters: { key: def.key }, fields: ['id'] });
        if (existing) continue;
        try {
          await roles.create({
            data: {
              key: def.key,
              name: def.name,
              description: def.description ?? null,
              permissions: service.normalize(def.permissions),
              builtIn: true,
            } as any,
          });
        } catch (error) {
          // Another instance created it between our read and write: the unique key index said no.
          const again = await roles.findFirst({ filters: { key: def.key }, fields: ['id'] });
          if (!again) throw error;
        }
      }
      synced = true;
    },

    /** All portal roles, sorted by name, with every known flag present. */
    async list() {
      const entries = await strapi.documents(UID.portalRole).findMany({ sort: 'name:asc', limit: -1 } as any);
      return entries.map((role: any) => ({ ...role, permissions: service.normalize(role.permissions) }));
    },

    /** A portal role by documentId or key; a 400 naming `field` when there is none. */
    async resolve(ref: string, field = 'portalRole') {
      const role = await strapi.db.query(UID.portalRole).findOne({ where: { $or: [{ documentId: ref }, { key: ref }] } });
      if (!role) throw fieldError(field, 'no portal role with this documentId or key');
      return role;
    },

    /** Where a role is used: deals, accounts, pending invitations, contacts' automatic invites, the settings. */
    async usage(role: { id: number; key: string }) {
      const byRole = { portalRole: { id: role.id } };
      const [deals, accounts, invitations, contacts] = await Promise.all([
        strapi.db.query(UID.deal).count({ where: byRole }),
        strapi.db.query(UID.user).count({ where: byRole }),
        strapi.db.query(UID.invitation).count({ where: { ...byRole, status: 'pending' } }),
        strapi.db.query(UID.contact).count({ where: { autoInviteRole: { id: role.id } } }),
      ]);
      const current = await getService(strapi, 'settings').get();
      const settings = current.defaultAutoInviteRole === role.key || current.autoInviteGuestRoles.includes(role.key);
      return { deals, accounts, invitations, contacts, settings, total: deals + accounts + invitations + contacts + (settings ? 1 : 0) };
    },

    /** An agent's new role (Client Portal → Roles); unknown flags are refused by name. */
    async create(input: { key: string; name: string; description?: string | null; permissions: Permissions }) {
      assertKnownFlags(input.permissions);
      if (await strapi.db.query(UID.portalRole).findOne({ where: { key: input.key }, select: ['id'] })) throw problem('ROLE_KEY_TAKEN', { key: input.key });
      try {
        const created = await strapi.documents(UID.portalRole).create({
          data: { key: input.key, name: input.name, description: input.description ?? null, permissions: service.normalize(input.permissions), builtIn: false } as any,
        });
        return { ...created, permissions: service.normalize(created.permissions as Permissions) };
      } catch (error) {
        if (isUniqueViolation(error)) throw problem('ROLE_KEY_TAKEN', { key: input.key });
        throw error;
      }
    },

    /** Name, description and permissions; the key stays (code, config and invitations name roles by it). */
    async update(documentId: string, input: { name?: string; description?: string | null; permissions?: Permissions }) {
      const role = await strapi.documents(UID.portalRole).findOne({ documentId });
      if (!role) throw problem('ROLE_NOT_FOUND');
      if (input.permissions) assertKnownFlags(input.permissions);
      const updated = await strapi.documents(UID.portalRole).update({
        documentId,
        data: {
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
          ...(input.permissions ? { permissions: service.normalize(input.permissions) } : {}),
        } as any,
      });
      return { ...updated!, permissions: service.normalize(updated!.permissions as Permissions) };
    },

    /** Built-in roles and roles in use stay (409 with what uses the role). */
    async remove(documentId: string) {
      const role = await strapi.db.query(UID.portalRole).findOne({ where: { documentId } });
      if (!role) throw problem('ROLE_NOT_FOUND');
      if (role.builtIn) throw problem('ROLE_BUILT_IN');
      const usage = await service.usage(role);
      if (usage.total > 0) {
        const uses = [
          [usage.deals, 'property', 'properties'],
          [usage.accounts, 'portal account', 'portal accounts'],
          [usage.invitations, 'pending invitation', 'pending invitations'],
          [usage.contacts, 'contact (automatic invites)', 'contacts (automatic invites)'],
        ]
          .filter(([count]) => Number(count) > 0)
          .map(([count, one, many]) => `${count} ${count === 1 ? one : many}`);
        if (usage.settings) uses.push('the portal settings');
        throw problem('ROLE_IN_USE', { usage }, `This role is in use by ${uses.join(', ')}; give them another role first`);
      }
      await strapi.documents(UID.portalRole).delete({ documentId });
      return { documentId, deleted: true };
    },

    async findByKey(key: string) {
      return strapi.documents(UID.portalRole).findFirst({ filters: { key } });
    },
  };

  return service;
};

export default rolesService;
export type RolesService = ReturnType<typeof rolesService>;

declare module '../utils' { interface PortalServices { roles: RolesService } }
