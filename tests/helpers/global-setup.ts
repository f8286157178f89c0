import fs from 'fs';
import path from 'path';
import { createStrapi } from '@strapi/strapi';
import { createTestDatabase, databaseClient, writeTemplate } from './database';
import { SmtpSink } from './smtp-sink';
import { testEnv } from './strapi';

/**
 * Once per run: compiles the app (every test file then boots Strapi from the compiled output) and builds the run's
 * template database — one boot that creates every table, default role and permission — which each test file's
 * database starts as a copy of (tests/helpers/database.ts). Removed again by the global teardown.
 */
export default async function globalSetup() {
  const root = path.resolve(__dirname, '..', '..');
  process.chdir(root);
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { compileStrapi } = require('@strapi/strapi');
  const { appDir, distDir } = await compileStrapi({ appDir: root, ignoreDiagnostics: false });
  const dir = path.join(root, '.tmp', 'tests');
  fs.mkdirSync(dir, { recursive: true });
  // A temporary directory of the run's own (TMPDIR of this process, which runs the test files in band): uploads are
  // parsed into it, and tests can prove nothing is left behind.
  // One per database client, so the SQLite and PostgreSQL suites can run at the same time.
  const tmpdir = path.join(dir, `tmp-${databaseClient()}`);
  fs.rmSync(tmpdir, { recursive: true, force: true });
  fs.mkdirSync(tmpdir, { recursive: true });
  // Written whole (rename), since a suite running at the same time may be reading it.
  const marker = path.join(dir, `compiled.${process.pid}.json`);
  fs.writeFileSync(marker, JSON.stringify({ appDir, distDir }));
  fs.renameSync(marker, path.join(dir, 'compiled.json'));

  await buildTemplate(appDir, distDir, dir);
  process.env.TMPDIR = tmpdir;
}

const buildTemplate = async (appDir: string, distDir: string, dir: string) => {
  writeTemplate(databaseClient(), null);
  const environment = { ...process.env };
  const smtp = await new SmtpSink().start();
  const db = await createTestDatabase({ asTemplate: true });
  const uploads = path.join(dir, `uploads-${db.id}`);
  Object.assign(process.env, testEnv(smtp, db, uploads));
  const strapi = createStrapi({ appDir, distDir, serveAdminPanel: false, autoReload: false });
  try {
    await strapi.load();
  } finally {
    await strapi.destroy();
    await smtp.close();
    fs.rmSync(uploads, { recursive: true, force: true });
    delete (global as any).strapi;
    for (const key of Object.keys(process.env)) if (!(key in environment)) delete process.env[key];
    Object.assign(process.env, environment);
  }
  writeTemplate(db.client, { name: db.name });
};
