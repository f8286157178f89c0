/**
 * The environment `npm run develop` runs with:
 * - `.env` is created on first start with fresh secrets and a demo agent password of this install (printed once,
 *   when the demo office is seeded); an older `.env` without a demo password gets one;
 * - the server listens on 127.0.0.1 (this machine only) unless HOST says otherwise.
 */
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const secret = () => crypto.randomBytes(16).toString('base64');

/** Meets the admin password rules (8+ characters, upper and lower case, a digit) with ~96 random bits. */
const demoPassword = () => `Demo-${crypto.randomBytes(12).toString('base64url')}-7k`;

const ensureEnvFile = (root) => {
  const file = path.join(root, '.env');
  if (!fs.existsSync(file)) {
    const template = fs.readFileSync(path.join(root, '.env.example'), 'utf8');
    const filled = template
      .replace(/^APP_KEYS=$/m, `APP_KEYS=${[secret(), secret(), secret(), secret()].join(',')}`)
      .replace(/^(ADMIN_JWT_SECRET|API_TOKEN_SALT|TRANSFER_TOKEN_SALT|ENCRYPTION_KEY|JWT_SECRET)=$/gm, (_, key) => `${key}=${secret()}`)
      .replace(/^DEMO_ADMIN_PASSWORD=$/m, `DEMO_ADMIN_PASSWORD=${demoPassword()}`);
    fs.writeFileSync(file, filled, { mode: 0o600 });
    return { created: true };
  }
  const current = fs.readFileSync(file, 'utf8');
  if (!/^DEMO_ADMIN_PASSWORD=\S+/m.test(current)) {
    fs.appendFileSync(file, `${current.endsWith('\n') ? '' : '\n'}DEMO_ADMIN_PASSWORD=${demoPassword()}\n`);
  }
  return { created: false };
};

/** Creates or completes `.env` in `root` and answers the environment for `strapi develop`. */
const prepareEnvironment = (root, base = process.env) => {
  const { created } = ensureEnvFile(root);
  const fromFile = require('dotenv').parse(fs.readFileSync(path.join(root, '.env')));
  const env = { ...fromFile, ...base, NODE_ENV: base.NODE_ENV || 'development' };
  if (!env.HOST) env.HOST = '127.0.0.1';
  return { env, created };
};

/**
 * The development mail catcher (MailDev): SMTP and a web inbox, both on 127.0.0.1, mail kept in `directory`.
 * Resolves once both listen; `close()` stops them.
 */
const startMailCatcher = ({ directory, smtpPort, webPort }) =>
  new Promise((resolve, reject) => {
    const MailDev = require('maildev');
    fs.mkdirSync(directory, { recursive: true });
    const server = MailDev({ smtp: smtpPort, web: webPort, ip: '127.0.0.1', mailDirectory: directory, silent: true, basePathname: '/' });
    server.on('error', reject);
    // MailDev starts its web inbox by itself; its SMTP server listens when asked.
    server.listen((error) => (error ? reject(error) : resolve({ smtpPort, webPort, close: () => new Promise((done) => server.close(done)) })));
  });

module.exports = { prepareEnvironment, demoPassword, startMailCatcher };
