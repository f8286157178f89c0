import { useTestApp } from '../helpers/strapi';
import { allFields, bearer, contentManager, createAgent, createPortalUser, type Agent } from '../helpers/users';
import { PLUGIN_ACTIONS } from '../helpers/portal';

const CONTACT = 'api::contact.contact';
const PROPERTY = 'api::property.property';
const DEAL = 'api::deal.deal';

let agent: Agent;

const app = useTestApp();

beforeAll(async () => {
  agent = await createAgent(app, [
    ...contentManager(CONTACT, ['read', 'create', 'update'], allFields(app.strapi, CONTACT)),
    ...contentManager(PROPERTY, ['read', 'create'], allFields(app.strapi, PROPERTY)),
    ...contentManager(DEAL, ['read', 'create'], allFields(app.strapi, DEAL)),
  ]);
});

const createContact = (data: Record<string, unknown>) => app.strapi.documents(CONTACT).create({ data: data as any });

describe('boot', () => {
  it('loads the client-portal plugin with its content types and default portal roles', async () => {
    expect(app.strapi.plugin('client-portal')).toBeDefined();
    for (const uid of [
      'plugin::client-portal.portal-role',
      'plugin::client-portal.invitation',
      'plugin::client-portal.activity',
      'plugin::client-portal.verification-code',
      'plugin::client-portal.outbox-message',
      CONTACT,
      PROPERTY,
      DEAL,
      'api::viewing.viewing',
      'api::note.note',
      'api::message.message',
    ]) {
      expect(app.strapi.contentType(uid as any)).toBeDefined();
    }
    const roles = await app.strapi.documents('plugin::client-portal.portal-role').findMany({ sort: 'key' });
    expect(roles.map((role: any) => role.key).sort()).toEqual(
      ['buyer', 'co-owner', 'inspector', 'lender', 'read-only-guest', 'seller'],
    );
    const guest = roles.find((role: any) => role.key === 'read-only-guest') as any;
    expect(guest.permissions).toMatchObject({ viewProperties: true, giveFeedback: false, inviteOthers: false });
  });

  it('extends the users-permissions user with the portal-account fields', () => {
    const attributes = app.strapi.contentType('plugin::users-permissions.user').attributes as Record<string, any>;
    expect(attributes.contact).toMatchObject({ type: 'relation', relation: 'oneToOne', target: CONTACT });
    expect(attributes.portalStatus).toMatchObject({ type: 'enumeration', enum: ['draft', 'active'], default: 'draft' });
    expect(attributes.owner).toMatchObject({ type: 'relation', target: 'admin::user' });
    for (const name of ['language', 'avatar', 'mustChangePassword', 'firstLoginAt', 'lastLoginAt', 'creationMethod']) {
      expect(attributes[name]).toBeDefined();
    }
  });

  it('a developer registers a portal role and a new permission flag from code', async () => {
    const roles = app.strapi.plugin('client-portal').service('roles');
    await roles.register({ key: 'notary', name: 'Notary', permissions: { viewDocuments: true, signContracts: true } });
    const notary = await app.strapi.documents('plugin::client-portal.portal-role').findFirst({ filters: { key: 'notary' } });
    expect(notary).toMatchObject({ name: 'Notary', builtIn: true });
    expect((notary as any).permissions).toMatchObject({ viewDocuments: true, signContracts: true, viewProperties: false });
    expect(roles.flags()).toContain('signContracts');
    await expect(roles.register({ key: 'Bad Key', name: 'x', permissions: {} })).rejects.toThrow(/must match/);
    await app.strapi.documents('plugin::client-portal.portal-role').delete({ documentId: (notary as any).documentId });
  });

  it('registers the admin RBAC actions', () => {
    const provider = app.strapi.service('admin::permission').actionProvider;
    for (const action of PLUGIN_ACTIONS) {
      expect(provider.get(`plugin::client-portal.${action}`)).toBeDefined();
    }
  });
});

describe('agents through the admin API', () => {
  it('an agent with the permission creates a contact; its email is stored normalized', async () => {
    const res = await app
      .http()
      .post(`/content-manager/collection-types/${CONTACT}`)
      .set(bearer(agent.jwt))
      .send({ firstName: 'Jane', lastName: 'Doe', email: 'Jane.DOE@Example.COM', language: 'nl' });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ firstName: 'Jane', email: 'Jane.DOE@Example.COM', language: 'nl' });

    const row = await app.strapi.db.query(CONTACT).findOne({ where: { documentId: res.body.data.documentId } });
    expect(row.emailNormalized).toBe('jane.doe@example.com');
  });

  it('an agent without the permission gets 403', async () => {
    const reader = await createAgent(app, contentManager(CONTACT, ['read'], allFields(app.strapi, CONTACT)), 'Reader');
    const res = await app
      .http()
      .post(`/content-manager/collection-types/${CONTACT}`)
      .set(bearer(reader.jwt))
      .send({ firstName: 'No', lastName: 'Way' });
    expect(res.status).toBe(403);
  });

  it('bad input gets a 400 naming the field', async () => {
    const res = await app
      .http()
      .post(`/content-manager/collection-types/${CONTACT}`)
      .set(bearer(agent.jwt))
      .send({ firstName: 'Bad', lastName: 'Email', email: 'not-an-email' });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.error)).toContain('email');
  });
});

describe('client-portal admin routes are guarded by RBAC actions', () => {
  it('an agent with "read" lists the portal roles with every flag filled in', async () => {
    const reader = await createAgent(app, [{ action: 'plugin::client-portal.read' }], 'PortalReader');
    const res = await app.http().get('/client-portal/roles').set(bearer(reader.jwt));
    expect(res.status).toBe(200);
    expect(res.body.data).toHaveLength(6);
    const lender = res.body.data.find((role: any) => role.key === 'lender');
    expect(Object.keys(lender.permissions).sort()).toEqual([...res.body.meta.permissionFlags].sort());
    expect(lender.permissions).toMatchObject({ viewDocuments: true, requestViewings: false });
  });

  it('an agent without the action gets 403, an anonymous caller 401', async () => {
    const res = await app.http().get('/client-portal/roles').set(bearer(agent.jwt));
    expect(res.status).toBe(403);
    const anonymous = await app.http().get('/client-portal/roles');
    expect(anonymous.status).toBe(401);
  });
});

describe('data model rules', () => {
  it('normalizes emails (trim, NFC, lower-case) whoever writes them', async () => {
    const contact = await createContact({ firstName: 'Zoé', lastName: 'Test', email: 'zoe@example.com' });
    // Decomposed "é" (e + combining acute) and upper case, written through the Document Service.
    await app.strapi.documents(CONTACT).update({ documentId: contact.documentId, data: { email: 'Zoe\u0301@EXAMPLE.com' } as any });
    const row = await app.strapi.db.query(CONTACT).findOne({ where: { documentId: contact.documentId } });
    expect(row.email).toBe('Zoe\u0301@EXAMPLE.com');
    expect(row.emailNormalized).toBe('zo\u00e9@example.com');
    // A client cannot plant its own normalized value: it is always derived from email.
    await app.strapi.documents(CONTACT).update({
      documentId: contact.documentId,
      data: { email: 'Other@Example.com', emailNormalized: 'victim@example.com' } as any,
    });
    const again = await app.strapi.db.query(CONTACT).findOne({ where: { documentId: contact.documentId } });
    expect(again.emailNormalized).toBe('other@example.com');
  });

  it('runs on the configured database', () => {
    const expected = process.env.DATABASE_CLIENT === 'postgres' ? 'postgres' : 'sqlite';
    expect(app.strapi.db.dialect.client).toBe(expected);
  });

  it('one deal per contact and property, enforced whichever way it is written', async () => {
    const contact = await createContact({ firstName: 'Deal', lastName: 'Once', email: 'deal.once@client.test' });
    const property = await app.strapi.documents(PROPERTY).create({ data: { title: 'Canal house', address: 'Herengracht 1' } as any });
    const first = await app
      .http()
      .post(`/content-manager/collection-types/${DEAL}`)
      .set(bearer(agent.jwt))
      .send({ contact: { connect: [{ documentId: contact.documentId }] }, property: { connect: [{ documentId: property.documentId }] } });
    expect(first.status).toBe(201);

    const second = await app
      .http()
      .post(`/content-manager/collection-types/${DEAL}`)
      .set(bearer(agent.jwt))
      .send({ contact: { connect: [{ documentId: contact.documentId }] }, property: { connect: [{ documentId: property.documentId }] } });
    expect(second.status).toBe(400);
    expect(second.body.error.message).toBe('This contact is already linked to this property');

    const deals = await app.strapi.documents(DEAL).findMany({ filters: { contact: { documentId: contact.documentId } } as any });
    expect(deals).toHaveLength(1);
  });

  it('a deal without a property is refused with the field named', async () => {
    const contact = await createContact({ firstName: 'Half', lastName: 'Deal' });
    const res = await app
      .http()
      .post(`/content-manager/collection-types/${DEAL}`)
      .set(bearer(agent.jwt))
      .send({ contact: { connect: [{ documentId: contact.documentId }] } });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.error)).toContain('property');
    expect(await app.strapi.documents(DEAL).count({ filters: { contact: { documentId: contact.documentId } } as any })).toBe(0);
  });

  it('one portal account per contact, enforced by the database', async () => {
    const contact = await createContact({ firstName: 'Single', lastName: 'Account', email: 'single@client.test' });
    await createPortalUser(app, contact.documentId);
    await expect(createPortalUser(app, contact.documentId)).rejects.toThrow('portal user already exists');
    const accounts = await app.strapi.db
      .query('plugin::users-permissions.user')
      .findMany({ where: { contact: { documentId: contact.documentId } } });
    expect(accounts).toHaveLength(1);
  });
});

describe('content API access', () => {
  it('the public content API cannot read contacts', async () => {
    const contact = await createContact({ firstName: 'Private', lastName: 'Person', email: 'private@client.test' });
    const list = await app.http().get('/api/contacts');
    expect(list.status).toBe(403);
    const one = await app.http().get(`/api/contacts/${contact.documentId}`);
    expect(one.status).toBe(403);
    const gql = await app.http().post('/graphql').send({ query: '{ contacts { documentId email } }' });
    expect(JSON.stringify(gql.body)).not.toContain('private@client.test');
    expect(gql.body.errors?.[0]?.message).toMatch(/Forbidden/i);
  });

  it('a portal user cannot read another contact (REST or GraphQL)', async () => {
    const mine = await createContact({ firstName: 'Mine', lastName: 'Self', email: 'mine@client.test' });
    const other = await createContact({ firstName: 'Other', lastName: 'Person', email: 'other@client.test' });
    const user = await createPortalUser(app, mine.documentId);

    const one = await app.http().get(`/api/contacts/${other.documentId}`).set(bearer(user.jwt));
    expect([403, 404]).toContain(one.status);
    expect(JSON.stringify(one.body)).not.toContain('other@client.test');

    const list = await app.http().get('/api/contacts').set(bearer(user.jwt));
    expect([403, 404]).toContain(list.status);
    expect(JSON.stringify(list.body)).not.toContain('other@client.test');

    const gql = await app
      .http()
      .post('/graphql')
      .set(bearer(user.jwt))
      .send({ query: `{ contact(documentId: "${other.documentId}") { email } }` });
    expect(JSON.stringify(gql.body)).not.toContain('other@client.test');
    expect(gql.body.errors?.[0]?.message).toMatch(/Forbidden/i);
  });
});
