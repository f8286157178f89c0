import { useTestApp } from '../helpers/strapi';
import { createAgent } from '../helpers/users';

/**
 * Without IS_PROXIED, X-Forwarded-For is ignored: every address a client writes there counts as the connection's own.
 * CORS allows the portal's origin and CORS_ORIGINS only; the admin panel keeps working.
 */
let counter = 0;
const LIMIT = 3;

const login = (forwardedFor?: string) => {
  counter += 1;
  const req = app.http().post('/api/client-portal/auth/login');
  if (forwardedFor) req.set('X-Forwarded-For', forwardedFor);
  return req.send({ email: `nobody-${counter}@client.test`, password: 'not the password' });
};

const app = useTestApp({
    env: {
      IS_PROXIED: 'false',
      CORS_ORIGINS: 'https://partner.example.com, https://second.example.com',
      PORTAL_RATE_LIMITS: JSON.stringify({ login: { ip: { points: LIMIT, durationSec: 900 }, account: { points: 100, durationSec: 900 } } }),
    },
  });

describe('without a proxy', () => {
  it('X-Forwarded-For is ignored: a client cannot buy a fresh rate-limit budget with it', async () => {
    expect(app.strapi.server.app.proxy).toBe(false);
    for (let i = 0; i < LIMIT; i += 1) expect((await login(`203.0.113.${i}`)).status).toBe(400);
    expect((await login('198.51.100.77')).status).toBe(429);
    expect((await login()).status).toBe(429);
  });
});

describe('CORS', () => {
  const preflight = (origin: string) =>
    app.http().options('/api/client-portal/auth/login').set('Origin', origin).set('Access-Control-Request-Method', 'POST').set('Access-Control-Request-Headers', 'content-type');

  it('the portal origin and the CORS_ORIGINS are allowed', async () => {
    for (const origin of ['https://portal.agency.test', 'https://partner.example.com', 'https://second.example.com']) {
      const res = await preflight(origin);
      expect(res.status).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe(origin);
      const simple = await app.http().get('/api/client-portal/me').set('Origin', origin);
      expect(simple.headers['access-control-allow-origin']).toBe(origin);
    }
  });

  it('any other origin is not reflected, in preflights or answers', async () => {
    for (const origin of ['https://evil.example.com', 'https://portal.agency.test.evil.example.com', 'null', 'http://portal.agency.test']) {
      const res = await preflight(origin);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
      const simple = await app.http().post('/api/client-portal/auth/login').set('Origin', origin).send({ email: 'x@client.test', password: 'y' });
      expect(simple.headers['access-control-allow-origin']).toBeUndefined();
    }
  });

  it('the admin panel keeps working from its own origin', async () => {
    const agent = await createAgent(app, []);
    const res = await app.http().post('/admin/login').set('Origin', app.baseUrl).send({ email: agent.email, password: agent.password });
    expect(res.status).toBe(200);
    expect(res.body.data.token).toEqual(expect.any(String));
    const me = await app.http().get('/admin/users/me').set('Origin', app.baseUrl).set('Authorization', `Bearer ${res.body.data.token}`);
    expect(me.status).toBe(200);
  });
});
