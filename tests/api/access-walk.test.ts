import { useTestApp } from '../helpers/strapi';
import { bearer, createPortalUser, type PortalUser } from '../helpers/users';
import { createContact, createProperty, portalAgent, roleOf, uploadFile } from '../helpers/portal';
import { housePhoto } from '../../src/seed/png';

/**
 * Walks every content-API route and every GraphQL operation of the plugin (read from the running app, so a new
 * route is covered without touching this file) and proves that an anonymous caller, and a client of another
 * contact, get nothing of contact A: no data, no change.
 */
let a: PortalUser;
let b: PortalUser;
const ids: Record<string, string> = {};
let photoId = 0;
let contactB = '';
const SECRET = 'SECRET-OF-A';

const clock = () => app.strapi.plugin('client-portal').service('clock');

const app = useTestApp();

beforeAll(async () => {
  const agent = await portalAgent(app);
  await app.http().put('/client-portal/settings').set(bearer(agent.jwt)).send({ clientsCanInviteOthers: true });
  const buyer = await roleOf(app, 'buyer');
  const contactA = await createContact(app, { firstName: `${SECRET}-contact` });
  const contactOfB = await createContact(app);
  contactB = contactOfB.documentId;
  a = await createPortalUser(app, contactA.documentId, { portalRole: buyer.id, firstName: `${SECRET}-first` });
  b = await createPortalUser(app, contactOfB.documentId, { portalRole: buyer.id });
  const propertyA = await createProperty(app, { title: `${SECRET}-property`, timeline: [{ title: `${SECRET}-milestone`, kind: 'date' }] });
  const propertyB = await createProperty(app, { title: 'B home' });
  for (const [contact, property] of [[contactA, propertyA], [contactOfB, propertyB]]) {
    await app.strapi.documents('api::deal.deal').create({ data: { contact: contact.documentId, property: property.documentId, portalRole: buyer.id } as any });
  }
  ids.property = propertyA.documentId;

  clock().set('2030-05-01T08:00:00Z');
  const viewing = await app.http().post('/api/client-portal/viewings').set(bearer(a.jwt)).send({ property: propertyA.documentId, preferredDates: ['2030-05-02T10:00:00Z'], message: `${SECRET}-viewing` });
  ids.viewing = viewing.body.data.documentId;
  await app.http().put(`/client-portal/viewings/${ids.viewing}/confirm`).set(bearer(agent.jwt)).send({ date: '2030-05-02T10:00:00Z' });
  clock().set('2030-05-02T09:00:00Z');
  const photo = await app
    .http()
    .post(`/api/client-portal/viewings/${ids.viewing}/photos`)
    .set(bearer(a.jwt))
    .attach('file', housePhoto(20, 20, [1, 2, 3], [4, 5, 6], [7, 8, 9]), { filename: `${SECRET}.png`, contentType: 'image/png' });
  photoId = photo.body.data.photos[0].id;
  const note = await app.http().post('/api/client-portal/notes').set(bearer(a.jwt)).send({ text: `${SECRET}-note`, property: propertyA.documentId });
  ids.note = note.body.data.documentId;
  await app.http().post('/api/client-portal/messages').set(bearer(a.jwt)).send({ body: `${SECRET}-message` });
  const file = await uploadFile(app, `${SECRET}.pdf`, '%PDF-1.4', 'application/pdf');
  await app.strapi.documents('api::document.document').create({ data: { title: `${SECRET}-document`, folder: 'Legal', file, property: (await app.strapi.db.query('api::property.property').findOne({ where: { documentId: ids.property } })).id } as any });
});

afterAll(async () => {
  clock()?.set(null);
});

/** Snapshot of A's data, to prove nothing changed. */
const snapshotA = async () => {
  const q = (uid: string, where: Record<string, unknown>) => app.strapi.db.query(uid as any).findMany({ where, orderBy: { id: 'asc' } });
  const user = await app.strapi.db.query('plugin::users-permissions.user').findOne({ where: { id: a.id }, populate: { contact: true } });
  const strip = (rows: any[]) => rows.map(({ updatedAt, ...rest }: any) => rest);
  return JSON.stringify({
    user: { email: user.email, firstName: user.firstName, blocked: user.blocked, portalStatus: user.portalStatus, password: user.password },
    contact: strip(await q('api::contact.contact', { id: user.contact.id })),
    property: strip(await q('api::property.property', { documentId: ids.property })),
    dealsOnProperty: strip(await q('api::deal.deal', { property: { documentId: ids.property } })),
    notesOnProperty: strip(await q('api::note.note', { property: { documentId: ids.property } })),
    documentsOnProperty: strip(await q('api::document.document', { property: { documentId: ids.property } })),
    deals: strip(await q('api::deal.deal', { contact: { id: user.contact.id } })),
    viewings: strip(await q('api::viewing.viewing', { contact: { id: user.contact.id } })),
    notes: strip(await q('api::note.note', { authorAccount: { id: a.id } })),
    messages: strip(await q('api::message.message', { contact: { id: user.contact.id } })),
  });
};

const fillPath = (path: string) =>
  path
    .replace(/^\/properties\/:documentId/, `/properties/${ids.property}`)
    .replace(/^\/viewings\/:documentId/, `/viewings/${ids.viewing}`)
    .replace(/^\/notes\/:documentId/, `/notes/${ids.note}`)
    .replace(/:kind\([^)]*\)/, 'photos')
    .replace(/:fileId/, String(photoId));

/** A plausible body aimed at A's records. */
const bodyFor = (path: string) => ({
  property: ids.property,
  viewing: ids.viewing,
  preferredDates: ['2031-01-01T10:00:00Z'],
  text: 'written by someone else',
  body: 'hello',
  rating: 1,
  favourite: true,
  firstName: 'Someone',
  lastName: 'Else',
  email: 'walker@client.test',
  role: 'read-only-guest',
  ...(path.includes('change-password') ? { currentPassword: a.password, password: 'taken over passphrase' } : {}),
});

const pluginRoutes = () => {
  const routes = (app.strapi.plugin('client-portal').routes as any)['content-api'].routes as any[];
  // Logging out ends the walker's own session: those routes come last.
  const last = (path: string) => (path.startsWith('/auth/logout') ? 1 : 0);
  return routes
    .map((route) => ({ method: route.method as string, path: route.path as string, open: route.config?.auth === false }))
    .sort((x, y) => last(x.path) - last(y.path));
};

const call = (route: { method: string; path: string }, jwt?: string) => {
  const url = `/api/client-portal${fillPath(route.path)}`;
  const req = (app.http() as any)[route.method.toLowerCase()](url);
  if (jwt) req.set(bearer(jwt));
  return route.method === 'GET' || route.method === 'DELETE' ? req : req.send(route.path.includes('/photos') ? {} : bodyFor(route.path));
};

describe('every plugin route', () => {
  it('covers a real set of routes', () => {
    const routes = pluginRoutes();
    expect(routes.filter((r) => !r.open).length).toBeGreaterThanOrEqual(20);
  });

  it('answers an anonymous caller with 401/403 and nothing of A', async () => {
    const before = await snapshotA();
    for (const route of pluginRoutes().filter((r) => !r.open)) {
      const res = await call(route);
      expect({ route: `${route.method} ${route.path}`, status: [401, 403].includes(res.status) }).toEqual({ route: `${route.method} ${route.path}`, status: true });
      expect(JSON.stringify(res.body)).not.toContain(SECRET);
    }
    expect(await snapshotA()).toEqual(before);
  });

  it('gives a client of another contact nothing of A and changes nothing of A', async () => {
    const before = await snapshotA();
    for (const route of pluginRoutes().filter((r) => !r.open)) {
      const res = await call(route, b.jwt);
      const label = `${route.method} ${route.path} → ${res.status}`;
      expect({ label, leaked: JSON.stringify(res.body).includes(SECRET) }).toEqual({ label, leaked: false });
      if (route.path.includes(':documentId')) expect({ label, status: [404, 400].includes(res.status) }).toEqual({ label, status: true });
    }
    expect(await snapshotA()).toEqual(before);
    // B's walk ended with logging out: B signs in again for the walks below.
    b.jwt = await app.strapi.plugin('client-portal').service('auth').issueJwt({ id: b.id });
    // And A still sees their own data.
    const own = await app.http().get(`/api/client-portal/properties/${ids.property}`).set(bearer(a.jwt));
    expect(own.status).toBe(200);
    expect(JSON.stringify(own.body)).toContain(SECRET);
  });
});

describe('Strapi\'s own GraphQL operations of the domain types (shadow CRUD)', () => {
  const DOMAIN = /^(contacts?|propert(y|ies)|deals?|viewings?|notes?|messages?|documents?)(_connection)?$|^(create|update|delete)(Contact|Property|Deal|Viewing|Note|Message|Document)$/;
  /** What B would write, aimed at A's property and contact. */
  const DATA: Record<string, string> = {
    Contact: '{ firstName: "Taken over" }',
    Property: '{ title: "Taken over" }',
    Deal: `{ contact: "${'CONTACT_B'}", property: "${'PROPERTY_A'}" }`,
    Viewing: '{ status: confirmed }',
    Note: `{ text: "written by B", property: "${'PROPERTY_A'}" }`,
    Message: '{ body: "hello", direction: from_agent }',
    Document: `{ title: "Planted", property: "${'PROPERTY_A'}" }`,
  };
  const operations = async () => {
    const res = await app.http().post('/graphql').set(bearer(a.jwt)).send({ query: '{ __schema { queryType { fields { name } } mutationType { fields { name } } } }' });
    const schema = res.body.data.__schema;
    return [
      ...schema.queryType.fields.filter((f: any) => DOMAIN.test(f.name)).map((f: any) => ({ name: f.name, op: 'query' })),
      ...schema.mutationType.fields.filter((f: any) => DOMAIN.test(f.name)).map((f: any) => ({ name: f.name, op: 'mutation' })),
    ];
  };
  const documentOf = (op: { name: string; op: string }) => {
    const type = /^(create|update|delete)(\w+)$/.exec(op.name)?.[2];
    const target = type === 'Property' ? ids.property : type === 'Note' ? ids.note : type === 'Viewing' ? ids.viewing : ids.property;
    const data = (type ? DATA[type] ?? '{}' : '').replace('CONTACT_B', contactB).replace(/PROPERTY_A/g, ids.property);
    if (op.name.startsWith('create')) return `mutation { ${op.name}(data: ${data}) { documentId } }`;
    if (op.name.startsWith('update')) return `mutation { ${op.name}(documentId: "${target}", data: ${data}) { documentId } }`;
    if (op.name.startsWith('delete')) return `mutation { ${op.name}(documentId: "${target}") { documentId } }`;
    if (op.name.endsWith('_connection')) return `{ ${op.name} { nodes { documentId } } }`;
    const single = !/s$|ies$/.test(op.name) || op.name === 'address';
    return single ? `{ ${op.name}(documentId: "${ids.property}") { documentId } }` : `{ ${op.name} { documentId } }`;
  };

  it('exist for every domain type, and a client reaches none of them: reads, and writes aimed at another client\'s property', async () => {
    const ops = await operations();
    const names = ops.map((op) => op.name);
    for (const name of ['contacts', 'properties', 'deals', 'viewings', 'notes', 'messages', 'documents', 'createDeal', 'updateProperty', 'createNote', 'deleteDocument']) {
      expect(names).toContain(name);
    }
    const before = await snapshotA();
    for (const op of ops) {
      const query = documentOf(op);
      const res = await app.http().post('/graphql').set(bearer(b.jwt)).send({ query });
      const answered = res.body.data ? Object.values(res.body.data).filter((value) => value !== null) : [];
      expect({ query, refused: (res.body.errors?.length ?? 0) > 0 && answered.length === 0 }).toEqual({ query, refused: true });
      // Refused for want of permission, not because the query was malformed.
      expect({ query, error: res.body.errors[0].message }).toEqual({ query, error: 'Forbidden access' });
      expect({ query, leaked: JSON.stringify(res.body).includes(SECRET) }).toEqual({ query, leaked: false });
    }
    expect(await snapshotA()).toEqual(before);
  });
});

describe('every plugin GraphQL operation', () => {
  const operations = async () => {
    const res = await app.http().post('/graphql').set(bearer(a.jwt)).send({
      query: '{ __schema { queryType { fields { name type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } args { name type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } mutationType { fields { name type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } args { name type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } } }',
    });
    const mine = (field: any) => /^portal|PortalInvitation$|^(requestViewing|cancelViewing|setPropertyFeedback|createPortalNote|updatePortalNote|deletePortalNote|sendPortalMessage|invitePortalMember|changePortalPassword|updatePortalMe|registerPortalAccount|verifyPortalEmail|resendPortalCode)$/.test(field.name);
    // Logging out ends the walker's own session: those operations come last.
    const last = (field: any) => (/^portalLogout/.test(field.name) ? 1 : 0);
    return [
      ...res.body.data.__schema.queryType.fields.filter(mine).map((f: any) => ({ ...f, op: 'query' })),
      ...res.body.data.__schema.mutationType.fields.filter(mine).map((f: any) => ({ ...f, op: 'mutation' })),
    ].sort((x, y) => last(x) - last(y));
  };
  const OPEN = ['previewPortalInvitation', 'acceptPortalInvitation', 'registerPortalAccount', 'verifyPortalEmail', 'resendPortalCode', 'portalLogin', 'portalForgotPassword', 'portalResetPassword'];

  const named = (t: any): string => (!t ? '' : t.name ? t.name : named(t.ofType));
  const literal = (arg: any, field: string) => {
    const type = named(arg.type);
    const isList = JSON.stringify(arg.type).includes('"LIST"');
    if (arg.name === 'documentId') return JSON.stringify(field.includes('Viewing') ? ids.viewing : field.includes('Note') ? ids.note : ids.property);
    if (arg.name === 'property') return JSON.stringify(ids.property);
    if (arg.name === 'viewing') return JSON.stringify(ids.viewing);
    if (isList) return JSON.stringify(['2031-01-01T10:00:00Z']);
    if (type === 'Int') return '1';
    if (type === 'Float') return '1';
    if (type === 'Boolean') return 'true';
    if (type.endsWith('Input')) return '{}';
    if (arg.name === 'email') return JSON.stringify('walker@client.test');
    if (arg.name === 'role') return JSON.stringify('read-only-guest');
    return JSON.stringify('a long enough value');
  };
  const document = (field: any) => {
    const args = field.args.map((arg: any) => `${arg.name}: ${literal(arg, field.name)}`).join(', ');
    const scalar = ['SCALAR', 'ENUM'].includes(field.type.kind) || ['SCALAR', 'ENUM'].includes(field.type.ofType?.kind) || ['SCALAR', 'ENUM'].includes(field.type.ofType?.ofType?.kind);
    return `${field.op} { ${field.name}${args ? `(${args})` : ''}${scalar ? '' : ' { __typename }'} }`;
  };

  it('covers the API contract\'s operations', async () => {
    const names = (await operations()).map((op: any) => op.name);
    for (const name of ['portalMe', 'portalProperties', 'portalProperty', 'portalViewings', 'portalViewing', 'portalNotes', 'portalMessages', 'portalTimeline', 'portalDocuments', 'setPropertyFeedback', 'requestViewing', 'cancelViewing', 'createPortalNote', 'updatePortalNote', 'deletePortalNote', 'sendPortalMessage', 'invitePortalMember', 'changePortalPassword', 'updatePortalMe']) {
      expect(names).toContain(name);
    }
  });

  it('gives anonymous callers errors and clients of another contact nothing of A', async () => {
    const before = await snapshotA();
    for (const field of await operations()) {
      const query = document(field);
      const anonymous = await app.http().post('/graphql').send({ query });
      expect(JSON.stringify(anonymous.body)).not.toContain(SECRET);
      if (!OPEN.includes(field.name)) {
        expect({ query, errored: (anonymous.body.errors?.length ?? 0) > 0 }).toEqual({ query, errored: true });
      }
      const asB = await app.http().post('/graphql').set(bearer(b.jwt)).send({ query });
      expect({ query, leaked: JSON.stringify(asB.body).includes(SECRET) }).toEqual({ query, leaked: false });
    }
    expect(await snapshotA()).toEqual(before);
  });
});
