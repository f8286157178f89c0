import crypto from 'crypto';
import fs from 'fs';
import path from 'path';
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { createStrapi } from '@strapi/strapi';
import { createTestDatabase, TEST_ROOT, type TestDatabase } from './database';
import { SmtpSink } from './smtp-sink';

const secret = () => crypto.randomBytes(16).toString('base64');

/** Written by the jest global setup once per run (the app compiled to dist/). */
export const compiledDirs = (): { appDir: string; distDir: string } => {
  const file = path.join(TEST_ROOT, '.tmp', 'tests', 'compiled.json');
  if (!fs.existsSync(file)) throw new Error('Run the tests through jest (its global setup compiles the app first).');
  return JSON.parse(fs.readFileSync(file, 'utf8'));
};

export interface TestApp {
  strapi: Core.Strapi;
  smtp: SmtpSink;
  db: TestDatabase;
  /** The running server's address (http://127.0.0.1:port). */
  baseUrl: string;
  /** supertest bound to the running server. */
  http: () => ReturnType<typeof request>;
  /** Stops Strapi (the database and SMTP sink are kept): to boot again on the same database. */
  stop(): Promise<void>;
  /** Stops everything and drops the database. */
  close(): Promise<void>;
}

export interface BootOptions {
  /** Reuse this database (e.g. to prove data survives a restart); dropped by close(). */
  db?: TestDatabase;
  smtp?: SmtpSink;
  /** Extra environment variables for this boot. */
  env?: Record<string, string>;
  /** Serve the built admin panel (dist/build, made by `npm run build`). */
  serveAdminPanel?: boolean;
  /** A database with nothing in it, not a copy of the run's template (tests of the first boot). */
  emptyDatabase?: boolean;
}

const setEnv = (vars: Record<string, string>) => {
  for (const [key, value] of Object.entries(vars)) process.env[key] = value;
};

/** The environment of a test boot: secrets, loopback SMTP, fast outbox retries, this database and uploads. */
export const testEnv = (smtp: SmtpSink, db: TestDatabase, uploads: string, extra: Record<string, string> = {}) => ({
  NODE_ENV: 'test',
  HOST: '127.0.0.1',
  PORT: '0',
  APP_KEYS: process.env.APP_KEYS ?? [secret(), secret()].join(','),
  ADMIN_JWT_SECRET: process.env.ADMIN_JWT_SECRET ?? secret(),
  API_TOKEN_SALT: process.env.API_TOKEN_SALT ?? secret(),
  TRANSFER_TOKEN_SALT: process.env.TRANSFER_TOKEN_SALT ?? secret(),
  ENCRYPTION_KEY: process.env.ENCRYPTION_KEY ?? secret(),
  JWT_SECRET: process.env.JWT_SECRET ?? secret(),
  CRON_ENABLED: 'false',
  UP_RATELIMIT_ENABLED: 'false',
  SEED_DEMO: 'false',
  SMTP_HOST: '127.0.0.1',
  SMTP_PORT: String(smtp.port),
  SMTP_SECURE: 'false',
  SMTP_IGNORE_TLS: 'true',
  SMTP_CONNECTION_TIMEOUT_MS: '2000',
  SMTP_GREETING_TIMEOUT_MS: '2000',
  SMTP_SOCKET_TIMEOUT_MS: '3000',
  EMAIL_FROM: 'Test Agency <portal@agency.test>',
  OUTBOX_POLL_INTERVAL_MS: '50',
  OUTBOX_RETRY_BASE_MS: '100',
  OUTBOX_RETRY_MAX_MS: '400',
  AGENCY_NAME: 'Test Agency',
  // Rate-limit keys of one boot never meet another's in a shared Redis.
  RATE_LIMIT_PREFIX: `cp-test-${crypto.randomBytes(4).toString('hex')}`,
  PORTAL_URL: 'https://portal.agency.test',
  PRIVATE_UPLOAD_DIR: uploads,
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'error',
  ...db.env,
  ...extra,
});

/**
 * Boots a real Strapi (no admin build) on a throwaway database with a real SMTP sink. One per test file.
 */
export const bootStrapi = async (options: BootOptions = {}): Promise<TestApp> => {
  const smtp = options.smtp ?? (await new SmtpSink().start());
  const db = options.db ?? (await createTestDatabase({ empty: options.emptyDatabase }));
  // Private uploads of this boot (kept with the database, so a restart on the same database finds its files).
  const uploads = path.join(TEST_ROOT, '.tmp', 'tests', `uploads-${db.id}`);
  setEnv(testEnv(smtp, db, uploads, options.env));

  const strapi = await createStrapi({ ...compiledDirs(), serveAdminPanel: options.serveAdminPanel ?? false, autoReload: false }).load();
  await strapi.server.mount();
  // Listen once on a loopback port, so parallel requests share one server (supertest would listen per request).
  const httpServer = strapi.server.httpServer;
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', () => resolve()));
  const baseUrl = `http://127.0.0.1:${(httpServer.address() as { port: number }).port}`;

  let running = true;
  const stop = async () => {
    if (!running) return;
    running = false;
    await strapi.destroy();
  };

  return {
    strapi,
    smtp,
    db,
    baseUrl,
    http: () => request(baseUrl),
    stop,
    async close() {
      await stop();
      await smtp.close();
      await db.drop();
      fs.rmSync(uploads, { recursive: true, force: true });
    },
  };
};

/** Boots with `env` expecting Strapi to refuse to start; answers the error (everything is cleaned up). */
export const bootError = async (env: Record<string, string>): Promise<Error> => {
  const smtp = await new SmtpSink().start();
  const db = await createTestDatabase();
  setEnv(testEnv(smtp, db, path.join(TEST_ROOT, '.tmp', 'tests', `uploads-${db.id}`), env));
  // A second Strapi replaces (and, once destroyed, removes) the global `strapi`: give it back afterwards.
  const previous = (global as any).strapi;
  const strapi = createStrapi({ ...compiledDirs(), serveAdminPanel: false, autoReload: false });
  try {
    await strapi.load();
  } catch (error) {
    return error as Error;
  } finally {
    await strapi.destroy().catch(() => undefined);
    await smtp.close();
    await db.drop();
    if (previous) (global as any).strapi = previous;
  }
  throw new Error('Strapi started, but was expected to refuse');
};

/**
 * The test file's Strapi: booted before its tests (this file's first `beforeAll`) and closed after them, so a test
 * file reads `const app = useTestApp()` instead of its own boot and teardown. Its fields are there from the first
 * `beforeAll` on; cleanup of the file's own (clocks, workers, log transports) may run after it is closed.
 */
export const useTestApp = (options: BootOptions = {}): TestApp => {
  const app = {} as TestApp;
  beforeAll(async () => {
    Object.assign(app, await bootStrapi(options));
  });
  afterAll(async () => {
    if (app.strapi) await app.close();
  });
  return app;
};
