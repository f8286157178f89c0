import type { Core } from '@strapi/strapi';
import { PORTAL_ACCOUNT_STRATEGIES } from '../constants';

/** Who did something: an agent (admin user) or a portal account; neither for the system. */
export interface Actor {
  agentId?: number | null;
  accountId?: number | null;
}

/** Who is behind the current request: an admin (agent) or a portal account; empty for scripts and jobs. */
export const actorFromRequest = (strapi: Core.Strapi): Actor => {
  const ctx = strapi.requestContext.get() as any;
  const user = ctx?.state?.user;
  if (!user?.id) return {};
  const strategy = ctx?.state?.auth?.strategy?.name;
  if (strategy === 'admin') return { agentId: user.id };
  if (PORTAL_ACCOUNT_STRATEGIES.has(strategy)) return { accountId: user.id };
  return {};
};
