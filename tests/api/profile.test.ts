import { bootStrapi, type TestApp } from '../helpers/strapi';
import { bearer, createPortalUser, type Agent } from '../helpers/users';
import { createContact, portalAgent, roleOf } from '../helpers/portal';
import { housePhoto } from '../../src/seed/png';

let app: TestApp;
let agent: Agent;

beforeAll(async () => {
  app = await bootStrapi();
  agent = await portalAgent(app);
});

afterAll(async () => {
  await app?.close();
});

const api = (path: string) => `/api/client-portal${path}`;
const png = () => housePhoto(64, 48, [200, 100, 80], [60, 40, 40], [120, 170, 230]);

describe('GET and PUT /me', () => {
  it('shows profile, role, permissions and responsible agent; edits only name and language', async () => {
    const contact = await createContact(app, { owner: agent.id });
    const lender = await roleOf(app, 'lender');
    const user = await createPortalUser(app, contact.documentId, { portalRole: lender.id, owner: agent.id, firstName: 'Iris', language: 'en' });
    const me = await app.http().get(api('/me')).set(bearer(user.jwt));
    expect(me.status).toBe(200);
    expect(me.body.data).toMatchObject({
      email: user.email,
      firstName: 'Iris',
      portalRole: { key: 'lender' },
      permissions: { viewDocuments: true, giveFeedback: false },
      responsibleAgent: { email: agent.email },
      contact: contact.documentId,
    });
    expect(JSON.stringify(me.body)).not.toMatch(/"password"|contactKey|passwordChangedAt|temporaryPassword/);

    const updated = await app.http().put(api('/me')).set(bearer(user.jwt)).send({ firstName: ' Iris-Anne ', language: 'fr' });
    expect(updated.status).toBe(200);
    expect(updated.body.data).toMatchObject({ firstName: 'Iris-Anne', language: 'fr' });

    for (const field of ['email', 'role', 'portalRole', 'contact', 'owner', 'blocked', 'confirmed', 'portalStatus', 'mustChangePassword', 'documentId']) {
      const res = await app.http().put(api('/me')).set(bearer(user.jwt)).send({ [field]: 'x' });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(field);
    }
    expect((await app.http().put(api('/me')).set(bearer(user.jwt)).send({ language: 'xx' })).body.error.message).toMatch(/^language:/);
    expect((await app.http().put(api('/me')).set(bearer(user.jwt)).send({ firstName: '' })).body.error.message).toMatch(/^firstName:/);
    const row = await app.strapi.db.query('plugin::users-permissions.user').findOne({ where: { id: user.id }, populate: { portalRole: true } });
    expect(row).toMatchObject({ email: user.email, blocked: false, portalRole: { key: 'lender' } });

    const viaGql = await app.http().post('/graphql').set(bearer(user.jwt)).send({ query: 'mutation { updatePortalMe(lastName: "Graphql") { lastName permissions { flag granted } } }' });
    expect(viaGql.body.data.updatePortalMe.lastName).toBe('Graphql');
    expect(viaGql.body.data.updatePortalMe.permissions).toEqual(expect.arrayContaining([{ flag: 'viewDocuments', granted: true }]));
  });

  it('anonymous callers and other kinds of user get nothing', async () => {
    expect((await app.http().get(api('/me'))).status).toBe(403);
    expect((await app.http().put(api('/me')).send({ firstName: 'x' })).status).toBe(403);
    const gql = await app.http().post('/graphql').send({ query: '{ portalMe { email } }' });
    expect(gql.body.errors?.[0]?.message).toMatch(/Forbidden/i);
    expect((await app.http().get(api('/me')).set(bearer(agent.jwt))).status).toBe(401);
  });
});

describe('avatar', () => {
  it('uploads, replaces and deletes a profile picture through the upload plugin', async () => {
    const user = await createPortalUser(app, (await createContact(app)).documentId);
    const first = await app.http().post(api('/me/avatar')).set(bearer(user.jwt)).attach('file', png(), { filename: 'me.png', contentType: 'image/png' });
    expect(first.status).toBe(200);
    expect(first.body.data.avatar).toMatchObject({ mime: 'image/png', width: 64, height: 48 });
    const files = app.strapi.db.query('plugin::upload.file');
    const firstFile = await files.findOne({ where: { url: first.body.data.avatar.url } });
    expect(firstFile).toBeTruthy();

    const second = await app.http().post(api('/me/avatar')).set(bearer(user.jwt)).attach('file', png(), { filename: 'new.png', contentType: 'image/png' });
    expect(second.status).toBe(200);
    expect(second.body.data.avatar.url).not.toBe(first.body.data.avatar.url);
    expect(await files.findOne({ where: { id: firstFile.id } })).toBeNull();

    const removed = await app.http().delete(api('/me/avatar')).set(bearer(user.jwt));
    expect(removed.status).toBe(200);
    expect(removed.body.data.avatar).toBeNull();
    expect(await files.findOne({ where: { url: second.body.data.avatar.url } })).toBeNull();
  });

  it('refuses other types, oversized files and missing files with clear 400s', async () => {
    const user = await createPortalUser(app, (await createContact(app)).documentId);
    const send = (buffer: Buffer, filename: string, contentType: string, field = 'file') =>
      app.http().post(api('/me/avatar')).set(bearer(user.jwt)).attach(field, buffer, { filename, contentType });
    const pdf = await send(Buffer.from('%PDF-1.4 not a picture'), 'cv.pdf', 'application/pdf');
    expect(pdf.status).toBe(400);
    expect(pdf.body.error.message).toBe('file: must be a JPEG, PNG, WebP or GIF image');
    const big = await send(Buffer.concat([png(), Buffer.alloc(5 * 1024 * 1024)]), 'big.png', 'image/png');
    expect(big.status).toBe(400);
    expect(big.body.error.message).toBe('file: must be at most 5 MB');
    const none = await app.http().post(api('/me/avatar')).set(bearer(user.jwt)).send({});
    expect(none.status).toBe(400);
    expect(none.body.error.message).toMatch(/^file: is required/);
    const wrongField = await send(png(), 'me.png', 'image/png', 'picture');
    expect(wrongField.status).toBe(400);
    expect(wrongField.body.error.message).toMatch(/^picture:/);
  });
});

describe('why can\'t this client log in?', () => {
  it('lists each cause for the agent: portal switched off, no account, not verified, blocked', async () => {
    const check = async (documentId: string) => (await app.http().get(`/client-portal/contacts/${documentId}/login-check`).set(bearer(agent.jwt))).body.data;
    const none = await createContact(app);
    expect(await check(none.documentId)).toMatchObject({ canLogIn: false, checks: expect.arrayContaining([expect.objectContaining({ key: 'account', ok: false })]) });

    const draftContact = await createContact(app);
    await createPortalUser(app, draftContact.documentId, { portalStatus: 'draft' });
    const draft = await check(draftContact.documentId);
    expect(draft.canLogIn).toBe(false);
    expect(draft.checks.find((c: any) => c.key === 'email_verified')).toMatchObject({ ok: false });

    const okContact = await createContact(app);
    const user = await createPortalUser(app, okContact.documentId);
    await app.http().post(api('/auth/login')).send({ email: user.email, password: user.password });
    const fine = await check(okContact.documentId);
    expect(fine.canLogIn).toBe(true);
    expect(fine.lastLoginAt).toBeTruthy();

    await app.strapi.db.query('plugin::users-permissions.user').update({ where: { id: user.id }, data: { blocked: true } });
    expect((await check(okContact.documentId)).checks.find((c: any) => c.key === 'not_blocked')).toMatchObject({ ok: false, message: 'The account is blocked' });

    await app.http().put('/client-portal/settings').set(bearer(agent.jwt)).send({ portalEnabled: false });
    const off = await check(okContact.documentId);
    expect(off.checks.find((c: any) => c.key === 'portal_enabled')).toMatchObject({ ok: false, message: 'The client portal is switched off in the settings' });
    const login = await app.http().post(api('/auth/login')).send({ email: user.email, password: user.password });
    expect(login.status).toBe(403);
    await app.http().put('/client-portal/settings').set(bearer(agent.jwt)).send({ portalEnabled: true });

    const reader = await portalAgent(app, ['invitations.create']);
    expect((await app.http().get(`/client-portal/contacts/${okContact.documentId}/login-check`).set(bearer(reader.jwt))).status).toBe(403);
  });
});
