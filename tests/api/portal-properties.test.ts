import { useTestApp } from '../helpers/strapi';
import { bearer, createPortalUser, type PortalUser } from '../helpers/users';
import { createContact, createProperty, roleOf, uploadFile } from '../helpers/portal';
import { housePhoto } from '../../src/seed/png';
import { sqlDuring } from '../helpers/sql';

let me: PortalUser;
let other: PortalUser;
let mine: any;
let second: any;
let theirs: any;
let unoffered: any;

const api = (path: string) => `/api/client-portal${path}`;
const gql = (query: string, jwt: string, variables: Record<string, unknown> = {}) => app.http().post('/graphql').set(bearer(jwt)).send({ query, variables });

const deal = (contact: string, property: string, role: any, data: Record<string, unknown> = {}) =>
  app.strapi.documents('api::deal.deal').create({ data: { contact, property, portalRole: role.id, ...data } as any });

const app = useTestApp();

beforeAll(async () => {
  const buyer = await roleOf(app, 'buyer');
  const guest = await roleOf(app, 'read-only-guest');
  const myContact = await createContact(app);
  const otherContact = await createContact(app);
  me = await createPortalUser(app, myContact.documentId, { portalRole: buyer.id });
  other = await createPortalUser(app, otherContact.documentId, { portalRole: buyer.id });

  const photo = await uploadFile(app, 'front.png', housePhoto(80, 50, [200, 100, 80], [60, 40, 40], [120, 170, 230]), 'image/png', 'front');
  mine = await createProperty(app, { title: 'A canal house', latitude: 52.37, longitude: 4.89, energyLabel: 'A++', features: ['Garden', 'Roof terrace'], price: 850000, photos: [photo] });
  second = await createProperty(app, { title: 'B garden flat' });
  theirs = await createProperty(app, { title: 'C secret villa' });
  unoffered = await createProperty(app, { title: 'D not offered' });
  await deal(myContact.documentId, mine.documentId, buyer);
  await deal(myContact.documentId, second.documentId, guest);
  await deal(otherContact.documentId, theirs.documentId, buyer);
});

describe('properties offered to me', () => {
  it('lists only my properties, with photos, features, map, energy label, role and feedback', async () => {
    const res = await app.http().get(api('/properties')).set(bearer(me.jwt));
    expect(res.status).toBe(200);
    expect(res.body.data.map((p: any) => p.title)).toEqual(['A canal house', 'B garden flat']);
    const [first] = res.body.data;
    expect(first).toMatchObject({
      documentId: mine.documentId,
      energyLabel: 'A++',
      features: ['Garden', 'Roof terrace'],
      price: 850000,
      role: { key: 'buyer' },
      feedback: { interest: null, rating: null, favourite: false, rejectionReasons: [] },
      location: { latitude: 52.37, longitude: 4.89, mapUrl: expect.stringContaining('openstreetmap.org') },
    });
    expect(first.photos[0]).toMatchObject({ mime: 'image/png', width: 80, alternativeText: 'front' });
    expect(res.body.meta.pagination).toMatchObject({ total: 2, page: 1 });
    expect(JSON.stringify(res.body)).not.toContain('C secret villa');
  });

  it('another client\'s property and an unknown one both answer 404; filters cannot widen the scope', async () => {
    for (const id of [theirs.documentId, unoffered.documentId, 'no-such-id']) {
      const res = await app.http().get(api(`/properties/${id}`)).set(bearer(me.jwt));
      expect(res.status).toBe(404);
      expect(res.body.error.message).toBe('Property not found');
    }
    const tricks = await app.http().get(api('/properties?filters[contact][id]=1&populate=*&pageSize=20')).set(bearer(me.jwt));
    expect(tricks.status).toBe(400);
    const cap = await app.http().get(api('/properties?pageSize=1000')).set(bearer(me.jwt));
    expect(cap.status).toBe(400);
    expect(cap.body.error.message).toBe('pageSize: must be at most 50');
    const viaGql = await gql(`{ portalProperty(documentId: "${theirs.documentId}") { title } }`, me.jwt);
    expect(viaGql.body.errors[0].message).toBe('Property not found');
    const list = await gql('{ portalProperties { title feedback { favourite } } }', me.jwt);
    expect(list.body.data.portalProperties.map((p: any) => p.title)).toEqual(['A canal house', 'B garden flat']);
  });

  it('anonymous callers get nothing', async () => {
    expect((await app.http().get(api('/properties'))).status).toBe(403);
    expect((await app.http().get(api(`/properties/${mine.documentId}`))).status).toBe(403);
    const viaGql = await app.http().post('/graphql').send({ query: '{ portalProperties { title } }' });
    expect(viaGql.body.errors[0].message).toMatch(/Forbidden/);
  });
});

describe('photos', () => {
  it('each property shows its own photos in the order the agent gave them (not upload order), in the list, on its page and over GraphQL', async () => {
    const picture = (name: string, tint: number) => uploadFile(app, `${name}.png`, housePhoto(40, 30, [tint, 90, 90], [40, 40, 40], [100, 150, 200]), 'image/png', name);
    const [kitchen, garden, hall, attic] = [await picture('kitchen', 10), await picture('garden', 60), await picture('hall', 110), await picture('attic', 160)];
    const buyer = await roleOf(app, 'buyer');
    const contact = await createContact(app);
    const client = await createPortalUser(app, contact.documentId, { portalRole: buyer.id });
    const manyPhotos = await createProperty(app, { title: 'E many photos', photos: [hall, kitchen, garden] });
    const onePhoto = await createProperty(app, { title: 'F one photo', photos: [attic] });
    const noPhoto = await createProperty(app, { title: 'G no photo' });
    for (const property of [manyPhotos, onePhoto, noPhoto]) await deal(contact.documentId, property.documentId, buyer);
    const names = (property: any) => property.photos.map((photo: any) => photo.alternativeText);

    const list = await app.http().get(api('/properties')).set(bearer(client.jwt));
    expect(list.status).toBe(200);
    expect(list.body.data.map((property: any) => [property.title, names(property)])).toEqual([
      ['E many photos', ['hall', 'kitchen', 'garden']],
      ['F one photo', ['attic']],
      ['G no photo', []],
    ]);
    const one = await app.http().get(api(`/properties/${manyPhotos.documentId}`)).set(bearer(client.jwt));
    expect(names(one.body.data)).toEqual(['hall', 'kitchen', 'garden']);
    const gql = await app.http().post('/graphql').set(bearer(client.jwt)).send({ query: '{ portalProperties { title photos { alternativeText } } }' });
    expect(gql.body.data.portalProperties.map((property: any) => names(property))).toEqual([['hall', 'kitchen', 'garden'], ['attic'], []]);

    // Reordered the way the media field does it: the link's position changes, not the order the links were written.
    const schema = app.strapi.db.getSchemaName();
    const links = () => (schema ? app.strapi.db.connection('files_related_mph').withSchema(schema) : app.strapi.db.connection('files_related_mph'));
    await links().where({ file_id: garden, related_id: manyPhotos.id, related_type: 'api::property.property', field: 'photos' }).update({ order: 0.5 });
    const reordered = await app.http().get(api(`/properties/${manyPhotos.documentId}`)).set(bearer(client.jwt));
    expect(names(reordered.body.data)).toEqual(['garden', 'hall', 'kitchen']);
  });
});

describe('roles registered by developers', () => {
  it('a role and a new flag registered from code apply to the client at once', async () => {
    await app.strapi.plugin('client-portal').service('roles').register({ key: 'notary', name: 'Notary', permissions: { viewProperties: true, signContracts: true } });
    const notary = await roleOf(app, 'notary');
    const contact = await createContact(app);
    const user = await createPortalUser(app, contact.documentId, { portalRole: notary.id });
    await deal(contact.documentId, unoffered.documentId, notary);
    const listed = await app.http().get(api('/properties')).set(bearer(user.jwt));
    expect(listed.body.data.map((p: any) => p.title)).toEqual(['D not offered']);
    expect(listed.body.data[0]).toMatchObject({ role: { key: 'notary' }, permissions: { signContracts: true, viewProperties: true, giveFeedback: false } });
    const me2 = await app.http().get(api('/me')).set(bearer(user.jwt));
    expect(me2.body.data.permissions).toMatchObject({ signContracts: true, requestViewings: false });
    expect((await app.http().put(api(`/properties/${unoffered.documentId}/feedback`)).set(bearer(user.jwt)).send({ rating: 3 })).status).toBe(403);
    // Every other role now lists the flag, denied.
    expect((await roleOf(app, 'buyer')).permissions.signContracts ?? false).toBe(false);
  });
});

describe('feedback', () => {
  it('interested / not interested with reasons, rating, favourite; the deal is marked edited by client and logged', async () => {
    const res = await app.http().put(api(`/properties/${mine.documentId}/feedback`)).set(bearer(me.jwt)).send({ interest: 'not_interested', rejectionReasons: ['Too expensive', 'No parking'], rating: 2 });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ interest: 'not_interested', rejectionReasons: ['Too expensive', 'No parking'], rating: 2, favourite: false });
    const row = await app.strapi.db.query('api::deal.deal').findOne({ where: { property: { documentId: mine.documentId }, contact: { documentId: (await app.strapi.db.query('plugin::users-permissions.user').findOne({ where: { id: me.id }, populate: { contact: true } })).contact.documentId } } });
    expect(row).toMatchObject({ editedByClient: true, rating: 2, interest: 'not_interested' });
    expect(row.clientEditedAt).toBeTruthy();
    const activity = await app.strapi.db.query('plugin::client-portal.activity').findOne({ where: { type: 'feedback_given', property: { documentId: mine.documentId } } });
    expect(activity.summary).toContain('Too expensive');

    const fav = await gql(`mutation { setPropertyFeedback(documentId: "${mine.documentId}", favourite: true, interest: "interested") { interest favourite rejectionReasons rating } }`, me.jwt);
    expect(fav.body.data.setPropertyFeedback).toEqual({ interest: 'interested', favourite: true, rejectionReasons: [], rating: 2 });
    const favourites = await app.http().get(api('/properties?favourite=true')).set(bearer(me.jwt));
    expect(favourites.body.data.map((p: any) => p.documentId)).toEqual([mine.documentId]);
  });

  it('validates and allow-lists the body; no feedback on a read-only role (403) or on someone else\'s property (404)', async () => {
    const put = (id: string, body: Record<string, unknown>, jwt = me.jwt) => app.http().put(api(`/properties/${id}/feedback`)).set(bearer(jwt)).send(body);
    expect((await put(mine.documentId, { rating: 6 })).body.error.message).toBe('rating: must be from 1 to 5');
    expect((await put(mine.documentId, { interest: 'maybe' })).status).toBe(400);
    for (const field of ['contact', 'property', 'portalRole', 'editedByClient', 'documentId', 'permissionOverrides']) {
      const res = await put(mine.documentId, { [field]: 'x' });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(field);
    }
    expect((await put(mine.documentId, {})).status).toBe(400);
    const readOnly = await put(second.documentId, { rating: 5 });
    expect(readOnly.status).toBe(403);
    expect(readOnly.body.error.message).toBe('Not allowed');
    expect((await put(theirs.documentId, { rating: 5 })).status).toBe(404);
    const untouched = await app.strapi.db.query('api::deal.deal').findOne({ where: { property: { documentId: theirs.documentId } } });
    expect(untouched.rating).toBeNull();
  });

  it('removing a permission takes effect on the very next request', async () => {
    const user = await app.strapi.db.query('plugin::users-permissions.user').findOne({ where: { id: me.id }, populate: { contact: true } });
    const myDeal = await app.strapi.db.query('api::deal.deal').findOne({ where: { pairKey: `${user.contact.documentId}:${mine.documentId}` } });
    await app.strapi.db.query('api::deal.deal').update({ where: { id: myDeal.id }, data: { permissionOverrides: { giveFeedback: false } } });
    expect((await app.http().put(api(`/properties/${mine.documentId}/feedback`)).set(bearer(me.jwt)).send({ rating: 4 })).status).toBe(403);
    const viaGql = await gql(`mutation { setPropertyFeedback(documentId: "${mine.documentId}", rating: 4) { rating } }`, me.jwt);
    expect(viaGql.body.errors[0].message).toBe('Not allowed');
    await app.strapi.db.query('api::deal.deal').update({ where: { id: myDeal.id }, data: { permissionOverrides: { viewProperties: false } } });
    expect((await app.http().get(api(`/properties/${mine.documentId}`)).set(bearer(me.jwt))).status).toBe(404);
    await app.strapi.db.query('api::deal.deal').update({ where: { id: myDeal.id }, data: { permissionOverrides: null } });
    expect((await app.http().get(api(`/properties/${mine.documentId}`)).set(bearer(other.jwt))).status).toBe(404);
  });
});

describe('member routes authenticate the portal JWT only', () => {
  it('a client request does not look its JWT up among the API tokens', async () => {
    const { result: res, statements } = await sqlDuring(app, async () => app.http().get(api('/properties')).set(bearer(me.jwt)));
    expect(res.status).toBe(200);
    const sent = statements.map((statement) => statement.sql);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.filter((sql) => sql.includes('strapi_api_tokens'))).toEqual([]);
  });

  it('a full-access API token is refused on member routes (401), as before', async () => {
    const token = await app.strapi.service('admin::api-token').create({ name: `member-routes ${Date.now()}`, type: 'full-access', lifespan: null });
    try {
      for (const path of ['/properties', '/me', '/viewings']) {
        const res = await app.http().get(api(path)).set(bearer(token.accessKey));
        expect(res.status).toBe(401);
      }
    } finally {
      await app.strapi.service('admin::api-token').revoke(token.id);
    }
  });
});
