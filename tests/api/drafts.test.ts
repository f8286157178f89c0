import { useTestApp } from '../helpers/strapi';
import { bearer, type Agent } from '../helpers/users';
import { createContact, mailsTo, portalAgent, tokenFrom } from '../helpers/portal';
import type { ReceivedMail } from '../helpers/smtp-sink';

/**
 * An unverified self-registration never blocks or captures the real owner of the address: accepting an invitation
 * (or an agent's account) replaces it, registering again replaces it, and drafts not verified within 24 hours are
 * deleted by the scheduled job. Agents see drafts in the portal-users list.
 */
let agent: Agent;
let counter = 0;

const api = (route: string) => `/api/client-portal${route}`;
const users = () => app.strapi.db.query('plugin::users-permissions.user');
const codeFrom = (mail: ReceivedMail) => /^\s*(\d{6})\s*$/m.exec(mail.text)![1];
const address = () => {
  counter += 1;
  return `owner-${counter}-${Date.now()}@client.test`;
};
const register = (email: string, overrides: Record<string, unknown> = {}) =>
  app.http().post(api('/auth/register')).send({ portalId: 'office', firstName: 'Squatter', lastName: 'Person', email, password: 'the squatter passphrase', ...overrides });
const login = (email: string, password: string) => app.http().post(api('/auth/login')).send({ email, password });
/** Runs the scheduled maintenance job now (it is scheduled when the instance's cron is on). */
const runScheduledJob = () => {
  const job = (app.strapi.cron as any).jobs.find((entry: any) => entry.name === 'clientPortalExpireInvitations');
  if (!job) throw new Error('the maintenance job is not scheduled');
  return job.job.invoke();
};

// This instance runs the scheduled jobs (CRON_ENABLED), like an instance in production.
const app = useTestApp({ env: { CRON_ENABLED: 'true' } });

beforeAll(async () => {
  agent = await portalAgent(app);
});

describe('an unverified registration never captures an address', () => {
  it('accepting an invitation takes over the draft of that address: the draft\'s password and codes are discarded', async () => {
    const email = address();
    expect((await register(email)).status).toBe(202);
    const squatCode = codeFrom((await mailsTo(app, email))[0]);
    const draft = await users().findOne({ where: { email } });
    expect(draft).toMatchObject({ portalStatus: 'draft' });

    const contact = await createContact(app, { email, firstName: 'Real', lastName: 'Owner' });
    const invite = await app.http().post('/client-portal/invitations').set(bearer(agent.jwt)).send({ contact: contact.documentId, portalRole: 'buyer' });
    expect(invite.status).toBe(201);
    const token = tokenFrom((await mailsTo(app, email, 2))[1]);
    const accepted = await app.http().post(api('/invitations/accept')).send({ token, password: 'the real owner passphrase' });
    expect(accepted.status).toBe(200);
    expect(accepted.body.data.user).toMatchObject({ email, portalStatus: 'active', contact: contact.documentId, firstName: 'Real' });

    expect(await users().count({ where: { email } })).toBe(1);
    expect(await users().findOne({ where: { id: draft.id } })).toBeNull();
    expect(await app.strapi.db.query('plugin::client-portal.verification-code').count({ where: { account: { id: draft.id } } })).toBe(0);
    expect((await login(email, 'the squatter passphrase')).status).toBe(400);
    expect((await login(email, 'the real owner passphrase')).status).toBe(200);
    expect((await app.http().post(api('/auth/verify-email')).send({ email, code: squatCode })).status).toBe(400);
  });

  it('accepting through GraphQL takes it over too', async () => {
    const email = address();
    await register(email);
    await mailsTo(app, email);
    const contact = await createContact(app, { email });
    await app.http().post('/client-portal/invitations').set(bearer(agent.jwt)).send({ contact: contact.documentId, portalRole: 'buyer' });
    const token = tokenFrom((await mailsTo(app, email, 2))[1]);
    const res = await app.http().post('/graphql').send({ query: 'mutation($t: String!) { acceptPortalInvitation(token: $t, password: "graphql owner passphrase") { user { email portalStatus } } }', variables: { t: token } });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.acceptPortalInvitation.user).toEqual({ email, portalStatus: 'active' });
    expect(await users().count({ where: { email } })).toBe(1);
  });

  it('an agent creating a portal user for the address takes the draft over as well', async () => {
    const email = address();
    await register(email);
    const contact = await createContact(app, { email });
    const res = await app.http().post('/client-portal/portal-users').set(bearer(agent.jwt)).send({ contact: contact.documentId });
    expect(res.status).toBe(201);
    expect(await users().count({ where: { email } })).toBe(1);
    expect(await users().findOne({ where: { email }, populate: { contact: true } })).toMatchObject({ creationMethod: 'agent_created', contact: { documentId: contact.documentId } });
  });

  it('a verified account is never taken over: accepting answers 409 and changes nothing', async () => {
    const email = address();
    await register(email);
    const code = codeFrom((await mailsTo(app, email))[0]);
    expect((await app.http().post(api('/auth/verify-email')).send({ email, code })).status).toBe(200);
    const before = await users().findOne({ where: { email } });
    const contact = await createContact(app, { email });
    await app.http().post('/client-portal/invitations').set(bearer(agent.jwt)).send({ contact: contact.documentId, portalRole: 'buyer' });
    const token = tokenFrom((await mailsTo(app, email, 2))[1]);
    const res = await app.http().post(api('/invitations/accept')).send({ token, password: 'someone else passphrase' });
    expect(res.status).toBe(409);
    expect(await users().findOne({ where: { email } })).toMatchObject({ id: before.id, password: before.password, portalStatus: 'active' });
  });

  it('registering again before verifying replaces the earlier registration (names, password) and its codes', async () => {
    const email = address();
    expect((await register(email, { firstName: 'First', lastName: 'Attempt', password: 'first attempt passphrase' })).status).toBe(202);
    const firstCode = codeFrom((await mailsTo(app, email))[0]);
    const second = await register(email, { firstName: 'Second', lastName: 'Attempt', password: 'second attempt passphrase', language: 'de' });
    expect(second.status).toBe(202);
    expect(second.body).toEqual({ data: { ok: true } });
    const secondMail = (await mailsTo(app, email, 2))[1];
    expect(secondMail.subject).not.toMatch(/already have an account/i);
    const secondCode = codeFrom(secondMail);
    expect(await users().count({ where: { email } })).toBe(1);

    if (secondCode !== firstCode) expect((await app.http().post(api('/auth/verify-email')).send({ email, code: firstCode })).status).toBe(400);
    const verified = await app.http().post(api('/auth/verify-email')).send({ email, code: secondCode });
    expect(verified.status).toBe(200);
    expect(verified.body.data.user).toMatchObject({ firstName: 'Second', lastName: 'Attempt', language: 'de' });
    expect((await login(email, 'first attempt passphrase')).status).toBe(400);
    expect((await login(email, 'second attempt passphrase')).status).toBe(200);
  });
});

describe('drafts expire', () => {
  it('the scheduled job deletes drafts not verified within 24 hours, and keeps younger drafts and active accounts', async () => {
    const old = address();
    const young = address();
    await register(old);
    await register(young);
    const oldDraft = await users().findOne({ where: { email: old } });
    await app.strapi.db.connection(app.strapi.db.metadata.get('plugin::users-permissions.user').tableName)
      .withSchema(app.strapi.db.getSchemaName() || undefined as any)
      .where('id', oldDraft.id)
      .update({ updated_at: new Date(Date.now() - 25 * 60 * 60 * 1000) });
    const active = await users().count({ where: { portalStatus: 'active' } });

    await runScheduledJob();
    expect(await users().findOne({ where: { email: old } })).toBeNull();
    expect(await app.strapi.db.query('plugin::client-portal.verification-code').count({ where: { account: { id: oldDraft.id } } })).toBe(0);
    expect(await users().findOne({ where: { email: young } })).toMatchObject({ portalStatus: 'draft' });
    expect(await users().count({ where: { portalStatus: 'active' } })).toBe(active);
    // The address is free again.
    expect((await register(old)).status).toBe(202);
    expect(await users().findOne({ where: { email: old } })).toMatchObject({ portalStatus: 'draft' });
  });
});

describe('agents see drafts', () => {
  it('the portal-users list and its CSV show unverified registrations as draft', async () => {
    const email = address();
    await register(email, { firstName: 'Dora', lastName: 'Draft' });
    const list = await app.http().get('/client-portal/portal-users?status=draft').set(bearer(agent.jwt));
    expect(list.status).toBe(200);
    expect(list.body.data).toEqual(expect.arrayContaining([expect.objectContaining({ email, activationStatus: 'draft', firstName: 'Dora', contact: null, creationMethod: 'self_registration' })]));
    const all = await app.http().get('/client-portal/portal-users').set(bearer(agent.jwt));
    expect(all.body.data.map((row: any) => row.email)).toContain(email);
    const csv = await app.http().get('/client-portal/portal-users/export?status=draft').set(bearer(agent.jwt));
    expect(csv.text).toContain(`${email},Dora,Draft,draft`);
  });
});
