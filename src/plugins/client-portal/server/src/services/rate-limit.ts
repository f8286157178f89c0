import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import Redis from 'ioredis';
import { problem } from '../errors';
import { getConfig } from '../utils';
import type { RateLimitAction } from '../config';

type Bucket = { points: number; durationSec: number };

/** Defaults per action: per account (normalized email) and per client IP. */
export const DEFAULT_LIMITS: Record<RateLimitAction, { account?: Bucket; ip?: Bucket }> = {
  login: { account: { points: 10, durationSec: 900 }, ip: { points: 300, durationSec: 900 } },
  register: { ip: { points: 60, durationSec: 3600 } },
  verify: { ip: { points: 300, durationSec: 3600 } },
  resendCode: { account: { points: 3, durationSec: 600 }, ip: { points: 100, durationSec: 3600 } },
  forgotPassword: { account: { points: 3, durationSec: 3600 }, ip: { points: 100, durationSec: 3600 } },
  resetPassword: { ip: { points: 300, durationSec: 3600 } },
  invitation: { ip: { points: 300, durationSec: 900 } },
  portalInfo: { ip: { points: 300, durationSec: 900 } },
};


/**
 * Rate limits with rate-limiter-flexible: in memory by default, in Redis when `rateLimitStore: 'redis'`
 * (REDIS_URL), so every instance shares the counts. Keys are hashed; both the account and the IP are limited,
 * so rotating addresses does not reset an account's budget.
 */
const rateLimitService = ({ strapi }: { strapi: Core.Strapi }) => {
  const limiters = new Map<string, RateLimiterAbstract>();
  let redis: Redis | null = null;

  const redisClient = () => {
    const config = getConfig(strapi);
    if (!config.redisUrl) throw new Error('client-portal: rateLimitStore "redis" needs redisUrl (REDIS_URL)');
    // Commands fail fast while Redis is unreachable; the in-memory insurance limiter takes over meanwhile.
    if (!redis) {
      redis = new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
      // One listener for the client's life (every health report asks for the client).
      redis.on('error', () => undefined);
    }
    return redis;
  };

  const limiter = (action: RateLimitAction, scope: 'account' | 'ip'): RateLimiterAbstract | null => {
    const name = `${action}:${scope}`;
    const existing = limiters.get(name);
    if (existing) return existing;
    const config = getConfig(strapi);
    const bucket = config.rateLimits[action]?.[scope] ?? DEFAULT_LIMITS[action][scope];
    if (!bucket) return null;
    const options = { keyPrefix: `${config.rateLimitPrefix}:${name}`, points: bucket.points, duration: bucket.durationSec };
    let created: RateLimiterAbstract;
    if (config.rateLimitStore === 'redis') {
      created = new RateLimiterRedis({ ...options, storeClient: redisClient(), insuranceLimiter: new RateLimiterMemory(options) });
    } else {
      created = new RateLimiterMemory(options);
    }
    limiters.set(name, created);
    return created;
  };

  const keyOf = (value: string) => crypto.createHash('sha256').update(value).digest('base64url').slice(0, 32);

  return {
    /** With the Redis store: connects at boot and waits (up to 5 s) for Redis, so limits are shared from the start. */
    async connect() {
      if (getConfig(strapi).rateLimitStore !== 'redis') return;
      const client = redisClient();
      if (client.status === 'ready') return;
      const ready = await Promise.race([
        new Promise<boolean>((resolve) => client.once('ready', () => resolve(true))),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 5000).unref()),
      ]);
      if (!ready) strapi.log.warn('client-portal: Redis is not reachable yet; rate limits are kept in memory until it is');
    },

    /** Where the counts are kept and, for Redis, whether it answers (health report). */
    async storeStatus(): Promise<{ store: 'memory' | 'redis'; status: 'up' | 'down' }> {
      if (getConfig(strapi).rateLimitStore !== 'redis') return { store: 'memory', status: 'up' };
      try {
        const client = redisClient();
        if (client.status !== 'ready') return { store: 'redis', status: 'down' };
        await client.ping();
        return { store: 'redis', status: 'up' };
      } catch {
        return { store: 'redis', status: 'down' };
      }
    },

    /** Counts one attempt; throws 429 (with `retryAfter` seconds in details) once a budget is spent. */
    async consume(action: RateLimitAction, keys: { account?: string | null; ip?: string | null }) {
      for (const scope of ['ip', 'account'] as const) {
        const value = keys[scope];
        const target = value ? limiter(action, scope) : null;
        if (!target || !value) continue;
        try {
          await target.consume(keyOf(value));
        } catch (error) {
          if (error instanceof RateLimiterRes) {
            throw problem('TOO_MANY_ATTEMPTS', { retryAfter: Math.max(1, Math.ceil(error.msBeforeNext / 1000)), scope });
          }
          throw error;
        }
      }
    },

    /** Forgets an account's count (after a successful login). */
    async reset(action: RateLimitAction, account: string) {
      await limiter(action, 'account')?.delete(keyOf(account));
    },

    async close() {
      limiters.clear();
      if (redis) {
        redis.disconnect();
        redis = null;
      }
    },
  };
};

export default rateLimitService;
export type RateLimitService = ReturnType<typeof rateLimitService>;

declare module '../utils' { interface PortalServices { 'rate-limit': RateLimitService } }
