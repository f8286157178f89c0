import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { RateLimitAction } from '../config';
import { getService } from '.';
import { normalizeEmail } from './email';

/** Counts one attempt for the request's IP (and the email's account); 429 with Retry-After once spent. */
export const limitRequest = async (strapi: Core.Strapi, koaCtx: any, action: RateLimitAction, email?: unknown) => {
  try {
    await getService(strapi, 'rate-limit').consume(action, { account: normalizeEmail(email), ip: koaCtx?.request?.ip ?? null });
  } catch (error) {
    if (error instanceof errors.RateLimitError) koaCtx?.set?.('Retry-After', String((error.details as any)?.retryAfter ?? 60));
    throw error;
  }
};
