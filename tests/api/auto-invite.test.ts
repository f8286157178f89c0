import { useTestApp } from '../helpers/strapi';
import { allFields, bearer, contentManager, createAgent, createPortalUser, type Agent } from '../helpers/users';
import { createContact, createProperty, mailsTo, outboxIdle, roleOf } from '../helpers/portal';

const INVITATION = 'plugin::client-portal.invitation';
const DEAL = 'api::deal.deal';

let cmAgent: Agent;
let apiToken: string;

const app = useTestApp();

beforeAll(async () => {
  cmAgent = await createAgent(app, [
    ...contentManager(DEAL, ['read', 'create', 'update'], allFields(app.strapi, DEAL)),
    ...contentManager('api::contact.contact', ['read', 'update'], allFields(app.strapi, 'api::contact.contact')),
    ...contentManager('api::property.property', ['read'], allFields(app.strapi, 'api::property.property')),
  ]);
  const token = await app.strapi.service('admin::api-token').create({
    name: 'integration',
    kind: 'content-api',
    type: 'custom',
    lifespan: null,
    permissions: ['api::deal.deal.create', 'api::contact.contact.update', 'api::contact.contact.find', 'api::property.property.find'],
  });
  apiToken = token.accessKey;
});

const autoContact = async (data: Record<string, unknown> = {}) => {
  const buyer = await roleOf(app, 'buyer');
  return createContact(app, { autoInvite: true, autoInviteRole: buyer.id, ...data });
};

const invitationsOf = (contactDocumentId: string) =>
  app.strapi.db.query(INVITATION).findMany({ where: { contact: { documentId: contactDocumentId } }, populate: { property: true, portalRole: true }, orderBy: { id: 'asc' } });

describe('automatic invite when a contact with auto-invite is added to a property', () => {
  it('through the Document Service', async () => {
    const contact = await autoContact();
    const property = await createProperty(app);
    await app.strapi.documents(DEAL).create({ data: { contact: contact.documentId, property: property.documentId } as any });
    const invitations = await invitationsOf(contact.documentId);
    expect(invitations).toHaveLength(1);
    expect(invitations[0]).toMatchObject({ status: 'pending', portalRole: { key: 'buyer' }, property: { documentId: property.documentId } });
    const deal = await app.strapi.db.query(DEAL).findOne({ where: { contact: { documentId: contact.documentId } }, populate: { portalRole: true } });
    expect(deal.portalRole.key).toBe('buyer');
    await mailsTo(app, contact.email);
  });

  it('through the content-manager admin API (the agent is recorded as inviter)', async () => {
    const contact = await autoContact();
    const property = await createProperty(app);
    const res = await app
      .http()
      .post(`/content-manager/collection-types/${DEAL}`)
      .set(bearer(cmAgent.jwt))
      .send({ contact: { connect: [{ documentId: contact.documentId }] }, property: { connect: [{ documentId: property.documentId }] } });
    expect(res.status).toBe(201);
    const invitations = await app.strapi.db.query(INVITATION).findMany({ where: { contact: { documentId: contact.documentId } }, populate: { invitedByAgent: true } });
    expect(invitations).toHaveLength(1);
    expect(invitations[0].invitedByAgent.id).toBe(cmAgent.id);
    await mailsTo(app, contact.email);
  });

  it('through the REST API with an API token', async () => {
    const contact = await autoContact();
    const property = await createProperty(app);
    const res = await app
      .http()
      .post('/api/deals')
      .set(bearer(apiToken))
      .send({ data: { contact: contact.documentId, property: property.documentId } });
    expect(res.body.error).toBeUndefined();
    expect(res.status).toBe(201);
    expect(await invitationsOf(contact.documentId)).toHaveLength(1);
    await mailsTo(app, contact.email);
  });

  it('a contact without auto-invite is not invited', async () => {
    const contact = await createContact(app);
    await app.strapi.documents(DEAL).create({ data: { contact: contact.documentId, property: (await createProperty(app)).documentId } as any });
    expect(await invitationsOf(contact.documentId)).toHaveLength(0);
  });

  it('with an invite pending: no second invite, the pending one is extended, one email in all', async () => {
    const contact = await autoContact();
    await app.strapi.documents(DEAL).create({ data: { contact: contact.documentId, property: (await createProperty(app)).documentId } as any });
    const [first] = await invitationsOf(contact.documentId);
    await app.strapi.db.query(INVITATION).update({ where: { id: first.id }, data: { expiresAt: new Date(Date.now() + 3600_000) } });

    await app.strapi.documents(DEAL).create({ data: { contact: contact.documentId, property: (await createProperty(app)).documentId } as any });
    const after = await invitationsOf(contact.documentId);
    expect(after).toHaveLength(1);
    expect(new Date(after[0].expiresAt).getTime()).toBeGreaterThan(Date.now() + 6 * 864e5);
    // The outbox is idle: every email there was to send has been delivered, so one is all there is.
    await outboxIdle(app);
    expect(app.smtp.to(contact.email)).toHaveLength(1);
  });

  it('with an active account: no invite; the new property is shared and the client told', async () => {
    const contact = await autoContact({ firstName: 'Ada' });
    const user = await createPortalUser(app, contact.documentId);
    const property = await createProperty(app, { title: 'Lighthouse loft' });
    await app.strapi.documents(DEAL).create({ data: { contact: contact.documentId, property: property.documentId } as any });
    expect(await invitationsOf(contact.documentId)).toHaveLength(0);
    const [mail] = await mailsTo(app, user.email);
    expect(mail.text).toContain('Lighthouse loft');
    const entries = await app.strapi.db.query('plugin::client-portal.activity').findMany({ where: { contact: { documentId: contact.documentId } } });
    expect(entries.map((e: any) => e.type)).toContain('property_access_granted');
  });

  it('does not invite do-not-contact contacts, and idempotent updates of the deal invite nobody again', async () => {
    const quiet = await autoContact({ doNotContact: true });
    await app.strapi.documents(DEAL).create({ data: { contact: quiet.documentId, property: (await createProperty(app)).documentId } as any });
    expect(await invitationsOf(quiet.documentId)).toHaveLength(0);

    const contact = await autoContact();
    const deal = await app.strapi.documents(DEAL).create({ data: { contact: contact.documentId, property: (await createProperty(app)).documentId } as any });
    await app.strapi.documents(DEAL).update({ documentId: deal.documentId, data: { rating: 4 } as any });
    await app.strapi.documents(DEAL).update({ documentId: deal.documentId, data: { favourite: true } as any });
    expect(await invitationsOf(contact.documentId)).toHaveLength(1);
  });

  it('a guest or co-owner added to a client\'s property is invited automatically, with that role', async () => {
    const coOwner = await createContact(app);
    const role = await roleOf(app, 'co-owner');
    await app.strapi.documents(DEAL).create({ data: { contact: coOwner.documentId, property: (await createProperty(app)).documentId, portalRole: role.id } as any });
    const invitations = await invitationsOf(coOwner.documentId);
    expect(invitations).toHaveLength(1);
    expect(invitations[0].portalRole.key).toBe('co-owner');

    const seller = await createContact(app);
    await app.strapi.documents(DEAL).create({ data: { contact: seller.documentId, property: (await createProperty(app)).documentId, portalRole: (await roleOf(app, 'seller')).id } as any });
    expect(await invitationsOf(seller.documentId)).toHaveLength(0);
  });
});

describe('email change', () => {
  it('revokes pending invites and reissues them to the new address (content manager and REST)', async () => {
    const contact = await createContact(app, { email: 'old.address@client.test' });
    const property = await createProperty(app);
    const invitations = app.strapi.plugin('client-portal').service('invitations');
    const original = await invitations.create({ contact: contact.documentId, portalRole: 'lender', property: property.documentId, message: 'See you soon' });
    await mailsTo(app, 'old.address@client.test');

    const res = await app
      .http()
      .put(`/content-manager/collection-types/api::contact.contact/${contact.documentId}`)
      .set(bearer(cmAgent.jwt))
      .send({ email: 'new.address@client.test' });
    expect(res.status).toBe(200);

    const all = await invitationsOf(contact.documentId);
    expect(all).toHaveLength(2);
    expect(all[0]).toMatchObject({ documentId: original.documentId, status: 'revoked' });
    expect(all[1]).toMatchObject({ status: 'pending', email: 'new.address@client.test', message: 'See you soon', portalRole: { key: 'lender' }, property: { documentId: property.documentId } });
    const [mail] = await mailsTo(app, 'new.address@client.test');
    expect(mail.text).toContain('See you soon');

    const rest = await app.http().put(`/api/contacts/${contact.documentId}`).set(bearer(apiToken)).send({ data: { email: 'third.address@client.test' } });
    expect(rest.status).toBe(200);
    const latest = await invitationsOf(contact.documentId);
    expect(latest.filter((inv: any) => inv.status === 'pending').map((inv: any) => inv.email)).toEqual(['third.address@client.test']);

    // Saving without changing the email reissues nothing.
    await app.strapi.documents('api::contact.contact').update({ documentId: contact.documentId, data: { email: 'Third.Address@client.test', phone: '+31 6 000' } as any });
    expect(await invitationsOf(contact.documentId)).toHaveLength(3);
  });
});

describe('saving a deal never fails because of an automatic invite', () => {
  const activityOf = (contact: any, type: string) =>
    app.strapi.db.query('plugin::client-portal.activity').findMany({ where: { contact: { id: contact.id }, type } });
  const saveThroughContentManager = async (contact: any, property: any) => {
    const res = await app
      .http()
      .post(`/content-manager/collection-types/${DEAL}`)
      .set(bearer(cmAgent.jwt))
      .send({ contact: { connect: [{ documentId: contact.documentId }] }, property: { connect: [{ documentId: property.documentId }] } });
    return res;
  };

  const cases: Array<[string, () => Promise<any>, RegExp]> = [
    ['a blocked portal account', async () => {
      const contact = await autoContact();
      await createPortalUser(app, contact.documentId, { blocked: true });
      return contact;
    }, /portal account is blocked/],
    ['no email address', () => autoContact({ email: null }), /no email address/],
    ['do not contact', () => autoContact({ doNotContact: true }), /do not contact/],
  ];

  it.each(cases)('with %s: the deal is saved (content manager and Document Service) and the reason is in the contact\'s activity', async (_, makeContact, reason) => {
    const contact = await makeContact();
    const viaCm = await saveThroughContentManager(contact, await createProperty(app, { title: 'Through the admin' }));
    expect(viaCm.status).toBe(201);
    await app.strapi.documents(DEAL).create({ data: { contact: contact.documentId, property: (await createProperty(app, { title: 'Through code' })).documentId } as any });
    expect(await app.strapi.db.query(DEAL).count({ where: { contact: { id: contact.id } } })).toBe(2);
    expect(await invitationsOf(contact.documentId)).toHaveLength(0);
    const entries = await activityOf(contact, 'auto_invite_skipped');
    expect(entries).toHaveLength(2);
    for (const entry of entries) expect(entry.summary).toMatch(reason);
    expect(entries.map((entry: any) => entry.summary).sort()).toEqual([
      expect.stringContaining('Through code'),
      expect.stringContaining('Through the admin'),
    ].sort());
  });

  it('an invitation refused for any other reason is undone on its own; the deal stays', async () => {
    const contact = await autoContact();
    const property = await createProperty(app);
    // A pending invitation for this very pair, written behind the service's back, makes the automatic one collide.
    const invitations = app.strapi.plugin('client-portal').service('invitations');
    const stray = await invitations.create({ contact: contact.documentId, portalRole: 'buyer', property: property.documentId });
    await app.strapi.db.query(INVITATION).update({ where: { documentId: stray.documentId }, data: { contact: null } });
    await app.strapi.db.query(INVITATION).update({ where: { documentId: stray.documentId }, data: { pendingKey: `${contact.documentId}:${property.documentId}` } });
    const deal = await app.strapi.documents(DEAL).create({ data: { contact: contact.documentId, property: property.documentId } as any });
    expect((await app.strapi.db.query(DEAL).findOne({ where: { documentId: (deal as any).documentId } }))).toBeTruthy();
    const [entry] = await activityOf(contact, 'auto_invite_skipped');
    expect(entry).toMatchObject({ details: { reason: 'invite_failed' } });
  });
});
