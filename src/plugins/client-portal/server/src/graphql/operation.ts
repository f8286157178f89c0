import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import type { PortalContext } from '../services/access/context';

/**
 * One GraphQL operation of the portal: its result type, arguments, and the REST route it mirrors — whose action is
 * its users-permissions scope, and whose audience and rate limit it takes (see `resolvers-config.ts`).
 */
export interface PortalOperation {
  name: string;
  /** The result type; `[Type]` for a list of non-null items. */
  type: string;
  description: string;
  args?: (nexus: any) => Record<string, unknown>;
  /** The REST route handler this operation mirrors (`portal-activities.listViewings`). */
  action: string;
  resolve: (args: any, ctx: any) => Promise<unknown>;
}

export const id = (nexus: any) => ({ documentId: nexus.nonNull(nexus.idArg()) });

/** Required string arguments. */
export const required = (...names: string[]) => (nexus: any) => Object.fromEntries(names.map((name) => [name, nexus.nonNull(nexus.stringArg())]));

/** The caller's portal access context (deals, permissions), read fresh for each operation. */
export const accessOf = (strapi: Core.Strapi, ctx: any) => getService(strapi, 'access').context(ctx.state.user.id, ctx.state.user);

/** An operation: its result type, the REST action it mirrors, what it does, how it resolves and its arguments. */
export const operation = (name: string, type: string, action: string, description: string, resolve: PortalOperation['resolve'], args?: PortalOperation['args']): PortalOperation => ({
  name,
  type,
  action,
  description,
  args,
  resolve,
});

/** An operation of a signed-in client: `work` gets the caller's access context and the arguments. */
export const withAccess =
  (strapi: Core.Strapi) =>
  (name: string, type: string, action: string, description: string, work: (access: PortalContext, args: any) => Promise<unknown>, args?: PortalOperation['args']) =>
    operation(name, type, action, description, async (input, ctx) => work(await accessOf(strapi, ctx), input), args);

export const OK = { ok: true } as const;
