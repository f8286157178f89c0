#!/usr/bin/env node
/**
 * `npm run bench`: speed of the plugin's heavy paths against a baseline measured in the same run, on the same
 * database (SQLite by default, `DATABASE_CLIENT=postgres` for PostgreSQL). Prints ratios, not absolute verdicts.
 *
 *   bulk invite of N contacts   vs   Strapi's own createMany of N contacts (the cheapest way to write N rows)
 *
 * BENCH_CONTACTS (default 10000) sets N.
 */
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { Client } = require('pg');

const root = path.resolve(__dirname, '..');
process.chdir(root);
const N = Number(process.env.BENCH_CONTACTS || 10000);
const secret = () => crypto.randomBytes(16).toString('base64');

const setupDatabase = async () => {
  const id = `${Date.now().toString(36)}_${crypto.randomBytes(3).toString('hex')}`;
  if (process.env.DATABASE_CLIENT === 'postgres') {
    const url = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
    const schema = `cp_bench_${id}`;
    const client = new Client({ connectionString: url });
    await client.connect();
    await client.query(`CREATE SCHEMA "${schema}"`);
    await client.end();
    Object.assign(process.env, { DATABASE_URL: url, DATABASE_SCHEMA: schema });
    return async () => {
      const c = new Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await c.end();
    };
  }
  const file = path.join(root, '.tmp', `bench_${id}.db`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  process.env.DATABASE_FILENAME = file;
  return async () => fs.rmSync(file, { force: true });
};

const time = async (fn) => {
  const started = process.hrtime.bigint();
  const result = await fn();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, result };
};

const contactRows = (count, tag) => {
  const now = new Date();
  return Array.from({ length: count }, (_, i) => ({
    documentId: crypto.randomBytes(12).toString('hex'),
    firstName: 'Bench',
    lastName: `Contact ${i}`,
    email: `bench-${tag}-${i}@client.test`,
    emailNormalized: `bench-${tag}-${i}@client.test`,
    language: 'en',
    type: 'client',
    doNotContact: false,
    createdAt: now,
    updatedAt: now,
  }));
};

const main = async () => {
  const drop = await setupDatabase();
  Object.assign(process.env, {
    NODE_ENV: 'test',
    APP_KEYS: `${secret()},${secret()}`,
    ADMIN_JWT_SECRET: secret(),
    API_TOKEN_SALT: secret(),
    TRANSFER_TOKEN_SALT: secret(),
    ENCRYPTION_KEY: secret(),
    JWT_SECRET: secret(),
    CRON_ENABLED: 'false',
    SEED_DEMO: 'false',
    OUTBOX_WORKER_ENABLED: 'false',
    LOG_LEVEL: 'error',
  });
  const { compileStrapi, createStrapi } = require('@strapi/strapi');
  const strapi = await createStrapi({ ...(await compileStrapi()), serveAdminPanel: false, autoReload: false }).load();
  try {
    const contacts = strapi.db.query('api::contact.contact');

    // Baseline: Strapi's createMany of N contact rows (batched inserts, no relations).
    const baseline = await time(() => contacts.createMany({ data: contactRows(N, 'baseline') }));

    // Subject: one bulk invite of N other contacts (rows, relation links, outbox, activity, all batched).
    const rows = contactRows(N, 'invite');
    await contacts.createMany({ data: rows });
    const invitations = strapi.plugin('client-portal').service('invitations');
    const bulk = await time(() => invitations.bulk({ contacts: rows.map((r) => r.documentId), portalRole: 'buyer' }, {}));
    if (bulk.result.invited.length !== N) throw new Error(`expected ${N} invited, got ${bulk.result.invited.length}`);

    const db = strapi.db.dialect.client;
    console.log(`database: ${db}, contacts: ${N}`);
    console.log(`baseline  createMany of ${N} contacts: ${(baseline.ms / 1000).toFixed(2)} s`);
    console.log(`bulk invite of ${N} contacts:          ${(bulk.ms / 1000).toFixed(2)} s`);
    console.log(`ratio bulk invite / createMany: ${(bulk.ms / baseline.ms).toFixed(2)}x`);
  } finally {
    await strapi.destroy();
    await drop();
  }
};

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
