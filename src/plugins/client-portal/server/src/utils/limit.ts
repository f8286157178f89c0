import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { RateLimitAction } from '../config';
import { getService } from '.';
import { normalizeEmail } from './email';
import { clientAddressKey } from './ip';
import { securityEvent } from './security-log';

/**
 * Counts one attempt for the request's client address (an IPv6 client by its /64) and the email's account; 429 with
 * Retry-After once spent.
 */
export const limitRequest = async (strapi: Core.Strapi, koaCtx: any, action: RateLimitAction, email?: unknown) => {
  try {
    await getService(strapi, 'rate-limit').consume(action, { account: normalizeEmail(email), ip: clientAddressKey(koaCtx?.request?.ip) });
  } catch (error) {
    if (error instanceof errors.RateLimitError) {
      securityEvent(strapi, 'rate_limited', { action, scope: (error.details as any)?.scope ?? null });
      koaCtx?.set?.('Retry-After', String((error.details as any)?.retryAfter ?? 60));
    }
    throw error;
  }
};
