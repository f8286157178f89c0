import { useTestApp } from '../helpers/strapi';
import { bearer, createPortalUser, type Agent, type PortalUser } from '../helpers/users';
import { createContact, createProperty, mailsTo, portalAgent, roleOf, snapshotOf, tokenFrom, uploadFile } from '../helpers/portal';
import { housePhoto } from '../../src/seed/png';
import { mp3 } from '../helpers/media';

let agent: Agent;
let me: PortalUser;
let meContact: any;
let other: PortalUser;
let home: any;
let theirs: any;

const api = (path: string) => `/api/client-portal${path}`;
const HOUR = 3600_000;
const clock = () => app.strapi.plugin('client-portal').service('clock');
const gql = (query: string, jwt: string, variables: Record<string, unknown> = {}) => app.http().post('/graphql').set(bearer(jwt)).send({ query, variables });
const deal = (contact: string, property: string, role: any, data: Record<string, unknown> = {}) =>
  app.strapi.documents('api::deal.deal').create({ data: { contact, property, portalRole: role.id, ...data } as any }) as Promise<any>;

const app = useTestApp();

beforeAll(async () => {
  agent = await portalAgent(app);
  const buyer = await roleOf(app, 'buyer');
  meContact = await createContact(app, { owner: agent.id, firstName: 'Mila' });
  const otherContact = await createContact(app);
  me = await createPortalUser(app, meContact.documentId, { portalRole: buyer.id, owner: agent.id, firstName: 'Mila' });
  other = await createPortalUser(app, otherContact.documentId, { portalRole: buyer.id });
  home = await createProperty(app, {
    title: 'Dune cottage',
    address: 'Duinweg 3',
    city: 'Bergen',
    latitude: 52.66,
    longitude: 4.63,
    timeline: [
      { title: 'Notary appointment', kind: 'date', date: '2027-01-15T10:00:00.000Z' },
      { title: 'Internal valuation', kind: 'task', visibleToClients: false },
    ],
  });
  theirs = await createProperty(app, { title: 'Their flat' });
  await deal(meContact.documentId, home.documentId, buyer);
  await deal(otherContact.documentId, theirs.documentId, buyer);
});

afterEach(() => clock().set(null));

describe('viewings', () => {
  it('request with 1–3 future dates; the agent confirms; navigation from 48 h before; media unlock on the day; cancel except completed', async () => {
    clock().set('2027-03-01T09:00:00.000Z');
    const bad = async (body: Record<string, unknown>, message: RegExp) => {
      const res = await app.http().post(api('/viewings')).set(bearer(me.jwt)).send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    };
    await bad({ property: home.documentId, preferredDates: [] }, /^preferredDates: give 1 to 3/);
    await bad({ property: home.documentId, preferredDates: ['2027-03-05T10:00:00Z', '2027-03-06T10:00:00Z', '2027-03-07T10:00:00Z', '2027-03-08T10:00:00Z'] }, /^preferredDates: give at most 3/);
    await bad({ property: home.documentId, preferredDates: ['2027-02-01T10:00:00Z'] }, /^preferredDates.0: must be in the future/);
    await bad({ property: home.documentId, preferredDates: ['next tuesday'] }, /^preferredDates.0: must be an ISO 8601/);
    await bad({ property: home.documentId, preferredDates: ['2027-03-05T10:00:00Z'], status: 'confirmed' }, /status/);
    expect((await app.http().post(api('/viewings')).set(bearer(me.jwt)).send({ property: theirs.documentId, preferredDates: ['2027-03-05T10:00:00Z'] })).status).toBe(404);

    const created = await app.http().post(api('/viewings')).set(bearer(me.jwt)).send({ property: home.documentId, preferredDates: ['2027-03-05T10:00:00+01:00', '2027-03-06T14:00:00Z'], message: 'Mornings suit us' });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ status: 'requested', preferredDates: ['2027-03-05T09:00:00.000Z', '2027-03-06T14:00:00.000Z'], message: 'Mornings suit us', onTheDay: false });
    const id = created.body.data.documentId;
    expect(created.body.data.navigation).toBeUndefined();
    expect((await app.http().get(api(`/viewings/${id}`)).set(bearer(other.jwt))).status).toBe(404);

    const reader = await portalAgent(app, ['read']);
    expect((await app.http().put(`/client-portal/viewings/${id}/confirm`).set(bearer(reader.jwt)).send({ date: '2027-03-05T09:00:00Z' })).status).toBe(403);
    expect((await app.http().put(`/client-portal/viewings/${id}/confirm`).set(bearer(agent.jwt)).send({ date: 'soon' })).status).toBe(400);
    const confirmed = await app.http().put(`/client-portal/viewings/${id}/confirm`).set(bearer(agent.jwt)).send({ date: '2027-03-05T09:00:00Z', message: 'See you there' });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.data).toMatchObject({ status: 'confirmed', confirmedDate: '2027-03-05T09:00:00.000Z', agentMessage: 'See you there' });

    const view = async () => (await app.http().get(api(`/viewings/${id}`)).set(bearer(me.jwt))).body.data;
    clock().set('2027-03-03T08:59:59.000Z'); // 48 h and 1 s before
    expect((await view()).navigation).toBeUndefined();
    clock().set('2027-03-03T09:00:00.000Z'); // exactly 48 h before
    expect((await view()).navigation).toMatchObject({ address: 'Duinweg 3, Bergen', mapUrl: expect.stringContaining('mlat=52.66') });

    const upload = (kind: string, buffer: Buffer, name: string, type: string) =>
      app.http().post(api(`/viewings/${id}/${kind}`)).set(bearer(me.jwt)).attach('file', buffer, { filename: name, contentType: type });
    const photo = housePhoto(40, 30, [200, 100, 80], [60, 40, 40], [120, 170, 230]);
    clock().set('2027-03-04T23:59:59.000Z');
    const MEDIA_TABLES = ['api::viewing.viewing', 'api::note.note', 'plugin::upload.file', 'plugin::client-portal.activity'];
    const beforeEarly = await snapshotOf(app, MEDIA_TABLES);
    const early = await upload('photos', photo, 'p.png', 'image/png');
    expect(early.status).toBe(409);
    expect(early.body.error.message).toBe('Available on the day of the viewing');
    const earlyNote = await app.http().post(api('/notes')).set(bearer(me.jwt)).send({ text: 'Too early', viewing: id });
    expect(earlyNote.status).toBe(409);
    expect(await snapshotOf(app, MEDIA_TABLES)).toBe(beforeEarly);

    clock().set('2027-03-05T00:00:00.000Z');
    const added = await upload('photos', photo, 'kitchen.png', 'image/png');
    expect(added.status).toBe(201);
    expect(added.body.data.photos).toHaveLength(1);
    expect((await upload('photos', Buffer.from('hello'), 'a.txt', 'text/plain')).body.error.message).toMatch(/^file: must be an image/);
    const voice = await upload('voice-notes', mp3(), 'memo.mp3', 'audio/mpeg');
    expect(voice.status).toBe(201);
    expect(voice.body.data.voiceNotes).toHaveLength(1);
    const listed = await app.http().get(api(`/viewings/${id}/photos`)).set(bearer(me.jwt));
    expect(listed.body.data).toHaveLength(1);
    const removed = await app.http().delete(api(`/viewings/${id}/photos/${listed.body.data[0].id}`)).set(bearer(me.jwt));
    expect(removed.body.data.photos).toHaveLength(0);
    const dayNote = await app.http().post(api('/notes')).set(bearer(me.jwt)).send({ text: 'Lovely light in the kitchen', viewing: id });
    expect(dayNote.status).toBe(201);
    expect(dayNote.body.data).toMatchObject({ viewing: { documentId: id }, property: { documentId: home.documentId } });

    // The agent sees what the client created.
    const stored = await app.strapi.db.query('api::viewing.viewing').findOne({ where: { documentId: id }, populate: { voiceNotes: true, notes: true } });
    expect(stored.voiceNotes).toHaveLength(1);
    expect(stored.notes.map((n: any) => n.text)).toEqual(['Lovely light in the kitchen']);

    await app.strapi.db.query('api::viewing.viewing').update({ where: { documentId: id }, data: { status: 'completed' } });
    const beforeCancel = await snapshotOf(app, MEDIA_TABLES);
    const cancelCompleted = await app.http().post(api(`/viewings/${id}/cancel`)).set(bearer(me.jwt));
    expect(cancelCompleted.status).toBe(409);
    expect(cancelCompleted.body.error.message).toBe('Completed viewings cannot be cancelled');
    expect(await snapshotOf(app, MEDIA_TABLES)).toBe(beforeCancel);

    const another = await gql(`mutation { requestViewing(property: "${home.documentId}", preferredDates: ["2027-04-01T10:00:00Z"]) { documentId status } }`, me.jwt);
    const cancelled = await gql(`mutation { cancelViewing(documentId: "${another.body.data.requestViewing.documentId}") { status } }`, me.jwt);
    expect(cancelled.body.data.cancelViewing.status).toBe('cancelled');
    const all = await gql('{ portalViewings { status property { title } } }', me.jwt);
    expect(all.body.data.portalViewings.map((v: any) => v.status).sort()).toEqual(['cancelled', 'completed']);
    expect((await gql('{ portalViewings { status } }', other.jwt)).body.data.portalViewings).toEqual([]);
  });
});

describe('notes', () => {
  it('write, edit, delete my own notes (≥ 3 characters); another client\'s note is a 404', async () => {
    const short = await app.http().post(api('/notes')).set(bearer(me.jwt)).send({ text: 'ok', property: home.documentId });
    expect(short.body.error.message).toBe('text: must be at least 3 characters');
    const created = await app.http().post(api('/notes')).set(bearer(me.jwt)).send({ text: 'Check the roof', property: home.documentId });
    expect(created.status).toBe(201);
    const id = created.body.data.documentId;
    const edited = await app.http().put(api(`/notes/${id}`)).set(bearer(me.jwt)).send({ text: 'Check the roof and gutters' });
    expect(edited.body.data).toMatchObject({ text: 'Check the roof and gutters', editedAt: expect.any(String) });
    expect((await app.http().put(api(`/notes/${id}`)).set(bearer(me.jwt)).send({ text: 'xyz', authorAccount: 1 })).status).toBe(400);
    expect((await app.http().put(api(`/notes/${id}`)).set(bearer(other.jwt)).send({ text: 'hijacked' })).status).toBe(404);
    expect((await app.http().delete(api(`/notes/${id}`)).set(bearer(other.jwt))).status).toBe(404);
    expect((await app.http().post(api('/notes')).set(bearer(me.jwt)).send({ text: 'On their flat', property: theirs.documentId })).status).toBe(404);
    const listOther = await app.http().get(api('/notes')).set(bearer(other.jwt));
    expect(JSON.stringify(listOther.body)).not.toContain('roof');
    const viaGql = await gql(`mutation { updatePortalNote(documentId: "${id}", text: "Via GraphQL") { text editedAt } }`, me.jwt);
    expect(viaGql.body.data.updatePortalNote.text).toBe('Via GraphQL');
    expect((await app.http().delete(api(`/notes/${id}`)).set(bearer(me.jwt))).status).toBe(200);
    expect((await app.http().get(api('/notes')).set(bearer(me.jwt))).body.data.map((n: any) => n.documentId)).not.toContain(id);
  });
});

describe('messages', () => {
  it('a client writes to the responsible agent, who is emailed; the agent\'s reply appears to the client', async () => {
    const sent = await app.http().post(api('/messages')).set(bearer(me.jwt)).send({ body: 'Can we visit on Saturday?' });
    expect(sent.status).toBe(201);
    expect(sent.body.data).toMatchObject({ body: 'Can we visit on Saturday?', direction: 'from_client' });
    const [mail] = await mailsTo(app, agent.email);
    expect(mail.text).toContain('Can we visit on Saturday?');
    expect(mail.text).toContain('Mila');

    await app.strapi.documents('api::message.message').create({ data: { contact: meContact.id, direction: 'from_agent', body: 'Saturday 11:00 works', authorAgent: agent.id } as any });
    const thread = await app.http().get(api('/messages')).set(bearer(me.jwt));
    expect(thread.body.data.map((m: any) => [m.direction, m.body])).toEqual([
      ['from_client', 'Can we visit on Saturday?'],
      ['from_agent', 'Saturday 11:00 works'],
    ]);
    expect((await app.http().get(api('/messages')).set(bearer(other.jwt))).body.data).toEqual([]);
    expect((await app.http().post(api('/messages')).set(bearer(me.jwt)).send({ body: '   ' })).body.error.message).toBe('body: must not be empty');
    const viaGql = await gql('{ portalMessages { body direction createdAt } }', me.jwt);
    expect(viaGql.body.data.portalMessages).toHaveLength(2);
  });
});

describe('timeline, documents and transaction contacts', () => {
  it('each only with its permission; denied folders and documents never appear, not even their names', async () => {
    const upload = (name: string) => uploadFile(app, name, '%PDF-1.4 test', 'application/pdf');
    const deed = await app.strapi.documents('api::document.document').create({ data: { title: 'Draft deed', folder: 'Legal', file: await upload('deed.pdf'), property: home.id } as any });
    await app.strapi.documents('api::document.document').create({ data: { title: 'Mortgage offer', folder: 'Finance', file: await upload('offer.pdf'), property: home.id } as any });
    await app.strapi.documents('api::document.document').create({ data: { title: 'Floor plan', folder: 'General', file: await upload('plan.pdf'), property: home.id } as any });
    await app.strapi.documents('api::document.document').create({ data: { title: 'Agent only', folder: 'General', file: await upload('internal.pdf'), property: home.id, visibleToClients: false } as any });
    await app.strapi.documents('api::document.document').create({ data: { title: 'Their deed', folder: 'Legal', file: await upload('theirs.pdf'), property: theirs.id } as any });
    const coBuyer = await createContact(app, { firstName: 'Bas', lastName: 'Bakker' });
    await deal(coBuyer.documentId, home.documentId, await roleOf(app, 'seller'));

    const docs = await app.http().get(api('/documents')).set(bearer(me.jwt));
    expect(docs.body.data.map((d: any) => d.title).sort()).toEqual(['Draft deed', 'Floor plan', 'Mortgage offer']);
    const timeline = await app.http().get(api('/timeline')).set(bearer(me.jwt));
    expect(timeline.body.data.map((t: any) => t.title)).toEqual(['Notary appointment']);
    const contacts = await app.http().get(api('/contacts')).set(bearer(me.jwt));
    expect(contacts.body.data).toEqual([{ name: 'Bas Bakker', role: { key: 'seller', name: 'Seller' }, property: { documentId: home.documentId, title: 'Dune cottage' } }]);
    expect(JSON.stringify(contacts.body)).not.toMatch(/@/);

    const user = await app.strapi.db.query('plugin::users-permissions.user').findOne({ where: { id: me.id }, populate: { contact: true } });
    const myDeal = await app.strapi.db.query('api::deal.deal').findOne({ where: { pairKey: `${user.contact.documentId}:${home.documentId}` } });
    await app.strapi.documents('api::deal.deal').update({ documentId: myDeal.documentId, data: { deniedFolders: ['Finance'], deniedDocuments: [deed.id] } as any });
    const denied = await app.http().get(api('/documents')).set(bearer(me.jwt));
    expect(denied.body.data.map((d: any) => d.title)).toEqual(['Floor plan']);
    expect(JSON.stringify(denied.body)).not.toMatch(/Finance|Mortgage|Draft deed|Legal/);
    expect((await gql('{ portalDocuments { title file { url } } }', me.jwt)).body.data.portalDocuments.map((d: any) => d.title)).toEqual(['Floor plan']);

    await app.strapi.db.query('api::deal.deal').update({ where: { id: myDeal.id }, data: { permissionOverrides: { viewDocuments: false, viewTimeline: false, viewTransactionContacts: false } } });
    for (const path of ['/documents', '/timeline', '/contacts']) {
      const res = await app.http().get(api(path)).set(bearer(me.jwt));
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe('Not allowed');
    }
    expect((await gql('{ portalTimeline { title } }', me.jwt)).body.errors[0].message).toBe('Not allowed');
    await app.strapi.db.query('api::deal.deal').update({ where: { id: myDeal.id }, data: { permissionOverrides: null } });
  });
});

describe('invite others', () => {
  it('only when the portal allows it, with a role no stronger than mine, into my own properties', async () => {
    const body = { email: 'partner@client.test', firstName: 'Pim', lastName: 'Partner', role: 'co-owner' };
    const off = await app.http().post(api('/invitations')).set(bearer(me.jwt)).send(body);
    expect(off.status).toBe(403);
    expect(off.body.error.message).toBe('Inviting others is switched off for this portal');
    await app.http().put('/client-portal/settings').set(bearer(agent.jwt)).send({ clientsCanInviteOthers: true });

    const guestUser = await createPortalUser(app, (await createContact(app)).documentId, { portalRole: (await roleOf(app, 'read-only-guest')).id });
    expect((await app.http().post(api('/invitations')).set(bearer(guestUser.jwt)).send(body)).body.error.message).toBe('Not allowed');

    const custom = await app.strapi.plugin('client-portal').service('roles');
    await custom.register({ key: 'super-agent', name: 'Super', permissions: { viewProperties: true, flyDrones: true } });
    const stronger = await app.http().post(api('/invitations')).set(bearer(me.jwt)).send({ ...body, role: 'super-agent' });
    expect(stronger.status).toBe(403);
    expect(stronger.body.error.message).toBe('The role may not be stronger than your own');
    for (const field of ['contact', 'portalRole', 'property', 'permissions']) {
      expect((await app.http().post(api('/invitations')).set(bearer(me.jwt)).send({ ...body, [field]: 'x' })).status).toBe(400);
    }

    const res = await app.http().post(api('/invitations')).set(bearer(me.jwt)).send(body);
    expect(res.status).toBe(201);
    expect(res.body.data).toEqual({ ok: true, email: 'partner@client.test', firstName: 'Pim', lastName: 'Partner', role: { key: 'co-owner', name: 'Co-owner' } });
    const invitation = await app.strapi.db.query('plugin::client-portal.invitation').findOne({ where: { emailNormalized: 'partner@client.test' }, populate: { invitedByAccount: true, portalRole: true } });
    expect(invitation).toMatchObject({ status: 'pending', portalRole: { key: 'co-owner' }, invitedByAccount: { id: me.id } });
    const token = tokenFrom((await mailsTo(app, 'partner@client.test'))[0]);
    const accepted = await app.http().post(api('/invitations/accept')).send({ token, password: 'partner passphrase' });
    expect(accepted.status).toBe(200);
    const props = await app.http().get(api('/properties')).set(bearer(accepted.body.data.jwt));
    expect(props.body.data.map((p: any) => p.title)).toEqual(['Dune cottage']);
    expect(props.body.data[0].role.key).toBe('co-owner');

    // A daily cap per account: ten invitations a day.
    const statuses: number[] = [];
    for (let i = 0; i < 10; i += 1) {
      statuses.push((await app.http().post(api('/invitations')).set(bearer(me.jwt)).send({ ...body, email: `friend-${i}@client.test` })).status);
    }
    expect(statuses.slice(0, 9).every((status) => status === 201)).toBe(true);
    expect(statuses[9]).toBe(429);
    await app.http().put('/client-portal/settings').set(bearer(agent.jwt)).send({ clientsCanInviteOthers: false });
  });
});
