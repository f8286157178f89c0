import crypto from 'crypto';
import fs from 'fs';
import path from 'path';
import { Client } from 'pg';

export const TEST_ROOT = path.resolve(__dirname, '..', '..');

export type DatabaseClient = 'sqlite' | 'postgres';

export const databaseClient = (): DatabaseClient =>
  process.env.DATABASE_CLIENT === 'postgres' ? 'postgres' : 'sqlite';

/** The PostgreSQL server tests use: TEST_DATABASE_URL, else the local `test` database. */
export const postgresUrl = () => process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  client: DatabaseClient;
  /** Random name part of this database, unique per run. */
  id: string;
  /** The SQLite file, or the PostgreSQL database's name. */
  name: string;
  /** Environment variables that point Strapi at this database. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

/** Where the jest global setup left this run's template (a database Strapi has already built its tables in). */
const templateFile = (client: DatabaseClient) => path.join(TEST_ROOT, '.tmp', 'tests', `template.${client}.json`);

export interface Template {
  /** SQLite: the template file. PostgreSQL: the template database's name. */
  name: string;
}

export const readTemplate = (client: DatabaseClient = databaseClient()): Template | null => {
  const file = templateFile(client);
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null;
};

export const writeTemplate = (client: DatabaseClient, template: Template | null) => {
  const file = templateFile(client);
  if (!template) return fs.rmSync(file, { force: true });
  // Written whole (rename), since a suite running at the same time may be reading the directory.
  fs.writeFileSync(`${file}.${process.pid}`, JSON.stringify(template));
  fs.renameSync(`${file}.${process.pid}`, file);
};

/** The URL of another database on the same PostgreSQL server. */
const urlOf = (database: string) => {
  const url = new URL(postgresUrl());
  url.pathname = `/${database}`;
  return url.toString();
};

const onServer = async <T>(run: (client: Client) => Promise<T>): Promise<T> => {
  const client = new Client({ connectionString: postgresUrl() });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
};

/** Quoted PostgreSQL identifier (our names are [a-z0-9_], quoted all the same). */
const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

export interface DatabaseOptions {
  /**
   * Start from nothing instead of a copy of the run's template (the tables, default roles and permissions Strapi
   * makes on a first boot): for tests of the first boot itself.
   */
  empty?: boolean;
  /** Make this a template: never copied from another one. */
  asTemplate?: boolean;
}

/**
 * A throwaway database for one test file: a new SQLite file under .tmp/, or a new PostgreSQL database. Unless
 * `empty`, it starts as a copy of the run's template (made once by the jest global setup), so each boot finds its
 * tables built instead of building them again. Names are random, so parallel or repeated runs never collide;
 * `drop()` removes it.
 */
export const createTestDatabase = async (options: DatabaseOptions = {}): Promise<TestDatabase> => {
  const id = `${Date.now().toString(36)}_${crypto.randomBytes(4).toString('hex')}`;
  const template = options.empty || options.asTemplate ? null : readTemplate();
  if (databaseClient() === 'postgres') {
    const database = `cp_${options.asTemplate ? 'tpl' : 'test'}_${id}`;
    await onServer((client) => client.query(`CREATE DATABASE ${ident(database)}${template ? ` TEMPLATE ${ident(template.name)}` : ''}`));
    return {
      client: 'postgres',
      id,
      name: database,
      env: { DATABASE_CLIENT: 'postgres', DATABASE_URL: urlOf(database), DATABASE_SCHEMA: 'public' },
      async drop() {
        await onServer((client) => client.query(`DROP DATABASE IF EXISTS ${ident(database)} WITH (FORCE)`));
      },
    };
  }
  const dir = path.join(TEST_ROOT, '.tmp', 'tests');
  fs.mkdirSync(dir, { recursive: true });
  const filename = path.join(dir, `${options.asTemplate ? 'template' : 'test'}_${id}.db`);
  if (template) fs.copyFileSync(template.name, filename);
  return {
    client: 'sqlite',
    id,
    name: filename,
    env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: filename },
    async drop() {
      for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(filename + suffix, { force: true });
    },
  };
};

/** Removes the run's template (jest global teardown). */
export const dropTemplate = async () => {
  const client = databaseClient();
  const template = readTemplate(client);
  if (!template) return;
  writeTemplate(client, null);
  if (client === 'postgres') await onServer((server) => server.query(`DROP DATABASE IF EXISTS ${ident(template.name)} WITH (FORCE)`));
  else for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(template.name + suffix, { force: true });
};
