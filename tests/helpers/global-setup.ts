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
  const tmpdir = path.join(dir, 'tmp');
  fs.rmSync(tmpdir, { recursive: true, force: true });
  fs.mkdirSync(tmpdir, { recursive: true });
  process.env.TMPDIR = tmpdir;
  fs.writeFileSync(path.join(dir, 'compiled.json'), JSON.stringify({ appDir, distDir }));
}
