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
  /** Random name part of this database (schema or file), unique per run. */
  id: string;
  /** Environment variables that point Strapi at this database. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

/**
 * A throwaway database for one test file: a new SQLite file under .tmp/, or a new schema in PostgreSQL.
 * Names are random, so parallel or repeated runs never collide; `drop()` removes it.
 */
export const createTestDatabase = async (): Promise<TestDatabase> => {
  const id = `${Date.now().toString(36)}_${crypto.randomBytes(4).toString('hex')}`;
  if (databaseClient() === 'postgres') {
    const schema = `cp_test_${id}`;
    const admin = new Client({ connectionString: postgresUrl() });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA "${schema}"`);
    } finally {
      await admin.end();
    }
    return {
      client: 'postgres',
      id,
      env: { DATABASE_CLIENT: 'postgres', DATABASE_URL: postgresUrl(), DATABASE_SCHEMA: schema },
      async drop() {
        const client = new Client({ connectionString: postgresUrl() });
        await client.connect();
        try {
          await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        } finally {
          await client.end();
        }
      },
    };
  }
  const dir = path.join(TEST_ROOT, '.tmp', 'tests');
  fs.mkdirSync(dir, { recursive: true });
  const filename = path.join(dir, `test_${id}.db`);
  return {
    client: 'sqlite',
    id,
    env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: filename },
    async drop() {
      for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(filename + suffix, { force: true });
    },
  };
};
