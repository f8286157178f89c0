#!/usr/bin/env node
/**
 * `npm run develop`: the whole product on a laptop.
 * - creates `.env` with fresh secrets on first start;
 * - compiles the client-portal plugin's server;
 * - without SMTP_HOST, starts a local mail catcher (SMTP + web inbox) on loopback;
 * - runs `strapi develop` (SQLite by default; demo data on an empty database).
 */
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { spawn, spawnSync } = require('child_process');

const root = path.resolve(__dirname, '..');
process.chdir(root);

const secret = () => crypto.randomBytes(16).toString('base64');

const ensureEnvFile = () => {
  const file = path.join(root, '.env');
  if (fs.existsSync(file)) return;
  const template = fs.readFileSync(path.join(root, '.env.example'), 'utf8');
  const filled = template
    .replace(/^APP_KEYS=$/m, `APP_KEYS=${[secret(), secret(), secret(), secret()].join(',')}`)
    .replace(/^(ADMIN_JWT_SECRET|API_TOKEN_SALT|TRANSFER_TOKEN_SALT|ENCRYPTION_KEY|JWT_SECRET)=$/gm, (_, key) => `${key}=${secret()}`);
  fs.writeFileSync(file, filled, { mode: 0o600 });
  console.log('Created .env with fresh secrets.');
};

const buildPlugin = () => {
  const tsc = require.resolve('typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', 'src/plugins/client-portal/server/tsconfig.build.json'], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

const startMailCatcher = (env) =>
  new Promise((resolve, reject) => {
    const smtpPort = Number(env.MAILDEV_SMTP_PORT || 1025);
    const webPort = Number(env.MAILDEV_WEB_PORT || 1080);
    const MailDev = require('maildev');
    const mailDirectory = path.join(root, '.tmp', 'mail');
    fs.mkdirSync(mailDirectory, { recursive: true });
    const server = MailDev({ smtp: smtpPort, web: webPort, ip: '127.0.0.1', mailDirectory, silent: true, basePathname: '/' });
    server.on('error', reject);
    // maildev starts listening on its own; give it a tick to bind or fail.
    setTimeout(() => resolve({ smtpPort, webPort }), 300);
  });

const main = async () => {
  ensureEnvFile();
  require('dotenv').config({ path: path.join(root, '.env') });
  const env = { ...process.env, NODE_ENV: process.env.NODE_ENV || 'development' };

  buildPlugin();

  if (!env.SMTP_HOST) {
    const { smtpPort, webPort } = await startMailCatcher(env);
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
