import { PORTAL_ROUTES, PUBLIC_ACTIONS, AUTHENTICATED_ACTIONS, actionOf } from '../../src/plugins/client-portal/server/src/routes/content-api';
import contentApi from '../../src/plugins/client-portal/server/src/routes/content-api';
import { portalQueries } from '../../src/plugins/client-portal/server/src/graphql/queries';
import { portalMutations } from '../../src/plugins/client-portal/server/src/graphql/mutations';
import { portalResolversConfig } from '../../src/plugins/client-portal/server/src/graphql/resolvers-config';

/** REST routes and GraphQL operations are declared once each, and agree on who may call them and how often. */
const strapi = {} as any;
const queries = portalQueries(strapi);
const mutations = portalMutations(strapi);
const operations = [...queries, ...mutations];
const routeOf = (action: string) => PORTAL_ROUTES.find((route) => route.handler === action);

describe('portal routes and operations', () => {
  it('give every open route a rate limit, as a route middleware', () => {
    for (const route of contentApi.routes) {
      const declared = PORTAL_ROUTES.find((entry) => entry.path === route.path && entry.method === route.method)!;
      if (declared.audience !== 'open') continue;
      expect({ path: route.path, middlewares: (route.config as any).middlewares }).toEqual({
        path: route.path,
        middlewares: [{ name: 'plugin::client-portal.rate-limit', config: declared.limit }],
      });
    }
  });

  it('mirror a REST route in each GraphQL operation: its action as the scope, the route\'s policies and rate limit', () => {
    const config = portalResolversConfig(queries, mutations) as Record<string, any>;
    const restConfig = (action: string) => contentApi.routes.find((route) => route.handler === action)!.config as any;
    for (const op of operations) {
      const route = routeOf(op.action)!;
      expect({ op: op.name, route: route?.handler }).toEqual({ op: op.name, route: op.action });
      const entry = config[`${queries.includes(op) ? 'Query' : 'Mutation'}.${op.name}`];
      expect({ op: op.name, auth: entry.auth }).toEqual({ op: op.name, auth: route.audience === 'open' ? false : { scope: [actionOf(op.action)] } });
      expect({ op: op.name, policies: entry.policies }).toEqual({ op: op.name, policies: restConfig(op.action).policies });
      const limits = (list: any[] | undefined) => (list ?? []).map((m) => ({ name: m.name, bucket: m.options ?? m.config }));
      expect({ op: op.name, limits: limits(entry.middlewares) }).toEqual({ op: op.name, limits: limits(restConfig(op.action).middlewares) });
    }
  });

  it('refuses an operation that names no portal route', () => {
    expect(() => portalResolversConfig([{ name: 'portalNothing', type: 'PortalOk', description: '', action: 'portal-me.nothing', resolve: async () => null }], [])).toThrow(
      'GraphQL portalNothing: "portal-me.nothing" is not a portal route handler',
    );
  });

  it('grant open actions to the Public role and member actions to the Authenticated role, no action to both, and health probes to neither', () => {
    for (const route of PORTAL_ROUTES) {
      const action = actionOf(route.handler);
      if (route.audience.startsWith('member')) expect(AUTHENTICATED_ACTIONS).toContain(action);
      else if (route.audience === 'probe') expect([...PUBLIC_ACTIONS, ...AUTHENTICATED_ACTIONS]).not.toContain(action);
      else expect(PUBLIC_ACTIONS).toContain(action);
    }
    expect(PUBLIC_ACTIONS.filter((action) => AUTHENTICATED_ACTIONS.includes(action))).toEqual([]);
  });

  it('close users-permissions\' own auth mutations', () => {
    const config = portalResolversConfig(queries, mutations) as Record<string, any>;
    for (const name of ['login', 'register', 'forgotPassword', 'resetPassword', 'emailConfirmation', 'changePassword']) {
      expect(config[`Mutation.${name}`]).toEqual({ policies: ['plugin::client-portal.closed'] });
    }
  });
});
