import type { Core } from '@strapi/strapi';
import { UID } from '../constants';
import { portalTypes } from './types';
import { portalQueries } from './queries';
import { portalMutations } from './mutations';
import { portalResolversConfig } from './resolvers-config';
import type { PortalOperation } from './operation';

/** Plugin-internal types never reachable through GraphQL shadow CRUD. */
const INTERNAL_TYPES = [UID.invitation, UID.activity, UID.verificationCode, UID.outboxMessage, UID.idempotencyRecord, UID.portalRole, UID.portalSession, UID.clientGroup, UID.groupMember, UID.form, UID.formResponse];

/** `[Type]` is a list of non-null `Type` (the list itself is null when the operation fails). */
const fieldOf = (nexus: any, op: PortalOperation) => {
  const list = op.type.startsWith('[');
  const type = list ? op.type.slice(1, -1) : op.type;
  return {
    type: list ? nexus.list(nexus.nonNull(type)) : type,
    description: op.description,
    args: op.args?.(nexus) ?? {},
    resolve: (_parent: unknown, args: any, ctx: any) => op.resolve(args, ctx),
  };
};

/**
 * GraphQL: the same operations as the REST portal API, same rules and messages. `types` holds the object types,
 * `queries` and `mutations` the operations (with who may call them and the REST action they mirror), and
 * `resolvers-config` turns those into scopes, policies and rate limits.
 */
export const registerGraphql = (strapi: Core.Strapi) => {
  if (!strapi.plugin('graphql')) return;
  const extension = strapi.plugin('graphql').service('extension');
  for (const uid of INTERNAL_TYPES) extension.shadowCRUD(uid).disable();

  const queries = portalQueries(strapi);
  const mutations = portalMutations(strapi);
  extension.use(({ nexus }: any) => ({
    types: [
      ...portalTypes(nexus),
      nexus.extendType({
        type: 'Query',
        definition(t: any) {
          for (const op of queries) t.field(op.name, fieldOf(nexus, op));
        },
      }),
      nexus.extendType({
        type: 'Mutation',
        definition(t: any) {
          for (const op of mutations) t.field(op.name, fieldOf(nexus, op));
        },
      }),
    ],
    resolversConfig: portalResolversConfig(queries, mutations),
  }));
};
