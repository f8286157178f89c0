import { useTestApp } from '../helpers/strapi';
import { bearer, createPortalUser, type Agent } from '../helpers/users';
import { createContact, createProperty, dealOf, mailsTo, outboxIdle, portalAgent, roleOf, snapshotOf, uploadFile } from '../helpers/portal';
import { png } from '../helpers/media';

let agent: Agent;
let readOnly: Agent;

const app = useTestApp();

beforeAll(async () => {
  agent = await portalAgent(app);
  readOnly = await portalAgent(app, ['read']);
});

const as = (who: Agent) => bearer(who.jwt);
const invite = (who: Agent, body: Record<string, unknown>) => app.http().post('/client-portal/invitations').set(as(who)).send(body);

describe('invitations page: filters and bulk changes', () => {
  it('filters by agent, date and the start of a name or email, and refuses a date range that ends before it starts', async () => {
    const buyer = await roleOf(app, 'buyer');
    const other = await portalAgent(app);
    const mine = await createContact(app, { firstName: 'Filippa', lastName: 'Searchable' });
    const theirs = await createContact(app, { firstName: 'Otto', lastName: 'Other' });
    expect((await invite(agent, { contact: mine.documentId, portalRole: buyer.documentId })).status).toBe(201);
    expect((await invite(other, { contact: theirs.documentId, portalRole: buyer.documentId })).status).toBe(201);

    const byAgent = await app.http().get(`/client-portal/invitations?agent=${other.id}`).set(as(agent));
    expect(byAgent.status).toBe(200);
    expect(byAgent.body.data.map((i: any) => i.contact.documentId)).toEqual([theirs.documentId]);
    expect(byAgent.body.data[0].invitedBy).toMatchObject({ type: 'agent' });

    const byName = await app.http().get('/client-portal/invitations?q=searchABLE').set(as(agent));
    expect(byName.body.data.map((i: any) => i.contact.documentId)).toEqual([mine.documentId]);
    const byEmail = await app.http().get(`/client-portal/invitations?q=${encodeURIComponent(theirs.email.slice(0, 14).toUpperCase())}`).set(as(agent));
    expect(byEmail.body.data.map((i: any) => i.contact.documentId)).toEqual([theirs.documentId]);
    const byFirstName = await app.http().get('/client-portal/invitations?q=filip').set(as(agent));
    expect(byFirstName.body.data.map((i: any) => i.contact.documentId)).toEqual([mine.documentId]);
    // The start of a name or of the email (what an index can find at any size), not a fragment inside one.
    const inside = await app.http().get('/client-portal/invitations?q=earchable').set(as(agent));
    expect(inside.body.data).toEqual([]);

    const today = new Date().toISOString().slice(0, 10);
    const fromToday = await app.http().get(`/client-portal/invitations?from=${today}&to=${today}&q=Searchable`).set(as(agent));
    expect(fromToday.body.data).toHaveLength(1);
    const future = await app.http().get('/client-portal/invitations?from=2999-01-01&q=Searchable').set(as(agent));
    expect(future.body.data).toHaveLength(0);

    const backwards = await app.http().get('/client-portal/invitations?from=2026-02-01&to=2026-01-01').set(as(agent));
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.message).toMatch(/^to: must not be before from/);
  });

  it('bulk-resends and bulk-revokes, reporting each invitation that could not change and why', async () => {
    const buyer = await roleOf(app, 'buyer');
    const contacts = await Promise.all([1, 2, 3].map(() => createContact(app)));
    const created = [];
    for (const contact of contacts) created.push((await invite(agent, { contact: contact.documentId, portalRole: buyer.documentId })).body.data);
    await mailsTo(app, contacts[2].email, 1);
    const ids = created.map((i: any) => i.documentId);

    const revoked = await app.http().post('/client-portal/invitations/bulk-revoke').set(as(agent)).send({ invitations: [ids[0]] });
    expect(revoked.status).toBe(200);
    expect(revoked.body.data.done.map((i: any) => i.status)).toEqual(['revoked']);

    const resent = await app.http().post('/client-portal/invitations/bulk-resend').set(as(agent)).send({ invitations: ids });
    expect(resent.status).toBe(200);
    expect(resent.body.data.done.map((i: any) => i.documentId).sort()).toEqual([ids[1], ids[2]].sort());
    expect(resent.body.data.failed).toEqual([{ invitation: ids[0], code: expect.any(String), message: expect.stringMatching(/revoked/i) }]);
    await mailsTo(app, contacts[2].email, 2);

    const empty = await app.http().post('/client-portal/invitations/bulk-revoke').set(as(agent)).send({ invitations: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toMatch(/^invitations: must list at least one invitation/);
  });

  it('refuses bulk resend and revoke to an agent without those rights, changing nothing', async () => {
    const contact = await createContact(app);
    const created = (await invite(agent, { contact: contact.documentId, portalRole: (await roleOf(app, 'buyer')).documentId })).body.data;
    await outboxIdle(app);
    const before = await snapshotOf(app, ['plugin::client-portal.invitation']);
    for (const path of ['bulk-resend', 'bulk-revoke']) {
      expect((await app.http().post(`/client-portal/invitations/${path}`).set(as(readOnly)).send({ invitations: [created.documentId] })).status).toBe(403);
    }
    expect(await snapshotOf(app, ['plugin::client-portal.invitation'])).toBe(before);
  });
});

describe('invite modal: correcting the contact', () => {
  it('saves a corrected email and name on the contact together with the invite, and the email goes to the new address', async () => {
    const contact = await createContact(app, { email: null, firstName: 'Wrong' });
    const body = { contact: contact.documentId, portalRole: (await roleOf(app, 'buyer')).documentId, email: ' Fixed.Address@Client.test ', firstName: 'Right', updateContact: true };
    const res = await invite(agent, body);
    expect(res.status).toBe(201);
    const saved = await app.strapi.db.query('api::contact.contact').findOne({ where: { documentId: contact.documentId } });
    expect(saved).toMatchObject({ email: 'Fixed.Address@Client.test', emailNormalized: 'fixed.address@client.test', firstName: 'Right' });
    await mailsTo(app, 'fixed.address@client.test', 1);
  });

  it('leaves the contact unchanged when the invite is refused', async () => {
    const contact = await createContact(app);
    const buyer = await roleOf(app, 'buyer');
    expect((await invite(agent, { contact: contact.documentId, portalRole: buyer.documentId })).status).toBe(201);
    const again = await invite(agent, { contact: contact.documentId, portalRole: buyer.documentId, email: 'changed@client.test', updateContact: true });
    expect(again.status).toBe(409);
    const saved = await app.strapi.db.query('api::contact.contact').findOne({ where: { documentId: contact.documentId } });
    expect(saved.email).toBe(contact.email);
  });
});

describe('contact list and sharing', () => {
  it('answers the portal status of many contacts at once', async () => {
    const none = await createContact(app);
    const invited = await createContact(app);
    const active = await createContact(app);
    await invite(agent, { contact: invited.documentId, portalRole: (await roleOf(app, 'buyer')).documentId });
    await createPortalUser(app, active.documentId);
    const res = await app.http().get(`/client-portal/contacts/portal-status?contacts=${[none, invited, active].map((c) => c.documentId).join(',')}`).set(as(readOnly));
    expect(res.status).toBe(200);
    const byContact = Object.fromEntries(res.body.data.map((row: any) => [row.contact, row.status]));
    expect(byContact).toEqual({ [none.documentId]: 'not_invited', [invited.documentId]: 'invited', [active.documentId]: 'active' });
    const missing = await app.http().get('/client-portal/contacts/portal-status').set(as(readOnly));
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/^contacts: /);
  });

  it('shares a property with an existing account: the deal, an email to the client, the activity; refused without an account', async () => {
    const contact = await createContact(app);
    const user = await createPortalUser(app, contact.documentId);
    const property = await createProperty(app, { title: 'Shared Mill House' });
    const tenant = await roleOf(app, 'inspector');
    const res = await app.http().post(`/client-portal/contacts/${contact.documentId}/share`).set(as(agent)).send({ property: property.documentId, portalRole: tenant.documentId, permissions: { uploadPhotos: false } });
    expect(res.status).toBe(200);
    expect(res.body.data.portalRole.key).toBe('inspector');
    const deal = await app.strapi.db.query('api::deal.deal').findOne({ where: { contact: { documentId: contact.documentId }, property: { documentId: property.documentId } }, populate: { portalRole: true } });
    expect(deal.portalRole.key).toBe('inspector');
    expect(deal.permissionOverrides).toEqual({ uploadPhotos: false });
    const [mail] = await mailsTo(app, user.email, 1);
    expect(mail.text).toContain('Shared Mill House');
    const portal = await app.http().get('/api/client-portal/properties').set(bearer(user.jwt));
    expect(portal.body.data.map((p: any) => p.documentId)).toContain(property.documentId);

    const stranger = await createContact(app);
    const before = await snapshotOf(app, ['api::deal.deal']);
    const refused = await app.http().post(`/client-portal/contacts/${stranger.documentId}/share`).set(as(agent)).send({ property: property.documentId, portalRole: tenant.documentId });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe('This contact has no active portal account: send a portal invite instead');
    expect(await snapshotOf(app, ['api::deal.deal'])).toBe(before);
    expect((await app.http().post(`/client-portal/contacts/${contact.documentId}/share`).set(as(readOnly)).send({ property: property.documentId, portalRole: tenant.documentId })).status).toBe(403);
  });
});

describe('property panel', () => {
  it("lists the property's contacts with role and status, and its viewings with notes, photos and voice notes signed for the agent", async () => {
    const property = await createProperty(app, { title: 'Panel Villa' });
    const invitedContact = await createContact(app, { firstName: 'Ivy' });
    const client = await createContact(app, { firstName: 'Cleo' });
    await dealOf(app, invitedContact, property, 'buyer');
    await dealOf(app, client, property, 'buyer');
    await invite(agent, { contact: invitedContact.documentId, portalRole: (await roleOf(app, 'buyer')).documentId, property: property.documentId });
    await createPortalUser(app, client.documentId);
    const photo = await uploadFile(app, 'kitchen.png', png(), 'image/png');
    const viewing = (await app.strapi.documents('api::viewing.viewing').create({
      data: { property: property.id, contact: client.id, preferredDates: ['2027-03-05T09:00:00.000Z'], status: 'requested', photos: [photo], clientMessage: 'Saturday works best' } as any,
    })) as any;
    await app.strapi.documents('api::note.note').create({ data: { text: 'Loved the kitchen', authorType: 'client', contact: client.id, property: property.id, viewing: viewing.id } as any });

    const res = await app.http().get(`/client-portal/properties/${property.documentId}/portal`).set(as(readOnly));
    expect(res.status).toBe(200);
    const statuses = Object.fromEntries(res.body.data.contacts.map((row: any) => [row.contact.name.split(' ')[0], [row.status, row.portalRole.key]]));
    expect(statuses).toEqual({ Ivy: ['invited', 'buyer'], Cleo: ['active', 'buyer'] });
    expect(res.body.data.contacts.find((row: any) => row.contact.documentId === client.documentId).contact).toMatchObject({ firstName: 'Cleo', lastName: client.lastName });
    const [shown] = res.body.data.viewings;
    expect(shown).toMatchObject({ documentId: viewing.documentId, status: 'requested', message: 'Saturday works best', contact: { documentId: client.documentId } });
    expect(shown.notes.map((n: any) => n.text)).toEqual(['Loved the kitchen']);
    const file = await app.http().get(new URL(shown.photos[0].url, app.baseUrl).pathname + new URL(shown.photos[0].url, app.baseUrl).search);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect((await app.http().get('/client-portal/properties/nope/portal').set(as(readOnly))).status).toBe(404);
  });
});

describe('messages', () => {
  it('lists threads with unread counts, marks a thread read when opened, emails the client the reply, and counts it unread for the client until they read the thread', async () => {
    const contact = await createContact(app, { firstName: 'Mira' });
    const user = await createPortalUser(app, contact.documentId);
    await dealOf(app, contact, await createProperty(app), 'buyer');
    for (const body of ['Hello?', 'Is the house still available?']) {
      expect((await app.http().post('/api/client-portal/messages').set(bearer(user.jwt)).send({ body })).status).toBe(201);
    }
    const unread = await app.http().get('/client-portal/messages/unread').set(as(readOnly));
    expect(unread.body.data.unread).toBeGreaterThanOrEqual(2);
    const threads = await app.http().get('/client-portal/messages/threads').set(as(readOnly));
    const thread = threads.body.data.find((t: any) => t.contact?.documentId === contact.documentId);
    expect(thread).toMatchObject({ unread: 2, lastMessage: { body: 'Is the house still available?', direction: 'from_client' } });
    expect(threads.body.data[0].contact.documentId).toBe(contact.documentId);

    const opened = await app.http().get(`/client-portal/contacts/${contact.documentId}/messages`).set(as(readOnly));
    expect(opened.body.data.messages.map((m: any) => m.body)).toEqual(['Hello?', 'Is the house still available?']);
    const after = await app.http().get('/client-portal/messages/threads').set(as(readOnly));
    expect(after.body.data.find((t: any) => t.contact?.documentId === contact.documentId).unread).toBe(0);

    expect((await app.http().post(`/client-portal/contacts/${contact.documentId}/messages`).set(as(readOnly)).send({ body: 'Yes' })).status).toBe(403);
    const reply = await app.http().post(`/client-portal/contacts/${contact.documentId}/messages`).set(as(agent)).send({ body: 'Yes, it is! Shall we plan a viewing?' });
    expect(reply.status).toBe(201);
    expect(reply.body.data).toMatchObject({ direction: 'from_agent', author: expect.stringContaining('PortalAgent') });
    const [mail] = await mailsTo(app, user.email, 1);
    expect(mail.text).toContain('Yes, it is! Shall we plan a viewing?');
    expect(mail.text).toContain('https://portal.agency.test/messages');
    const before = await app.http().get('/api/client-portal/me').set(bearer(user.jwt));
    expect(before.body.data.unreadMessages).toBe(1);
    const viaGraphql = await app.http().post('/graphql').set(bearer(user.jwt)).send({ query: '{ portalMe { unreadMessages } }' });
    expect(viaGraphql.body.data.portalMe.unreadMessages).toBe(1);
    const clientView = await app.http().get('/api/client-portal/messages').set(bearer(user.jwt));
    expect(clientView.body.data.map((m: any) => m.direction)).toEqual(['from_client', 'from_client', 'from_agent']);
    expect(clientView.body.data[2].readAt).toBeNull();
    expect((await app.http().get('/api/client-portal/me').set(bearer(user.jwt))).body.data.unreadMessages).toBe(0);
    const again = await app.http().get('/api/client-portal/messages').set(bearer(user.jwt));
    expect(again.body.data[2].readAt).toEqual(expect.any(String));
    const agentView = await app.http().get(`/client-portal/contacts/${contact.documentId}/messages`).set(as(readOnly));
    expect(agentView.body.data.messages.at(-1)).toMatchObject({ direction: 'from_agent', readAt: expect.any(String) });

    const blank = await app.http().post(`/client-portal/contacts/${contact.documentId}/messages`).set(as(agent)).send({ body: '   ' });
    expect(blank.status).toBe(400);
    expect(blank.body.error.message).toMatch(/^body: must not be empty/);
  });
});

describe('activity feed', () => {
  it('lists activity newest first with actor, contact and property, filtered by contact and type', async () => {
    const contact = await createContact(app, { firstName: 'Feed' });
    const property = await createProperty(app, { title: 'Feed Farm' });
    await invite(agent, { contact: contact.documentId, portalRole: (await roleOf(app, 'buyer')).documentId, property: property.documentId });
    const res = await app.http().get(`/client-portal/activities?contact=${contact.documentId}`).set(as(readOnly));
    expect(res.status).toBe(200);
    expect(res.body.data[0]).toMatchObject({ type: 'invited', actor: { type: 'agent', name: expect.stringContaining('PortalAgent') }, contact: { documentId: contact.documentId }, property: { title: 'Feed Farm' } });
    const byProperty = await app.http().get(`/client-portal/activities?property=${property.documentId}&type=invited,logged_in`).set(as(readOnly));
    expect(byProperty.body.data.every((entry: any) => entry.property.documentId === property.documentId && ['invited', 'logged_in'].includes(entry.type))).toBe(true);
    expect(byProperty.body.data.length).toBeGreaterThan(0);
    const bad = await app.http().get('/client-portal/activities?type=partying').set(as(readOnly));
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^type/);
  });
});

describe('portal roles', () => {
  it('creates and edits a role; refuses a taken key, an unknown flag, deleting a built-in role or one in use', async () => {
    const created = await app.http().post('/client-portal/roles').set(as(agent)).send({ key: 'notary', name: 'Notary', permissions: { viewProperties: true, viewDocuments: true } });
    expect(created.status).toBe(201);
    expect(created.body.data.permissions).toMatchObject({ viewProperties: true, viewDocuments: true, giveFeedback: false });
    expect((await app.http().post('/client-portal/roles').set(as(agent)).send({ key: 'notary', name: 'Again', permissions: {} })).status).toBe(409);
    const unknown = await app.http().post('/client-portal/roles').set(as(agent)).send({ key: 'witch', name: 'Witch', permissions: { flyBroom: true } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toBe('permissions.flyBroom: unknown permission flag');

    const edited = await app.http().put(`/client-portal/roles/${created.body.data.documentId}`).set(as(agent)).send({ name: 'Notary office', permissions: { viewProperties: true, messageAgent: true } });
    expect(edited.status).toBe(200);
    expect(edited.body.data).toMatchObject({ key: 'notary', name: 'Notary office', permissions: { messageAgent: true, viewDocuments: false } });

    const buyer = await roleOf(app, 'buyer');
    const builtIn = await app.http().delete(`/client-portal/roles/${buyer.documentId}`).set(as(agent));
    expect(builtIn.status).toBe(409);
    expect(builtIn.body.error.message).toBe('Built-in roles cannot be deleted');

    const contact = await createContact(app);
    await invite(agent, { contact: contact.documentId, portalRole: created.body.data.documentId });
    const inUse = await app.http().delete(`/client-portal/roles/${created.body.data.documentId}`).set(as(agent));
    expect(inUse.status).toBe(409);
    expect(inUse.body.error.message).toBe('This role is in use by 1 pending invitation; give them another role first');
    const listed = await app.http().get('/client-portal/roles').set(as(readOnly));
    expect(listed.body.data.find((r: any) => r.key === 'notary').usage.invitations).toBe(1);

    const unused = await app.http().post('/client-portal/roles').set(as(agent)).send({ key: 'temp-role', name: 'Temporary', permissions: {} });
    expect((await app.http().delete(`/client-portal/roles/${unused.body.data.documentId}`).set(as(agent))).status).toBe(200);
    expect(await roleOf(app, 'temp-role')).toBeNull();
  });

  it('refuses role changes to an agent without the manage-roles right', async () => {
    const res = await app.http().post('/client-portal/roles').set(as(readOnly)).send({ key: 'nope-role', name: 'Nope', permissions: {} });
    expect(res.status).toBe(403);
    expect(await roleOf(app, 'nope-role')).toBeNull();
  });
});

describe('email templates', () => {
  it('previews a draft with sample data, shows its errors, sends a test to the agent and resets a language to the default', async () => {
    const preview = await app.http().post('/client-portal/templates/preview').set(as(agent)).send({ template: 'invitation', language: 'en', subject: 'Welcome {{firstName}} to {{agencyName}}' });
    expect(preview.status).toBe(200);
    expect(preview.body.data.errors).toEqual([]);
    expect(preview.body.data.email.subject).toBe('Welcome Anna to Test Agency');
    expect(preview.body.data.email.text).toContain('https://portal.agency.test/accept#token=sample-token');

    const broken = await app.http().post('/client-portal/templates/preview').set(as(agent)).send({ template: 'invitation', language: 'en', subject: 'Hi {{nonsense}}' });
    expect(broken.body.data.email).toBeNull();
    expect(broken.body.data.errors.join(' ')).toMatch(/nonsense/);

    const test = await app.http().post('/client-portal/templates/test').set(as(agent)).send({ template: 'invitation', language: 'nl', subject: 'Test voor {{firstName}}' });
    expect(test.status).toBe(200);
    expect(test.body.data.sentTo).toBe(agent.email);
    const [mail] = await mailsTo(app, agent.email, 1);
    expect(mail.subject).toBe('[Test] Test voor Anna');
    expect((await app.http().post('/client-portal/templates/test').set(as(readOnly)).send({ template: 'invitation', language: 'en' })).status).toBe(403);
    const invalid = await app.http().post('/client-portal/templates/test').set(as(agent)).send({ template: 'invitation', language: 'en', subject: '{{nonsense}}' });
    expect(invalid.status).toBe(400);

    const saved = await app.http().put('/client-portal/settings').set(as(agent)).send({ emailTemplates: { invitation: { de: { subject: 'Hallo {{firstName}}' } } } });
    expect(saved.body.data.emailTemplates.invitation.de.subject).toBe('Hallo {{firstName}}');
    const reset = await app.http().put('/client-portal/settings').set(as(agent)).send({ emailTemplates: { invitation: { de: null } } });
    expect(reset.status).toBe(200);
    expect(reset.body.data.emailTemplates.invitation).toBeUndefined();
  });
});
