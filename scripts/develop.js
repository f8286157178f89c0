#!/usr/bin/env node
/**
 * `npm run develop`: the whole product on a laptop.
 * - creates `.env` with fresh secrets and this install's demo agent password on first start;
 * - listens on 127.0.0.1 only, unless HOST says otherwise;
 * - compiles the client-portal plugin's server and builds the reference portal (/portal);
 * - without SMTP_HOST, starts a local mail catcher (SMTP + web inbox) on loopback;
 * - runs `strapi develop` (SQLite by default; demo data on an empty database).
 */
const path = require('path');
const { spawn, spawnSync } = require('child_process');
const { prepareEnvironment, startMailCatcher } = require('./develop-env');

const root = path.resolve(__dirname, '..');
process.chdir(root);

const buildPlugin = () => {
  const result = spawnSync(process.execPath, [path.join(__dirname, 'build-plugin.js')], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

const main = async () => {
  const { env, created } = prepareEnvironment(root);
  if (created) console.log('Created .env with fresh secrets and a demo agent password (printed when the demo office is created).');

  buildPlugin();
  const portal = spawnSync('npm', ['run', '-s', 'build:portal'], { stdio: 'inherit' });
  if (portal.status !== 0) process.exit(portal.status ?? 1);

  if (!env.SMTP_HOST) {
    const { smtpPort, webPort } = await startMailCatcher({
      directory: path.join(root, '.tmp', 'mail'),
      smtpPort: Number(env.MAILDEV_SMTP_PORT || 1025),
      webPort: Number(env.MAILDEV_WEB_PORT || 1080),
    });
    Object.assign(env, { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtpPort), SMTP_SECURE: 'false', SMTP_IGNORE_TLS: 'true', SMTP_USER: '' });
    console.log(`\n  Mail catcher: every email the portal sends lands in http://127.0.0.1:${webPort}\n`);
  }

  const strapiBin = path.join(root, 'node_modules', '.bin', 'strapi');
  const child = spawn(strapiBin, ['develop', ...process.argv.slice(2)], { stdio: 'inherit', env });
  const stop = (signal) => child.kill(signal);
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  child.on('exit', (code) => process.exit(code ?? 0));
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
