import { useTestApp } from '../helpers/strapi';

/**
 * Behind a proxy (IS_PROXIED=true, TRUSTED_PROXY_HOPS=1) the client address is the one the proxy appended to
 * X-Forwarded-For: an address the client writes into the header buys no fresh rate-limit budget. IPv6 clients are
 * counted per /64, IPv4-mapped IPv6 addresses as the IPv4 address. (Without IS_PROXIED: network.test.ts.)
 */
let counter = 0;

const LIMIT = 3;
const login = (forwardedFor: string) => {
  counter += 1;
  return app
    .http()
    .post('/api/client-portal/auth/login')
    .set('X-Forwarded-For', forwardedFor)
    .send({ email: `nobody-${counter}@client.test`, password: 'not the password' });
};
/** LIMIT logins from `address` (as the proxy saw it) each with a different client-chosen entry, then one more. */
const exhaust = async (address: string, chosen = (i: number) => `10.${i}.${i}.${i}, `) => {
  for (let i = 0; i < LIMIT; i += 1) expect((await login(`${chosen(i)}${address}`)).status).toBe(400);
  return login(`${chosen(99)}${address}`);
};

const app = useTestApp({
    env: {
      IS_PROXIED: 'true',
      TRUSTED_PROXY_HOPS: '1',
      PORTAL_RATE_LIMITS: JSON.stringify({ login: { ip: { points: LIMIT, durationSec: 900 }, account: { points: 100, durationSec: 900 } } }),
    },
  });

describe('behind a trusted proxy', () => {
  it('Strapi trusts X-Forwarded-For, one hop deep', () => {
    expect(app.strapi.server.app.proxy).toBe(true);
    expect(app.strapi.server.app.maxIpsCount).toBe(1);
  });

  it('the client address is the entry the proxy appended; rotating the left-most entry buys nothing', async () => {
    const limited = await exhaust('203.0.113.7');
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
    // Another client behind the same proxy has a budget of its own.
    expect((await login('203.0.113.7, 203.0.113.8')).status).toBe(400);
  });

  it('IPv6 clients are counted per /64: another address in the same /64 buys nothing, another /64 does', async () => {
    for (const address of ['2001:db8:1:2::1', '2001:db8:1:2::abcd', '2001:db8:1:2:ffff:ffff:ffff:ffff']) expect((await login(address)).status).toBe(400);
    expect((await login('2001:db8:1:2::42')).status).toBe(429);
    expect((await login('2001:db8:1:3::1')).status).toBe(400);
  });

  it('an IPv4-mapped IPv6 address counts as its IPv4 address', async () => {
    for (let i = 0; i < LIMIT; i += 1) expect((await login('::ffff:198.51.100.4')).status).toBe(400);
    expect((await login('198.51.100.4')).status).toBe(429);
  });
});
