import { useTestApp } from '../helpers/strapi';
import { bearer, createPortalUser, type Agent } from '../helpers/users';
import { createContact, mailsTo, outboxIdle, portalAgent } from '../helpers/portal';
import type { ReceivedMail } from '../helpers/smtp-sink';

const CODE_INVALID = 'Invalid or expired code';
const PASSWORD = 'my own portal passphrase';

let agent: Agent;
let counter = 0;

// Many registrations from one address in this file: a per-address budget large enough for them.
const app = useTestApp({ env: { PORTAL_RATE_LIMITS: JSON.stringify({ register: { ip: { points: 1000, durationSec: 3600 } } }) } });

beforeAll(async () => {
  agent = await portalAgent(app);
  await app.http().put('/client-portal/settings').set(bearer(agent.jwt)).send({ officeAdministrator: agent.id, publicPortalId: 'office-42' });
});

const api = (path: string) => `/api/client-portal${path}`;
const body = (overrides: Record<string, unknown> = {}) => {
  counter += 1;
  return { portalId: 'office-42', firstName: 'Sanne', lastName: 'Visser', email: `register-${counter}-${Date.now()}@client.test`, password: PASSWORD, ...overrides };
};
const register = (data: Record<string, unknown>) => app.http().post(api('/auth/register')).send(data);
const verify = (email: unknown, code: unknown) => app.http().post(api('/auth/verify-email')).send({ email, code });
const codeFrom = (mail: ReceivedMail) => /^\s*(\d{6})\s*$/m.exec(mail.text)![1];
const userRow = (email: string) =>
  app.strapi.db.query('plugin::users-permissions.user').findOne({ where: { email: email.toLowerCase() }, populate: { contact: { populate: { owner: true } }, owner: true } });

describe('self-registration', () => {
  it('creates a draft account that cannot log in, emails a 6-digit code; the code makes it active with a new lead contact', async () => {
    const data = body({ language: 'nl', location: 'Utrecht', preferences: { cities: ['Utrecht'], minBedrooms: 2 } });
    const res = await register(data);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ data: { ok: true } });

    const draft = await userRow(data.email);
    expect(draft).toMatchObject({ portalStatus: 'draft', confirmed: false, creationMethod: 'self_registration', language: 'nl', location: 'Utrecht' });
    expect(draft.preferences).toEqual({ cities: ['Utrecht'], minBedrooms: 2 });
    const login = await app.http().post(api('/auth/login')).send({ email: data.email, password: PASSWORD });
    expect(login.status).toBe(400);
    expect(login.body.error.message).toBe('Invalid email or password');

    const [mail] = await mailsTo(app, data.email);
    const code = codeFrom(mail);
    expect(mail.subject).not.toContain(code);
    const stored = await app.strapi.db.query('plugin::client-portal.verification-code').findMany({ where: { account: { id: draft.id } } });
    expect(stored).toHaveLength(1);
    expect(stored[0].codeHash).not.toContain(code);

    const ok = await verify(data.email, code);
    expect(ok.status).toBe(200);
    expect(ok.body.data.user).toMatchObject({ email: data.email, portalStatus: 'active' });
    expect((await app.http().get(api('/me')).set(bearer(ok.body.data.jwt))).status).toBe(200);

    const active = await userRow(data.email);
    expect(active).toMatchObject({ portalStatus: 'active', confirmed: true });
    expect(active.contact).toMatchObject({ email: data.email, doNotContact: true, leadSource: 'portal_registration', type: 'prospect', firstName: 'Sanne' });
    expect(active.contact.owner.id).toBe(agent.id);
    expect(active.owner.id).toBe(agent.id);
    // The new lead shows up for agents to review.
    const leads = await app.strapi.documents('api::contact.contact').findMany({ filters: { leadSource: 'portal_registration', doNotContact: true } as any });
    expect(leads.map((c: any) => c.email)).toContain(data.email);

    expect((await verify(data.email, code)).body.error.message).toBe(CODE_INVALID);
  });

  it('links the account to an existing contact with the same email', async () => {
    const contact = await createContact(app, { email: `Known.Person.${Date.now()}@Client.Test` });
    const data = body({ email: contact.email.toLowerCase() });
    expect((await register(data)).status).toBe(202);
    const code = codeFrom((await mailsTo(app, data.email))[0]);
    const ok = await verify(data.email.toUpperCase(), code);
    expect(ok.status).toBe(200);
    expect(ok.body.data.user.contact).toBe(contact.documentId);
  });

  it('the same answer, and no account change, for an email that already has an account; its owner is told', async () => {
    const existing = await createPortalUser(app, (await createContact(app)).documentId);
    const before = await userRow(existing.email);
    const known = await register(body({ email: existing.email, password: 'attacker passphrase' }));
    const fresh = await register(body());
    expect(known.status).toBe(fresh.status);
    expect(known.body).toEqual(fresh.body);
    const after = await userRow(existing.email);
    expect(after.password).toBe(before.password);
    expect(after.portalStatus).toBe('active');
    const [notice] = await mailsTo(app, existing.email);
    expect(notice.text).not.toMatch(/^\s*\d{6}\s*$/m);
    expect(notice.text).toContain('https://portal.agency.test/forgot-password');
  });

  it('answers as fast for a known email as for a new one (no timing oracle)', async () => {
    const existing = await createPortalUser(app, (await createContact(app)).documentId);
    const timed = async (data: Record<string, unknown>) => {
      const started = process.hrtime.bigint();
      const res = await register(data);
      expect(res.status).toBe(202);
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    // Interleaved, so load on the machine falls on both alike; medians of enough samples shrug off outliers.
    for (let i = 0; i < 15; i += 1) {
      known.push(await timed(body({ email: existing.email })));
      unknown.push(await timed(body()));
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const ratio = median(known) / median(unknown);
    // Without the equalizing hash, a known email answers in a small fraction of the time (no bcrypt, no insert):
    // the tolerance is wide enough for a loaded machine and still catches that.
    expect(ratio).toBeGreaterThan(1 / 3);
    expect(ratio).toBeLessThan(3);
  });

  it('refuses fields outside the allow-list, naming them, and validates names, email and password', async () => {
    for (const field of ['role', 'confirmed', 'blocked', 'status', 'portalStatus', 'contact', 'owner', 'username', 'provider']) {
      const res = await register(body({ [field]: field === 'confirmed' || field === 'blocked' ? true : 1 }));
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(field);
    }
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ firstName: 'Al' }, 'firstName: must be at least 3 characters'],
      [{ lastName: '  Li ' }, 'lastName: must be at least 3 characters'],
      [{ email: 'not-an-email' }, 'email: must be a valid email address'],
      [{ password: 'short' }, 'password: must be at least 10 characters'],
      [{ password: 'p'.repeat(101) }, 'password: must be at most 100 characters'],
      [{ password: 'qwertyuiop' }, 'password: is too common; choose a less predictable password'],
      [{ preferences: { role: 'admin' } }, 'preferences'],
      [{ language: 'xx' }, 'language'],
    ];
    for (const [changes, message] of cases) {
      const res = await register(body(changes));
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(message);
    }
  });

  it('an unknown portal id or a switched-off portal: 404 with a message for the information page', async () => {
    const wrong = await register(body({ portalId: 'someone-else' }));
    expect(wrong.status).toBe(404);
    expect(wrong.body.error.message).toBe('This portal does not exist or is not open for registration');
    const missing = await register({ email: 'x@client.test' });
    expect(missing.status).toBe(404);
    const viaGql = await app.http().post('/graphql').send({
      query: 'mutation { registerPortalAccount(portalId: "nope", firstName: "Anna", lastName: "Bakker", email: "a@client.test", password: "long enough pass") { ok } }',
    });
    expect(viaGql.body.errors[0].message).toBe('This portal does not exist or is not open for registration');
  });

  it('names the open portal to a registration page before anything is typed, and answers 404 for any other id', async () => {
    await app.http().put('/client-portal/settings').set(bearer(agent.jwt)).send({ agencyName: 'Visser Makelaars' });
    const open = await app.http().get(api('/portals/office-42'));
    expect(open.status).toBe(200);
    expect(open.body.data).toEqual({ portalId: 'office-42', name: 'Visser Makelaars', languages: ['en', 'nl', 'fr', 'de', 'es'] });
    const wrong = await app.http().get(api('/portals/office-43'));
    expect(wrong.status).toBe(404);
    expect(wrong.body.error.message).toBe('This portal does not exist or is not open for registration');
    const viaGql = await app.http().post('/graphql').send({ query: '{ portalRegistration(portalId: "office-42") { name languages } }' });
    expect(viaGql.body.data.portalRegistration).toEqual({ name: 'Visser Makelaars', languages: ['en', 'nl', 'fr', 'de', 'es'] });
    const wrongGql = await app.http().post('/graphql').send({ query: '{ portalRegistration(portalId: "x") { name } }' });
    expect(wrongGql.body.errors[0].message).toBe('This portal does not exist or is not open for registration');
  });
});

describe('verification codes', () => {
  const registered = async () => {
    const data = body();
    await register(data);
    const mails = await mailsTo(app, data.email);
    return { data, code: codeFrom(mails[mails.length - 1]) };
  };

  it('are burnt after 5 wrong tries, bound to the account and purpose', async () => {
    const { data, code } = await registered();
    const wrong = code === '999999' ? '999998' : '999999';
    for (let i = 0; i < 5; i += 1) expect((await verify(data.email, wrong)).body.error.message).toBe(CODE_INVALID);
    expect((await verify(data.email, code)).body.error.message).toBe(CODE_INVALID);

    // A code of another account does not work for this one.
    const other = await registered();
    const mine = await registered();
    if (other.code !== mine.code) expect((await verify(mine.data.email, other.code)).body.error.message).toBe(CODE_INVALID);
    // Draft accounts get no reset code from forgot-password...
    expect((await app.http().post(api('/auth/forgot-password')).send({ email: mine.data.email })).status).toBe(202);
    // ...and a password-reset code, even of this very account, is not a verification code.
    const codes = app.strapi.plugin('client-portal').service('codes');
    const account = await userRow(mine.data.email);
    let reset = await codes.issue(account.id, 'reset_password');
    while (reset.code === mine.code) reset = await codes.issue(account.id, 'reset_password');
    const asVerification = await verify(mine.data.email, reset.code);
    expect(asVerification.status).toBe(400);
    expect(asVerification.body.error.message).toBe(CODE_INVALID);
    expect((await userRow(mine.data.email)).portalStatus).toBe('draft');
    expect((await verify(mine.data.email, mine.code)).status).toBe(200);

    // Nor is a verification code a password-reset code.
    const active = await userRow(mine.data.email);
    const verification = await codes.issue(active.id, 'verify_email');
    const asReset = await app.http().post(api('/auth/reset-password')).send({ email: mine.data.email, code: verification.code, password: 'a different passphrase' });
    expect(asReset.status).toBe(400);
    expect(asReset.body.error.message).toBe(CODE_INVALID);
    expect((await userRow(mine.data.email)).password).toBe(active.password);
  });

  it('expire after 10 minutes', async () => {
    const { data, code } = await registered();
    const account = await userRow(data.email);
    const codes = app.strapi.db.query('plugin::client-portal.verification-code');
    const [row] = await codes.findMany({ where: { account: { id: account.id } } });
    await codes.update({ where: { id: row.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await verify(data.email, code)).body.error.message).toBe(CODE_INVALID);
    const ttl = new Date(row.expiresAt).getTime() - new Date(row.createdAt).getTime();
    expect(Math.round(ttl / 60000)).toBe(10);
  });

  it('work with leading zeros', async () => {
    const { data } = await registered();
    const account = await userRow(data.email);
    // Issue a code we know: the service's own issue path, then replace it by one with leading zeros.
    const service = app.strapi.plugin('client-portal').service('codes');
    let issued = await service.issue(account.id, 'verify_email');
    let tries = 0;
    while (!issued.code.startsWith('0') && tries < 200) {
      issued = await service.issue(account.id, 'verify_email');
      tries += 1;
    }
    expect(issued.code).toMatch(/^0\d{5}$/);
    expect((await verify(data.email, issued.code)).status).toBe(200);
  });

  it('ten parallel submissions of the right code activate once', async () => {
    const { data, code } = await registered();
    const results = await Promise.all(Array.from({ length: 10 }, () => verify(data.email, code)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 400)).toHaveLength(9);
    expect(await app.strapi.db.query('api::contact.contact').count({ where: { email: data.email } })).toBe(1);
  });

  it('at most 100 failures per account per day: then even the right code is refused', async () => {
    const { data, code } = await registered();
    const account = await userRow(data.email);
    const today = new Date().toISOString().slice(0, 10);
    await app.strapi.db.query('plugin::users-permissions.user').update({ where: { id: account.id }, data: { codeFailureDay: today, codeFailures: 100 } });
    expect((await verify(data.email, code)).body.error.message).toBe(CODE_INVALID);
    // A new day starts a new count.
    await app.strapi.db.query('plugin::users-permissions.user').update({ where: { id: account.id }, data: { codeFailureDay: '2000-01-01' } });
    expect((await verify(data.email, code)).status).toBe(200);
  });

  it('20 parallel wrong guesses: exactly 5 are compared, the code is burnt, then the right one fails', async () => {
    const { data, code } = await registered();
    const wrong = code === '123456' ? '654321' : '123456';
    const answers = await Promise.all(Array.from({ length: 20 }, () => verify(data.email, wrong)));
    for (const res of answers) expect(res.body.error.message).toBe(CODE_INVALID);
    const account = await userRow(data.email);
    const [row] = await app.strapi.db.query('plugin::client-portal.verification-code').findMany({ where: { account: { id: account.id } } });
    expect(row).toMatchObject({ attempts: 5, status: 'burnt' });
    expect(account.codeFailures).toBe(5);
    expect((await verify(data.email, code)).body.error.message).toBe(CODE_INVALID);
  });

  it('20 parallel wrong guesses at the daily limit: no more are compared than the limit allows', async () => {
    const { data, code } = await registered();
    const account = await userRow(data.email);
    await app.strapi.db.query('plugin::users-permissions.user').update({ where: { id: account.id }, data: { codeFailureDay: new Date().toISOString().slice(0, 10), codeFailures: 98 } });
    const wrong = code === '123456' ? '654321' : '123456';
    await Promise.all(Array.from({ length: 20 }, () => verify(data.email, wrong)));
    const [row] = await app.strapi.db.query('plugin::client-portal.verification-code').findMany({ where: { account: { id: account.id } } });
    expect(row.attempts).toBe(2);
    expect((await userRow(data.email)).codeFailures).toBe(100);
    expect((await verify(data.email, code)).body.error.message).toBe(CODE_INVALID);
  });

  it('resend-code answers the same whether the email exists; a new code replaces the old; throttled with 429', async () => {
    const { data, code } = await registered();
    const resend = (email: string) => app.http().post(api('/auth/resend-code')).send({ email });
    const known = await resend(data.email);
    const unknown = await resend('nobody-here@client.test');
    expect(known.status).toBe(202);
    expect(unknown.body).toEqual(known.body);
    const mails = await mailsTo(app, data.email, 2);
    const fresh = codeFrom(mails[1]);
    if (fresh !== code) expect((await verify(data.email, code)).body.error.message).toBe(CODE_INVALID);
    await resend(data.email);
    await resend(data.email);
    const throttled = await resend(data.email);
    expect(throttled.status).toBe(429);
    expect(throttled.body.error.message).toBe('Too many attempts, please try again later');
    await outboxIdle(app);
    expect(app.smtp.to(data.email).length).toBeLessThanOrEqual(4);
    // Only the newest code works (emails may arrive out of order): exactly one of them verifies.
    const statuses: number[] = [];
    for (const mail of app.smtp.to(data.email)) statuses.push((await verify(data.email, codeFrom(mail))).status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
  });

  it('GraphQL register and verify follow the same rules', async () => {
    const email = `gql-${Date.now()}@client.test`;
    const reg = await app.http().post('/graphql').send({
      query: 'mutation($e: String!) { registerPortalAccount(portalId: "office-42", firstName: "Gerrit", lastName: "Graaf", email: $e, password: "graphql passphrase", preferences: { cities: ["Delft"] }) { ok } }',
      variables: { e: email },
    });
    expect(reg.body.data.registerPortalAccount.ok).toBe(true);
    const code = codeFrom((await mailsTo(app, email))[0]);
    const wrong = await app.http().post('/graphql').send({ query: `mutation { verifyPortalEmail(email: "${email}", code: "12345x") { jwt } }` });
    expect(wrong.body.errors[0].message).toBe(CODE_INVALID);
    const ok = await app.http().post('/graphql').send({ query: `mutation { verifyPortalEmail(email: "${email}", code: "${code}") { jwt user { portalStatus } } }` });
    expect(ok.body.data.verifyPortalEmail.user.portalStatus).toBe('active');
  });
});
