import fs from 'fs';
import net from 'net';
import os from 'os';
import nodemailer from 'nodemailer';
import path from 'path';
import { demoAdmin } from '../../src/seed/demo';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { prepareEnvironment, startMailCatcher } = require('../../scripts/develop-env') as {
  prepareEnvironment(root: string, base?: Record<string, string | undefined>): { env: Record<string, string>; created: boolean };
  startMailCatcher(options: { directory: string; smtpPort: number; webPort: number }): Promise<{ smtpPort: number; webPort: number; close(): Promise<void> }>;
};

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

/** `npm run develop` on a fresh checkout: local only, and a demo password of this install (never one from the source). */
const freshCheckout = () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cp-develop-'));
  fs.copyFileSync(path.resolve(__dirname, '..', '..', '.env.example'), path.join(root, '.env.example'));
  return root;
};

describe('npm run develop environment', () => {
  const roots: string[] = [];
  afterAll(() => roots.forEach((root) => fs.rmSync(root, { recursive: true, force: true })));
  const install = () => {
    const root = freshCheckout();
    roots.push(root);
    return root;
  };

  it('listens on 127.0.0.1 unless HOST says otherwise', () => {
    expect(prepareEnvironment(install(), {}).env.HOST).toBe('127.0.0.1');
    expect(prepareEnvironment(install(), { HOST: '0.0.0.0' }).env.HOST).toBe('0.0.0.0');
  });

  it('writes a demo agent password of its own into .env on the first start, and keeps it afterwards', () => {
    const first = install();
    const a = prepareEnvironment(first, {});
    expect(a.created).toBe(true);
    const password = a.env.DEMO_ADMIN_PASSWORD;
    expect(password).toMatch(/^Demo-[A-Za-z0-9_-]{16}-7k$/);
    expect(fs.readFileSync(path.join(first, '.env'), 'utf8')).toContain(`DEMO_ADMIN_PASSWORD=${password}`);
    expect((fs.statSync(path.join(first, '.env')).mode & 0o077)).toBe(0);
    const again = prepareEnvironment(first, {});
    expect(again).toMatchObject({ created: false, env: { DEMO_ADMIN_PASSWORD: password } });

    const other = prepareEnvironment(install(), {}).env.DEMO_ADMIN_PASSWORD;
    expect(other).not.toBe(password);
  });

  it('gives an older .env without a demo password one', () => {
    const root = install();
    fs.writeFileSync(path.join(root, '.env'), 'APP_KEYS=a,b\nJWT_SECRET=c');
    const { env } = prepareEnvironment(root, {});
    expect(env.DEMO_ADMIN_PASSWORD).toMatch(/^Demo-/);
    expect(fs.readFileSync(path.join(root, '.env'), 'utf8')).toMatch(/^JWT_SECRET=c\nDEMO_ADMIN_PASSWORD=Demo-/m);
  });

  it('the seed, without DEMO_ADMIN_PASSWORD, makes a random password rather than a fixed one', () => {
    const saved = process.env.DEMO_ADMIN_PASSWORD;
    delete process.env.DEMO_ADMIN_PASSWORD;
    try {
      const first = demoAdmin().password;
      expect(first).toMatch(/^Demo-[A-Za-z0-9_-]{16}-7k$/);
      expect(demoAdmin().password).not.toBe(first);
    } finally {
      if (saved !== undefined) process.env.DEMO_ADMIN_PASSWORD = saved;
    }
  });

  it('starts a mail catcher that receives email over SMTP and shows it in its web inbox', async () => {
    const directory = install();
    const catcher = await startMailCatcher({ directory: path.join(directory, 'mail'), smtpPort: await freePort(), webPort: await freePort() });
    try {
      const transport = nodemailer.createTransport({ host: '127.0.0.1', port: catcher.smtpPort, secure: false, ignoreTLS: true });
      await transport.sendMail({ from: 'portal@agency.test', to: 'client@client.test', subject: 'Your invitation', text: 'Hello from the portal' });
      const inbox = await (await fetch(`http://127.0.0.1:${catcher.webPort}/email`)).json();
      expect(inbox).toEqual([expect.objectContaining({ subject: 'Your invitation', text: expect.stringContaining('Hello from the portal') })]);
    } finally {
      await catcher.close();
    }
  });
});
