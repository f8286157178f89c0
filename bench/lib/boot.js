/**
 * Shared by the benchmark scenarios: a fresh database (an SQLite file or a PostgreSQL schema, dropped afterwards),
 * a Strapi instance on it, and a counter of the SQL statements sent on its connection.
 */
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { Client } = require('pg');

const root = path.resolve(__dirname, '..', '..');
const PG_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const secret = () => crypto.randomBytes(16).toString('base64');

const pgQuery = async (sql) => {
  const client = new Client({ connectionString: PG_URL });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
};

/** A new empty database for `db` ('sqlite' | 'postgres'); answers the environment that points Strapi at it and a drop(). */
const createDatabase = async (db) => {
  const id = `${Date.now().toString(36)}_${crypto.randomBytes(3).toString('hex')}`;
  if (db === 'postgres') {
    const schema = `cp_bench_${id}`;
    await pgQuery(`CREATE SCHEMA "${schema}"`);
    return {
      env: { DATABASE_CLIENT: 'postgres', DATABASE_URL: PG_URL, DATABASE_SCHEMA: schema },
      drop: () => pgQuery(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`),
    };
  }
  const file = path.join(root, '.tmp', `bench_${id}.db`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return {
    env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: file },
    drop: async () => {
      for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true });
    },
  };
};

/** Environment of a quiet instance: no cron, no demo data, no outbox worker unless asked, fresh secrets. */
const baseEnv = (extra = {}) => ({
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
  HOST: '127.0.0.1',
  UP_RATELIMIT_ENABLED: 'false',
  PRIVATE_UPLOAD_DIR: path.join(root, '.tmp', 'bench-uploads'),
  ...extra,
});

/**
 * Boots Strapi in this process on the environment already set (no admin panel). bench/run.js compiles the app once
 * and passes its directories in BENCH_APP_DIRS; a scenario run on its own compiles it here.
 */
const bootStrapi = async ({ listen = false } = {}) => {
  process.chdir(root);
  const { compileStrapi, createStrapi } = require('@strapi/strapi');
  const dirs = process.env.BENCH_APP_DIRS ? JSON.parse(process.env.BENCH_APP_DIRS) : await compileStrapi();
  const strapi = await createStrapi({ ...dirs, serveAdminPanel: false, autoReload: false }).load();
  if (!listen) return { strapi, baseUrl: null };
  await strapi.server.mount();
  await new Promise((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', resolve));
  return { strapi, baseUrl: `http://127.0.0.1:${strapi.server.httpServer.address().port}` };
};

/** The database of this run: `--db` given to the scenario by bench/run.js, else DATABASE_CLIENT, else SQLite. */
const databaseOfRun = () => {
  const flag = process.argv.find((arg) => arg.startsWith('--db='));
  return flag ? flag.slice(5) : process.env.DATABASE_CLIENT === 'postgres' ? 'postgres' : 'sqlite';
};

/** Runs a scenario: a fresh database, `fn(db)`, the database dropped whatever happens; exit code 1 on failure. */
const runScenario = (fn) => {
  const db = databaseOfRun();
  let drop = async () => undefined;
  (async () => {
    const database = await createDatabase(db);
    drop = database.drop;
    Object.assign(process.env, baseEnv(database.env));
    await fn(db);
  })().then(
    async () => {
      await drop().catch(() => undefined);
      process.exit(0);
    },
    async (error) => {
      console.error(error);
      await drop().catch(() => undefined);
      process.exit(1);
    },
  );
};

/** Counts the statements sent on the instance's connection (knex 'query' events). */
const statementCounter = (strapi) => {
  let count = 0;
  const listener = () => {
    count += 1;
  };
  strapi.db.connection.client.on('query', listener);
  return {
    reset() {
      count = 0;
    },
    get count() {
      return count;
    },
    stop() {
      strapi.db.connection.client.removeListener('query', listener);
    },
  };
};

const time = async (fn) => {
  const started = process.hrtime.bigint();
  const result = await fn();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, result };
};

module.exports = { root, secret, createDatabase, baseEnv, bootStrapi, databaseOfRun, runScenario, statementCounter, time, pgQuery, PG_URL };
