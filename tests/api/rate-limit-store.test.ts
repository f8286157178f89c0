import { errors } from '@strapi/utils';
import Redis from 'ioredis';
import { useTestApp } from '../helpers/strapi';
import { createPortalUser } from '../helpers/users';
import { createContact } from '../helpers/portal';
import rateLimitService from '../../src/plugins/client-portal/server/src/services/rate-limit';

/**
 * With REDIS_URL the limits live in Redis and every instance shares them. `TEST_REDIS_URL` points the test at a
 * Redis server (CI starts one); without it, the same flow runs on the in-memory store of one instance.
 */
const redisUrl = process.env.TEST_REDIS_URL;

const app = useTestApp({
    env: {
      REDIS_URL: redisUrl ?? '',
      PORTAL_RATE_LIMITS: JSON.stringify({ login: { account: { points: 3, durationSec: 60 } }, register: { ip: { points: 2, durationSec: 60 } } }),
    },
  });

const failLogin = (email: string) => app.http().post('/api/client-portal/auth/login').send({ email, password: 'wrong password!' });

it(`keeps login limits in ${redisUrl ? 'Redis, shared by every instance' : 'memory (no REDIS_URL)'}`, async () => {
  const config = app.strapi.config.get('plugin::client-portal') as any;
  expect(config.rateLimitStore).toBe(redisUrl ? 'redis' : 'memory');
  const user = await createPortalUser(app, (await createContact(app)).documentId);

  expect((await failLogin(user.email)).status).toBe(400);
  expect((await failLogin(user.email)).status).toBe(400);

  if (redisUrl) {
    // A second instance (its own limiter objects and Redis connection) sees the two attempts already made.
    const other = rateLimitService({ strapi: app.strapi });
    try {
      await other.connect();
      await other.consume('login', { account: user.email });
      await expect(other.consume('login', { account: user.email })).rejects.toBeInstanceOf(errors.RateLimitError);
    } finally {
      await other.close();
    }
  } else {
    expect((await failLogin(user.email)).status).toBe(400);
  }
  const blocked = await failLogin(user.email);
  expect(blocked.status).toBe(429);
  expect(blocked.body.error.message).toBe('Too many attempts, please try again later');
});

it('limits per client IP too: different emails from one address share its budget', async () => {
  const register = (email: string) =>
    app.http().post('/api/client-portal/auth/register').send({ portalId: 'office', firstName: 'Iris', lastName: 'Address', email, password: 'per ip passphrase' });
  expect((await register('ip-one@client.test')).status).toBe(202);
  expect((await register('ip-two@client.test')).status).toBe(202);
  const third = await register('ip-three@client.test');
  expect(third.status).toBe(429);
  expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
  expect(await app.strapi.db.query('plugin::users-permissions.user').count({ where: { email: 'ip-three@client.test' } })).toBe(0);
});

it(`reports the rate-limit store (${redisUrl ? 'Redis' : 'memory'}) as up in the health report`, async () => {
  const res = await app.http().get('/api/client-portal/health');
  expect(res.status).toBe(200);
  expect(res.body.data.rateLimits).toEqual({ store: redisUrl ? 'redis' : 'memory', status: 'up' });
});

it(redisUrl ? 'adds no Redis error listener per health poll (load balancers poll every few seconds)' : 'attaches no Redis listener for health polls with the memory store', async () => {
  const on = jest.spyOn(Redis.prototype, 'on');
  try {
    for (let i = 0; i < 15; i += 1) expect((await app.http().get('/api/client-portal/health')).body.data.rateLimits.status).toBe('up');
    expect(on.mock.calls.filter(([event]) => event === 'error')).toEqual([]);
  } finally {
    on.mockRestore();
  }
});
