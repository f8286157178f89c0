import fs from 'fs';
import path from 'path';

/** Compiles the app once per run; every test file then boots Strapi from the compiled output. */
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
  const tmpdir = path.join(dir, `tmp-${process.env.DATABASE_CLIENT === 'postgres' ? 'postgres' : 'sqlite'}`);
  fs.rmSync(tmpdir, { recursive: true, force: true });
  fs.mkdirSync(tmpdir, { recursive: true });
  process.env.TMPDIR = tmpdir;
  // Written whole (rename), since a suite running at the same time may be reading it.
  const marker = path.join(dir, `compiled.${process.pid}.json`);
  fs.writeFileSync(marker, JSON.stringify({ appDir, distDir }));
  fs.renameSync(marker, path.join(dir, 'compiled.json'));
}
