import { Writable } from 'stream';
import { winston } from '@strapi/logger';
import { useTestApp } from '../helpers/strapi';
import { bearer, createPortalUser, type PortalUser } from '../helpers/users';
import { createContact, createProperty, dealOf, mailsTo, portalAgent, roleOf, tokenFrom } from '../helpers/portal';
import type { ReceivedMail } from '../helpers/smtp-sink';

/**
 * Security events are logged as one structured line each — `client-portal.security {json}` with the event, the
 * account id and the IP — and no line ever holds a password, token, JWT or code.
 */
let lines: string[] = [];
/** Every line logged during this file. */
const all: string[] = [];
let transport: InstanceType<typeof winston.transports.Stream>;
const secrets: string[] = [];

const api = (route: string) => `/api/client-portal${route}`;
const events = () =>
  lines
    .map((line) => /client-portal\.security (\{.*\})/.exec(line)?.[1])
    .filter((json): json is string => !!json)
    .map((json) => JSON.parse(json));
const eventsOf = (name: string) => events().filter((event) => event.event === name);
const codeFrom = (mail: ReceivedMail) => /^\s*(\d{6})\s*$/m.exec(mail.text)![1];
const LOCAL = /^(::ffff:)?127\.0\.0\.1$/;

const app = useTestApp({ env: { PORTAL_RATE_LIMITS: JSON.stringify({ resendCode: { account: { points: 2, durationSec: 600 } } }) } });

beforeAll(async () => {
  transport = new winston.transports.Stream({
    level: 'info',
    stream: new Writable({
      write(chunk, _encoding, done) {
        lines.push(chunk.toString());
        all.push(chunk.toString());
        done();
      },
    }),
  });
  app.strapi.log.add(transport);
  app.strapi.log.level = 'info';
});

beforeEach(() => {
  lines = [];
});

afterAll(async () => {
  app?.strapi.log.remove(transport);
});

describe('security events', () => {
  it('failed logins: the account id when the address has one, the IP, never the password (REST and GraphQL)', async () => {
    const user = await createPortalUser(app, (await createContact(app)).documentId);
    secrets.push(user.password, user.jwt, 'wrong password one', 'wrong password two');
    await app.http().post(api('/auth/login')).send({ email: user.email, password: 'wrong password one' });
    await app.http().post(api('/auth/login')).send({ email: 'unknown@client.test', password: 'wrong password two' });
    await app.http().post('/graphql').send({ query: `mutation { portalLogin(email: "${user.email}", password: "wrong password two") { jwt } }` });
    const failed = eventsOf('login_failed');
    expect(failed).toHaveLength(3);
    expect(failed[0]).toMatchObject({ accountId: user.id, reason: 'wrong_password', ip: expect.stringMatching(LOCAL), route: '/api/client-portal/auth/login' });
    expect(failed[1]).toMatchObject({ accountId: null, reason: 'unknown_email', ip: expect.stringMatching(LOCAL) });
    expect(failed[2]).toMatchObject({ accountId: user.id, reason: 'wrong_password' });
    for (const line of lines) expect(line).not.toMatch(/wrong password|Password1/);
  });

  it('wrong codes, and the code burnt after five, never logging the code', async () => {
    const email = `coded-${Date.now()}@client.test`;
    await app.http().post(api('/auth/register')).send({ portalId: 'office', firstName: 'Cody', lastName: 'Coder', email, password: 'coder passphrase here' });
    const code = codeFrom((await mailsTo(app, email))[0]);
    secrets.push(code, 'coder passphrase here');
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i += 1) await app.http().post(api('/auth/verify-email')).send({ email, code: wrong });
    const account = await app.strapi.db.query('plugin::users-permissions.user').findOne({ where: { email } });
    expect(eventsOf('code_failed')).toHaveLength(4);
    expect(eventsOf('code_burnt')).toEqual([expect.objectContaining({ accountId: account.id, purpose: 'verify_email', attempts: 5, ip: expect.stringMatching(LOCAL) })]);
    for (const line of lines) {
      expect(line).not.toContain(code);
      expect(line).not.toContain(wrong);
    }
  });

  it('rate-limit hits, with the action and scope', async () => {
    for (let i = 0; i < 3; i += 1) await app.http().post(api('/auth/resend-code')).send({ email: 'limited@client.test' });
    expect(eventsOf('rate_limited')).toEqual([expect.objectContaining({ action: 'resendCode', scope: 'account', ip: expect.stringMatching(LOCAL) })]);
  });

  it('policy denials: the missing permission and who asked', async () => {
    const contact = await createContact(app);
    await dealOf(app, contact, await createProperty(app), 'read-only-guest');
    const guest = await createPortalUser(app, contact.documentId, { portalRole: (await roleOf(app, 'read-only-guest')).id });
    secrets.push(guest.jwt);
    expect((await app.http().get(api('/documents')).set(bearer(guest.jwt))).status).toBe(403);
    expect((await app.http().post('/graphql').set(bearer(guest.jwt)).send({ query: '{ portalDocuments { title } }' })).body.errors[0].message).toBe('Not allowed');
    expect(eventsOf('policy_denied')).toEqual([
      expect.objectContaining({ accountId: guest.id, permission: 'viewDocuments', route: '/api/client-portal/documents' }),
      expect.objectContaining({ accountId: guest.id, permission: 'viewDocuments', route: '/graphql' }),
    ]);
  });

  it('logouts, and a JWT refused after its session ended', async () => {
    const user: PortalUser = await createPortalUser(app, (await createContact(app)).documentId);
    secrets.push(user.jwt);
    await app.http().post(api('/auth/logout')).set(bearer(user.jwt));
    await app.http().get(api('/me')).set(bearer(user.jwt));
    expect(eventsOf('logout')).toEqual([expect.objectContaining({ accountId: user.id, ip: expect.stringMatching(LOCAL) })]);
    expect(eventsOf('session_rejected')).toEqual([expect.objectContaining({ accountId: user.id })]);
  });

  it('no log line of this file holds a password, JWT, code or invitation token', async () => {
    const agent = await portalAgent(app);
    const contact = await createContact(app);
    await app.http().post('/client-portal/invitations').set(bearer(agent.jwt)).send({ contact: contact.documentId, portalRole: 'buyer' });
    const token = tokenFrom((await mailsTo(app, contact.email))[0]);
    await app.http().post(api('/invitations/accept')).send({ token, password: 'short' });
    await app.http().post(api('/invitations/accept')).send({ token: `${token.slice(0, -1)}x`, password: 'long enough passphrase' });
    secrets.push(token, agent.jwt, agent.password);
    expect(all.filter((line) => line.includes('client-portal.security')).length).toBeGreaterThanOrEqual(10);
    for (const line of all) for (const secret of secrets) expect(line).not.toContain(secret);
  });
});
