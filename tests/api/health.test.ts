import { useTestApp } from '../helpers/strapi';
import { clockOf } from '../helpers/portal';

/** Health and readiness for load balancers and monitoring: database, outbox queue depth and age, rate-limit store. */
const OUTBOX = 'plugin::client-portal.outbox-message';
const MAX_AGE = 600;
const app = useTestApp({ env: { OUTBOX_WORKER_ENABLED: 'false', HEALTH_MAX_QUEUE_AGE_SECONDS: String(MAX_AGE) } });
const outbox = () => app.strapi.plugin('client-portal').service('outbox');
const settings = () => app.strapi.plugin('client-portal').service('settings');

const queue = (count: number) =>
  outbox().enqueueMany(Array.from({ length: count }, (_, i) => ({ template: 'invitation', to: `health-${i}@client.test`, language: 'en', payload: { firstName: 'H' } })));

afterEach(async () => {
  clockOf(app).set(null);
  await app.strapi.db.query(OUTBOX).deleteMany({ where: {} });
});

it('reports the database, an empty queue and the in-memory rate-limit store as ok, never cached', async () => {
  const res = await app.http().get('/api/client-portal/health');
  expect(res.status).toBe(200);
  expect(res.headers['cache-control']).toBe('no-store');
  expect(res.body.data).toMatchObject({
    status: 'ok',
    database: { status: 'up', client: app.strapi.db.dialect.client },
    outbox: { queued: 0, retrying: 0, oldestQueuedAgeSeconds: null, worker: false },
    rateLimits: { store: 'memory', status: 'up' },
  });
  expect(res.body.data.database.latencyMs).toBeGreaterThanOrEqual(0);
});

it('counts the queued emails and their retries, and is degraded once the oldest waits longer than allowed', async () => {
  await queue(3);
  const [first] = await app.strapi.db.query(OUTBOX).findMany({ limit: 1 });
  await app.strapi.db.query(OUTBOX).update({ where: { id: first.id }, data: { attempts: 2, lastError: '421 try later' } });
  // A sent email is not waiting.
  await app.strapi.db.query(OUTBOX).create({ data: { template: 'invitation', to: 'sent@client.test', status: 'sent', attempts: 1 } });

  const fresh = (await app.http().get('/api/client-portal/health')).body.data;
  expect(fresh.status).toBe('ok');
  expect(fresh.outbox).toMatchObject({ queued: 3, retrying: 1 });
  expect(fresh.outbox.oldestQueuedAgeSeconds).toBeLessThan(MAX_AGE);

  clockOf(app).set(new Date(Date.now() + (MAX_AGE + 60) * 1000));
  const stale = await app.http().get('/api/client-portal/health');
  expect(stale.status).toBe(200);
  expect(stale.body.data.status).toBe('degraded');
  expect(stale.body.data.outbox.oldestQueuedAgeSeconds).toBeGreaterThan(MAX_AGE);
});

it('answers liveness and readiness, also while the portal is switched off', async () => {
  await settings().update({ portalEnabled: false });
  try {
    expect((await app.http().post('/api/client-portal/auth/login').send({ email: 'a@client.test', password: 'whatever it is' })).status).not.toBe(200);
    const live = await app.http().get('/api/client-portal/health/live');
    expect(live.status).toBe(200);
    expect(live.body.data.status).toBe('ok');
    const ready = await app.http().get('/api/client-portal/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.data).toMatchObject({ ready: true, database: { status: 'up' } });
  } finally {
    await settings().update({ portalEnabled: true });
  }
});

/** Runs `fn` while the database refuses every raw statement (the health checks' `select 1`), then restores it. */
const whileDatabaseRefuses = async (fn: () => Promise<void>) => {
  const db = app.strapi.db as any;
  const real = db.connection;
  db.connection = new Proxy(real, { get: (target, key) => (key === 'raw' ? () => Promise.reject(new Error('connection refused')) : Reflect.get(target, key)) });
  try {
    await fn();
  } finally {
    db.connection = real;
  }
};

it('is not ready (503) and reports the database down when it does not answer', async () => {
  await whileDatabaseRefuses(async () => {
    const ready = await app.http().get('/api/client-portal/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.data).toMatchObject({ ready: false, database: { status: 'down', latencyMs: null } });
    const report = await app.http().get('/api/client-portal/health');
    expect(report.status).toBe(503);
    expect(report.body.data).toMatchObject({ status: 'down', database: { status: 'down' }, outbox: null });
  });
  expect((await app.http().get('/api/client-portal/health/ready')).status).toBe(200);
});
