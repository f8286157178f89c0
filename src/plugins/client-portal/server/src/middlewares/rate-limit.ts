import type { Core } from '@strapi/strapi';
import type { RateLimitAction } from '../config';
import { getService } from '../utils';
import { normalizeEmail } from '../utils/email';
import { clientAddressKey } from '../utils/ip';
import { securityEvent } from '../utils/security-log';
import { hasCode } from '../errors';

export interface RateLimitOptions {
  /** The bucket (limits per action are configured in `rateLimits`). */
  action: RateLimitAction;
  /** Also count per account: the `email` of the body (REST) or of the arguments (GraphQL). */
  byEmail?: boolean;
  /** A success forgets the account's failures (login). */
  resetOnSuccess?: boolean;
}

/**
 * `plugin::client-portal.rate-limit`: named with its options in the route table and in the GraphQL resolvers config
 * (`{ name, options: { action, byEmail?, resetOnSuccess? } }`), so no handler counts attempts itself. One attempt per
 * request for the client address (an IPv6 client by its /64) and, with `byEmail`, for the account; 429 with
 * Retry-After once spent. Strapi calls it as a Koa middleware for routes and as a resolver middleware for GraphQL.
 */
const rateLimit = (options: RateLimitOptions, { strapi }: { strapi: Core.Strapi }) => {
  const limits = () => getService(strapi, 'rate-limit');

  const count = async (koaCtx: any, email: unknown) => {
    try {
      await limits().consume(options.action, { account: options.byEmail ? normalizeEmail(email) : null, ip: clientAddressKey(koaCtx?.request?.ip) });
    } catch (error) {
      if (hasCode(error, 'TOO_MANY_ATTEMPTS')) {
        const { scope, retryAfter } = (error as { details: { scope?: string; retryAfter?: number } }).details;
        securityEvent(strapi, 'rate_limited', { action: options.action, scope: scope ?? null });
        koaCtx?.set?.('Retry-After', String(retryAfter ?? 60));
      }
      throw error;
    }
  };
  const succeeded = async (email: unknown) => {
    const account = options.resetOnSuccess ? normalizeEmail(email) : null;
    if (account) await limits().reset(options.action, account);
  };

  return async (...call: any[]) => {
    if (typeof call[0] === 'function') {
      // GraphQL: (resolve, parent, args, context, info)
      const [resolve, parent, args, context, info] = call;
      await count(context.koaContext, args?.email);
      const result = await resolve(parent, args, context, info);
      await succeeded(args?.email);
      return result;
    }
    // Koa: (ctx, next)
    const [ctx, next] = call;
    const email = ctx.request?.body?.email;
    await count(ctx, email);
    await next();
    if (ctx.status < 400) await succeeded(email);
  };
};

export default rateLimit;
