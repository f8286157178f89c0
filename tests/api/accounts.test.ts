import { useTestApp } from '../helpers/strapi';
import { bearer, createPortalUser, type Agent } from '../helpers/users';
import { createContact, INVITE_TABLES, mailsTo, outboxIdle, portalAgent, snapshotOf } from '../helpers/portal';
import type { ReceivedMail } from '../helpers/smtp-sink';

const LOGIN_INVALID = 'Invalid email or password';
const CODE_INVALID = 'Invalid or expired code';
const NEW_PASSWORD = 'a brand new passphrase';

let agent: Agent;

// Behind a trusted proxy, so tests can give each request a client address of its own (X-Forwarded-For).
const app = useTestApp({ env: { IS_PROXIED: 'true', TRUSTED_PROXY_HOPS: '1' } });

beforeAll(async () => {
  agent = await portalAgent(app);
});

const api = (path: string) => `/api/client-portal${path}`;
const login = (email: string, password: string) => app.http().post(api('/auth/login')).send({ email, password });
const gql = (query: string, variables: Record<string, unknown> = {}, jwt?: string) => {
  const req = app.http().post('/graphql');
  if (jwt) req.set(bearer(jwt));
  return req.send({ query, variables });
};

/** The temporary password from the account-created email (its own line in the text part). */
const temporaryPasswordFrom = (mail: ReceivedMail) => {
  const lines = mail.text.split('\n').map((line) => line.trim());
  const candidate = lines.find((line) => /^[A-Za-z0-9!@#$%&*?]{8}$/.test(line) && !/^\d+$/.test(line));
  if (!candidate) throw new Error(`no temporary password in:\n${mail.text}`);
  return candidate;
};
const codeFrom = (mail: ReceivedMail) => {
  const match = /^\s*(\d{6})\s*$/m.exec(mail.text);
  if (!match) throw new Error(`no code in:\n${mail.text}`);
  return match[1];
};

const createByAgent = (body: Record<string, unknown>) => app.http().post('/client-portal/portal-users').set(bearer(agent.jwt)).send(body);

describe('agent-created account', () => {
  it('emails a temporary password in the contact\'s language; it only opens change-password and me until changed', async () => {
    await app.http().put('/client-portal/settings').set(bearer(agent.jwt)).send({ officeAdministrator: agent.id });
    const contact = await createContact(app, { language: 'nl', firstName: 'Noor' });
    const res = await createByAgent({ contact: contact.documentId, portalRole: 'seller' });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ email: contact.email, portalStatus: 'active', mustChangePassword: true, creationMethod: 'agent_created', language: 'nl', portalRole: { key: 'seller' } });

    const [mail] = await mailsTo(app, contact.email);
    const temporary = temporaryPasswordFrom(mail);
    expect(temporary).toHaveLength(8);
    expect(mail.subject).not.toContain(temporary);
    expect(mail.text).toContain('https://portal.agency.test/login');
    const account = await app.strapi.db.query('plugin::users-permissions.user').findOne({ where: { email: contact.email }, populate: { owner: true } });
    expect(account.password).not.toContain(temporary);
    expect(new Date(account.temporaryPasswordExpiresAt).getTime() - Date.now()).toBeGreaterThan(6.9 * 864e5);
    // Responsible agent: the office administrator when the contact has none.
    expect(account.owner.id).toBe(agent.id);
    const outbox = await app.strapi.db.query('plugin::client-portal.outbox-message').findMany({ where: { to: contact.email } });
    expect(JSON.stringify(outbox)).not.toContain(temporary);

    const first = await login(contact.email, temporary);
    expect(first.status).toBe(200);
    expect(first.body.data.mustChangePassword).toBe(true);
    const jwt = first.body.data.jwt;

    expect((await app.http().get(api('/me')).set(bearer(jwt))).status).toBe(200);
    const blocked = await app.http().put(api('/me')).set(bearer(jwt)).send({ firstName: 'Nope' });
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.message).toBe('Password change required');
    const gqlBlocked = await gql('mutation { updatePortalMe(firstName: "Nope") { firstName } }', {}, jwt);
    expect(gqlBlocked.body.errors[0].message).toBe('Password change required');
    const gqlMe = await gql('{ portalMe { email mustChangePassword } }', {}, jwt);
    expect(gqlMe.body.data.portalMe).toEqual({ email: contact.email, mustChangePassword: true });

    const changed = await app.http().post(api('/auth/change-password')).set(bearer(jwt)).send({ currentPassword: temporary, password: NEW_PASSWORD });
    expect(changed.status).toBe(200);
    const fresh = changed.body.data.jwt;
    expect((await app.http().put(api('/me')).set(bearer(fresh)).send({ firstName: 'Noortje' })).status).toBe(200);
    // The session of the temporary password has ended.
    expect((await app.http().get(api('/me')).set(bearer(jwt))).status).toBe(401);
    expect((await login(contact.email, temporary)).status).toBe(400);
    expect((await login(contact.email, NEW_PASSWORD)).body.data.mustChangePassword).toBe(false);

    const types = (await app.strapi.db.query('plugin::client-portal.activity').findMany({ where: { contact: { documentId: contact.documentId } } })).map((a: any) => a.type);
    expect(types).toEqual(expect.arrayContaining(['account_created', 'logged_in', 'password_changed']));
  });

  it('409 "portal user already exists" for a second account, also under ten parallel requests; 400 without email', async () => {
    const contact = await createContact(app);
    const results = await Promise.all(Array.from({ length: 10 }, () => createByAgent({ contact: contact.documentId })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    for (const res of results.filter((r) => r.status !== 201)) {
      expect(res.status).toBe(409);
      expect(res.body.error.message).toBe('portal user already exists');
    }
    expect(await app.strapi.db.query('plugin::users-permissions.user').count({ where: { contact: { documentId: contact.documentId } } })).toBe(1);
    await outboxIdle(app);
    expect(app.smtp.to(contact.email)).toHaveLength(1);
    // One more, once everything settled: the 409 changes nothing.
    const before = await snapshotOf(app, INVITE_TABLES);
    expect((await createByAgent({ contact: contact.documentId })).status).toBe(409);
    expect(await snapshotOf(app, INVITE_TABLES)).toBe(before);

    const noEmail = await createContact(app, { email: null });
    const res = await createByAgent({ contact: noEmail.documentId });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('An email address is required to create a portal user');
    expect((await createByAgent({ contact: 'nope' })).body.error.message).toMatch(/^contact:/);
    expect((await createByAgent({ contact: contact.documentId, role: 3 })).status).toBe(400);
  });

  it('an expired temporary password no longer logs in', async () => {
    const contact = await createContact(app);
    await createByAgent({ contact: contact.documentId });
    const temporary = temporaryPasswordFrom((await mailsTo(app, contact.email))[0]);
    await app.strapi.db.query('plugin::users-permissions.user').updateMany({ where: { email: contact.email }, data: { temporaryPasswordExpiresAt: new Date(Date.now() - 1000) } });
    const res = await login(contact.email, temporary);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(LOGIN_INVALID);
    const check = await app.http().get(`/client-portal/contacts/${contact.documentId}/login-check`).set(bearer(agent.jwt));
    expect(check.body.data.canLogIn).toBe(false);
    expect(check.body.data.checks.find((c: any) => c.key === 'temporary_password')).toMatchObject({ ok: false });
  });

  it('needs the "create portal users" action', async () => {
    const reader = await portalAgent(app, ['read']);
    const contact = await createContact(app);
    const res = await app.http().post('/client-portal/portal-users').set(bearer(reader.jwt)).send({ contact: contact.documentId });
    expect(res.status).toBe(403);
  });
});

describe('login', () => {
  it('one message for unknown email, wrong password, draft and blocked accounts; records first and last login', async () => {
    const contact = await createContact(app);
    const user = await createPortalUser(app, contact.documentId);
    const blocked = await createPortalUser(app, (await createContact(app)).documentId, { blocked: true });
    const draft = await createPortalUser(app, (await createContact(app)).documentId, { portalStatus: 'draft' });
    const answers = await Promise.all([
      login('nobody@client.test', user.password),
      login(user.email, 'wrong password here'),
      login(blocked.email, blocked.password),
      login(draft.email, draft.password),
      app.http().post(api('/auth/login')).send({ email: 42, password: null }),
    ]);
    for (const res of answers) {
      expect(res.status).toBe(400);
      expect(res.body).toEqual(answers[0].body);
      expect(res.body.error.message).toBe(LOGIN_INVALID);
    }
    const ok = await login(user.email.toUpperCase(), user.password);
    expect(ok.status).toBe(200);
    expect(ok.body.data).toMatchObject({ mustChangePassword: false, user: { email: user.email, contact: contact.documentId } });
    const row = await app.strapi.db.query('plugin::users-permissions.user').findOne({ where: { id: user.id } });
    expect(row.firstLoginAt).toBeTruthy();
    expect(row.lastLoginAt).toBeTruthy();

    const viaGql = await gql('mutation($e: String!, $p: String!) { portalLogin(email: $e, password: $p) { jwt mustChangePassword user { email } } }', { e: user.email, p: 'nope nope nope' });
    expect(viaGql.body.errors[0].message).toBe(LOGIN_INVALID);
  });

  it('blocking an account takes effect on the very next request (REST and GraphQL)', async () => {
    const user = await createPortalUser(app, (await createContact(app)).documentId);
    expect((await app.http().get(api('/me')).set(bearer(user.jwt))).status).toBe(200);
    await app.strapi.db.query('plugin::users-permissions.user').update({ where: { id: user.id }, data: { blocked: true } });
    expect((await app.http().get(api('/me')).set(bearer(user.jwt))).status).toBe(401);
    const viaGql = await gql('{ portalMe { email } }', {}, user.jwt);
    expect(viaGql.status === 401 || viaGql.body.errors?.length > 0).toBe(true);
  });

  it('is rate-limited per account (429 with Retry-After), whatever the IP', async () => {
    // Each attempt really comes from another address: the server trusts the proxy's X-Forwarded-For.
    expect(app.strapi.server.app.proxy).toBe(true);
    const user = await createPortalUser(app, (await createContact(app)).documentId);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i += 1) {
      const res = await app.http().post(api('/auth/login')).set('X-Forwarded-For', `10.0.0.${i}`).send({ email: user.email, password: 'wrong password!' });
      statuses.push(res.status);
      if (res.status === 429) expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true);
    expect(statuses[10]).toBe(429);
    // Even the right password waits now, from yet another address...
    expect((await app.http().post(api('/auth/login')).set('X-Forwarded-For', '10.0.1.1').send({ email: user.email, password: user.password })).status).toBe(429);
    // ...while another account logging in from one of those addresses is not held back.
    const other = await createPortalUser(app, (await createContact(app)).documentId);
    expect((await app.http().post(api('/auth/login')).set('X-Forwarded-For', '10.0.0.3').send({ email: other.email, password: other.password })).status).toBe(200);
  });
});

describe('forgot and reset password', () => {
  it('answers as fast for an account as for an unknown email (no timing oracle; the email is sent by the worker)', async () => {
    const user = await createPortalUser(app, (await createContact(app)).documentId);
    let calls = 0;
    const timed = async (email: string) => {
      calls += 1;
      const started = process.hrtime.bigint();
      const res = await app.http().post(api('/auth/forgot-password')).set('X-Forwarded-For', `192.0.2.${calls}`).send({ email });
      expect(res.status).toBe(202);
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    // Interleaved samples and medians, with a tolerance that holds on a loaded machine; sending the email in the
    // request (SMTP round trips) would be far outside it.
    for (let i = 0; i < 15; i += 1) {
      await app.strapi.plugin('client-portal').service('rate-limit').reset('forgotPassword', user.email);
      known.push(await timed(user.email));
      unknown.push(await timed(`nobody-${i}@client.test`));
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const ratio = median(known) / median(unknown);
    expect({ ratio, known: median(known), unknown: median(unknown), within: ratio > 1 / 3 && ratio < 3 }).toMatchObject({ within: true });
  });

  it('answers the same for existing, unknown, draft, blocked and SMTP down; the code resets without logging in and ends older sessions', async () => {
    const user = await createPortalUser(app, (await createContact(app)).documentId);
    const draft = await createPortalUser(app, (await createContact(app)).documentId, { portalStatus: 'draft' });
    const blocked = await createPortalUser(app, (await createContact(app)).documentId, { blocked: true });
    const forgot = (email: string) => app.http().post(api('/auth/forgot-password')).send({ email });
    await app.smtp.setMode('refuse');
    const answers = [await forgot(user.email), await forgot('unknown@client.test'), await forgot(draft.email), await forgot(blocked.email)];
    for (const res of answers) {
      expect(res.status).toBe(202);
      expect(res.body).toEqual({ data: { ok: true } });
    }
    await app.smtp.setMode('accept');
    const [mail] = await mailsTo(app, user.email);
    const code = codeFrom(mail);
    await outboxIdle(app);
    expect(app.smtp.to(draft.email)).toHaveLength(0);
    expect(app.smtp.to(blocked.email)).toHaveLength(0);

    const reset = (body: Record<string, unknown>) => app.http().post(api('/auth/reset-password')).send(body);
    expect((await reset({ email: user.email, code, password: 'short' })).body.error.message).toBe('password: must be at least 10 characters');
    const wrongCode = code === '000000' ? '000001' : '000000';
    expect((await reset({ email: user.email, code: wrongCode, password: NEW_PASSWORD })).body.error.message).toBe(CODE_INVALID);
    expect((await reset({ email: 'unknown@client.test', code, password: NEW_PASSWORD })).body.error.message).toBe(CODE_INVALID);

    const ok = await reset({ email: user.email, code, password: NEW_PASSWORD });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ data: { ok: true } });
    expect(JSON.stringify(ok.body)).not.toMatch(/jwt/);
    expect((await app.http().get(api('/me')).set(bearer(user.jwt))).status).toBe(401);
    expect((await reset({ email: user.email, code, password: 'another new passphrase' })).body.error.message).toBe(CODE_INVALID);
    expect((await login(user.email, NEW_PASSWORD)).status).toBe(200);
    expect((await login(user.email, user.password)).status).toBe(400);
  });

  it('a reset code is burnt after 5 wrong tries', async () => {
    const user = await createPortalUser(app, (await createContact(app)).documentId);
    await app.http().post(api('/auth/forgot-password')).send({ email: user.email });
    const code = codeFrom((await mailsTo(app, user.email))[0]);
    const wrong = code === '111111' ? '222222' : '111111';
    for (let i = 0; i < 5; i += 1) {
      expect((await app.http().post(api('/auth/reset-password')).send({ email: user.email, code: wrong, password: NEW_PASSWORD })).status).toBe(400);
    }
    const late = await app.http().post(api('/auth/reset-password')).send({ email: user.email, code, password: NEW_PASSWORD });
    expect(late.body.error.message).toBe(CODE_INVALID);
  });

  it('GraphQL forgot, reset and change password follow the same rules', async () => {
    const user = await createPortalUser(app, (await createContact(app)).documentId);
    const forgot = await gql('mutation($e: String!) { portalForgotPassword(email: $e) { ok } }', { e: user.email });
    expect(forgot.body.data.portalForgotPassword.ok).toBe(true);
    const unknown = await gql('mutation($e: String!) { portalForgotPassword(email: $e) { ok } }', { e: 'ghost@client.test' });
    expect(unknown.body).toEqual(forgot.body);
    const code = codeFrom((await mailsTo(app, user.email))[0]);
    const reset = await gql('mutation($e: String!, $c: String!, $p: String!) { portalResetPassword(email: $e, code: $c, password: $p) { ok } }', { e: user.email, c: code, p: NEW_PASSWORD });
    expect(reset.body.data.portalResetPassword.ok).toBe(true);
    const logged = await gql('mutation($e: String!, $p: String!) { portalLogin(email: $e, password: $p) { jwt } }', { e: user.email, p: NEW_PASSWORD });
    const jwt = logged.body.data.portalLogin.jwt;
    const wrong = await gql('mutation { changePortalPassword(currentPassword: "not it at all", password: "whatever new one") { jwt } }', {}, jwt);
    expect(wrong.body.errors[0].message).toBe('currentPassword: is not correct');
    const changed = await gql(`mutation { changePortalPassword(currentPassword: "${NEW_PASSWORD}", password: "yet another passphrase") { jwt } }`, {}, jwt);
    expect(changed.body.data.changePortalPassword.jwt).toEqual(expect.any(String));
    expect((await app.http().get(api('/me')).set(bearer(jwt))).status).toBe(401);
    expect((await app.http().get(api('/me')).set(bearer(changed.body.data.changePortalPassword.jwt))).status).toBe(200);
  });
});

describe('users-permissions\' own auth routes cannot get around these rules', () => {
  it('register, forgot/reset password, email confirmation and local login are closed; its JWTs are not accepted', async () => {
    const user = await createPortalUser(app, (await createContact(app)).documentId);
    const register = await app.http().post('/api/auth/local/register').send({ username: 'sneaky', email: 'sneaky@client.test', password: 'password12345' });
    expect([400, 401, 403]).toContain(register.status);
    expect(await app.strapi.db.query('plugin::users-permissions.user').count({ where: { email: 'sneaky@client.test' } })).toBe(0);
    for (const [path, body] of [
      ['/api/auth/forgot-password', { email: user.email }],
      ['/api/auth/reset-password', { code: 'x', password: 'p', passwordConfirmation: 'p' }],
      ['/api/auth/send-email-confirmation', { email: user.email }],
      ['/api/auth/local', { identifier: user.email, password: user.password }],
    ] as const) {
      const res = await app.http().post(path).send(body);
      expect([401, 403]).toContain(res.status);
    }
    expect((await app.http().get('/api/auth/email-confirmation?confirmation=x')).status).toBeGreaterThanOrEqual(400);
    expect((await app.http().get('/api/users/me').set(bearer(user.jwt))).status).toBe(403);
    const closed = 'Not allowed: use the client portal API (/api/client-portal/auth/...)';
    const viaGql = await gql('mutation { register(input: { username: "g", email: "g@client.test", password: "password12345" }) { jwt } }');
    expect(viaGql.body.errors[0].message).toBe(closed);
    const forgotGql = await gql(`mutation { forgotPassword(email: "${user.email}") { ok } }`);
    expect(forgotGql.body.errors[0].message).toBe(closed);
    const loginGql = await gql(`mutation { login(input: { identifier: "${user.email}", password: "${user.password}" }) { jwt } }`);
    expect(loginGql.body.errors[0].message).toBe(closed);
    const resetGql = await gql('mutation { resetPassword(password: "x", passwordConfirmation: "x", code: "y") { jwt } }');
    expect(resetGql.body.errors[0].message).toBe(closed);
    await outboxIdle(app);
    expect(app.smtp.to(user.email)).toHaveLength(0);
    // A token signed like users-permissions' own login (no password version) is refused for portal accounts.
    const bare = app.strapi.plugin('users-permissions').service('jwt').issue({ id: user.id });
    expect((await app.http().get(api('/me')).set(bearer(bare))).status).toBe(401);
  });
});
