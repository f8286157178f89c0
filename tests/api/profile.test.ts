import { useTestApp } from '../helpers/strapi';
import { bearer, createPortalUser, type Agent } from '../helpers/users';
import { createContact, portalAgent, roleOf } from '../helpers/portal';
import { png } from '../helpers/media';

let agent: Agent;

const app = useTestApp();

beforeAll(async () => {
  agent = await portalAgent(app);
});

const api = (path: string) => `/api/client-portal${path}`;

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
  const withRole = async (key = 'buyer') => createPortalUser(app, (await createContact(app)).documentId, { portalRole: (await roleOf(app, key)).id });

  it('uploads, replaces and deletes a profile picture, stored privately through the upload plugin', async () => {
    const user = await withRole();
    const first = await app.http().post(api('/me/avatar')).set(bearer(user.jwt)).attach('file', png(), { filename: 'me.png', contentType: 'image/png' });
    expect(first.status).toBe(200);
    expect(first.body.data.avatar).toMatchObject({ mime: 'image/png', width: 64, height: 48, url: expect.stringMatching(/^\/api\/client-portal\/files\//) });
    const files = app.strapi.db.query('plugin::upload.file');
    const firstFile = await files.findOne({ where: { id: first.body.data.avatar.id } });
    expect(firstFile).toMatchObject({ provider: 'strapi-provider-upload-client-portal' });
    expect((await app.http().get(first.body.data.avatar.url)).status).toBe(200);

    const second = await app.http().post(api('/me/avatar')).set(bearer(user.jwt)).attach('file', png(), { filename: 'new.png', contentType: 'image/png' });
    expect(second.status).toBe(200);
    expect(second.body.data.avatar.id).not.toBe(first.body.data.avatar.id);
    expect(await files.findOne({ where: { id: firstFile.id } })).toBeNull();

    const removed = await app.http().delete(api('/me/avatar')).set(bearer(user.jwt));
    expect(removed.status).toBe(200);
    expect(removed.body.data.avatar).toBeNull();
    expect(await files.findOne({ where: { id: second.body.data.avatar.id } })).toBeNull();
  });

  it('refuses other types, oversized files and missing files with clear 400s', async () => {
    const user = await withRole();
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

describe('viewMyDetails and editMyDetails', () => {
  it('without editMyDetails, PUT /me, avatar upload and delete answer 403 (REST and GraphQL) and change nothing', async () => {
    const contact = await createContact(app, { phone: '+31 20 123 4567' });
    const guest = await createPortalUser(app, contact.documentId, { portalRole: (await roleOf(app, 'read-only-guest')).id, firstName: 'Gina' });
    const filesBefore = await app.strapi.db.query('plugin::upload.file').count();
    const calls = [
      app.http().put(api('/me')).set(bearer(guest.jwt)).send({ firstName: 'Changed' }),
      app.http().post(api('/me/avatar')).set(bearer(guest.jwt)).attach('file', png(), 'me.png'),
      app.http().delete(api('/me/avatar')).set(bearer(guest.jwt)),
    ];
    for (const call of calls) {
      const res = await call;
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe('Not allowed');
    }
    const viaGql = await app.http().post('/graphql').set(bearer(guest.jwt)).send({ query: 'mutation { updatePortalMe(firstName: "Changed") { firstName } }' });
    expect(viaGql.body.errors[0].message).toBe('Not allowed');
    const row = await app.strapi.db.query('plugin::users-permissions.user').findOne({ where: { id: guest.id }, populate: { avatar: true } });
    expect(row).toMatchObject({ firstName: 'Gina', avatar: null });
    expect(await app.strapi.db.query('plugin::upload.file').count()).toBe(filesBefore);

    // The same account with editMyDetails granted by an override may edit.
    await app.strapi.db.query('plugin::users-permissions.user').update({ where: { id: guest.id }, data: { permissionOverrides: { editMyDetails: true } } });
    expect((await app.http().put(api('/me')).set(bearer(guest.jwt)).send({ firstName: 'Changed' })).status).toBe(200);
  });

  it('the contact details (phone, address) are in /me only with viewMyDetails', async () => {
    const contact = await createContact(app, { phone: '+31 20 765 4321', address: 'Keizersgracht 1', postalCode: '1015 CJ', city: 'Amsterdam', country: 'Netherlands' });
    const lender = await createPortalUser(app, contact.documentId, { portalRole: (await roleOf(app, 'lender')).id });
    const withDetails = await app.http().get(api('/me')).set(bearer(lender.jwt));
    expect(withDetails.body.data.contactDetails).toEqual({ email: contact.email, phone: '+31 20 765 4321', address: 'Keizersgracht 1', postalCode: '1015 CJ', city: 'Amsterdam', country: 'Netherlands' });
    const gqlWith = await app.http().post('/graphql').set(bearer(lender.jwt)).send({ query: '{ portalMe { contactDetails { phone address city } } }' });
    expect(gqlWith.body.data.portalMe.contactDetails).toEqual({ phone: '+31 20 765 4321', address: 'Keizersgracht 1', city: 'Amsterdam' });

    await app.strapi.db.query('plugin::users-permissions.user').update({ where: { id: lender.id }, data: { permissionOverrides: { viewMyDetails: false } } });
    const without = await app.http().get(api('/me')).set(bearer(lender.jwt));
    expect(without.status).toBe(200);
    expect(without.body.data).not.toHaveProperty('contactDetails');
    expect(JSON.stringify(without.body)).not.toMatch(/765 4321|Keizersgracht/);
    const gqlWithout = await app.http().post('/graphql').set(bearer(lender.jwt)).send({ query: '{ portalMe { email contactDetails { phone address } } }' });
    expect(gqlWithout.body.data.portalMe).toEqual({ email: lender.email, contactDetails: null });
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
