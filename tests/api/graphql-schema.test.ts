import { useTestApp } from '../helpers/strapi';
import { bearer, createPortalUser, type PortalUser } from '../helpers/users';
import { createContact, createProperty, dealOf, roleOf } from '../helpers/portal';
import { syncUsersPermissions } from '../../src/plugins/client-portal/server/src/users-permissions';

/**
 * The portal's GraphQL schema is typed (object types, no JSON scalar in what a client operation returns), and each
 * operation has its own users-permissions scope: the REST action it mirrors.
 */
const app = useTestApp();
let client: PortalUser;
let home: any;

const gql = (query: string, jwt?: string) => {
  const req = app.http().post('/graphql');
  return (jwt ? req.set(bearer(jwt)) : req).send({ query });
};

type TypeRef = { kind: string; name: string | null; ofType: TypeRef | null };
const TYPE_REF = 'kind name ofType { kind name ofType { kind name ofType { kind name } } }';
const named = (ref: TypeRef | null): string => (!ref ? '' : ref.name ?? named(ref.ofType));
const shape = (ref: TypeRef | null): string => (!ref ? '' : ref.kind === 'NON_NULL' ? `${shape(ref.ofType)}!` : ref.kind === 'LIST' ? `[${shape(ref.ofType)}]` : ref.name!);

const schema = async () => {
  const res = await gql(`{ __schema { types { name kind fields { name type { ${TYPE_REF} } } } queryType { fields { name type { ${TYPE_REF} } } } mutationType { fields { name type { ${TYPE_REF} } } } } }`);
  return res.body.data.__schema as {
    types: Array<{ name: string; kind: string; fields: Array<{ name: string; type: TypeRef }> | null }>;
    queryType: { fields: Array<{ name: string; type: TypeRef }> };
    mutationType: { fields: Array<{ name: string; type: TypeRef }> };
  };
};

/** Fields of `typeName` as `name: shape`. */
const fieldsOf = (types: Awaited<ReturnType<typeof schema>>['types'], typeName: string) =>
  Object.fromEntries((types.find((type) => type.name === typeName)?.fields ?? []).map((field) => [field.name, shape(field.type)]));

const PORTAL_OPERATION = /^(portal|previewPortal|acceptPortal|registerPortal|verifyPortal|resendPortal|changePortal|updatePortal|createPortal|deletePortal|sendPortal|invitePortal|requestViewing$|cancelViewing$|setPropertyFeedback$)/;

beforeAll(async () => {
  const contact = await createContact(app);
  home = await createProperty(app, { title: 'Typed house' });
  await dealOf(app, contact, home, 'buyer');
  client = await createPortalUser(app, contact.documentId, { portalRole: (await roleOf(app, 'buyer')).id });
});

describe('introspection', () => {
  it('reaches no JSON scalar from any portal operation', async () => {
    const { types, queryType, mutationType } = await schema();
    const byName = new Map(types.map((type) => [type.name, type]));
    const operations = [...queryType.fields, ...mutationType.fields].filter((field) => PORTAL_OPERATION.test(field.name));
    expect(operations.length).toBeGreaterThanOrEqual(30);
    for (const operation of operations) {
      // Every type reachable from the operation's result, field by field.
      const seen = new Set<string>();
      const walk = (typeName: string, path: string) => {
        expect({ path, type: typeName }).not.toEqual({ path, type: 'JSON' });
        if (seen.has(typeName)) return;
        seen.add(typeName);
        for (const field of byName.get(typeName)?.fields ?? []) walk(named(field.type), `${path}.${field.name}`);
      };
      walk(named(operation.type), operation.name);
    }
  });

  it('types viewings, notes, messages, timeline, documents, transaction contacts and pagination', async () => {
    const { types, queryType, mutationType } = await schema();
    const results = Object.fromEntries([...queryType.fields, ...mutationType.fields].map((field) => [field.name, shape(field.type)]));
    expect(results).toMatchObject({
      portalViewings: '[PortalViewing!]',
      portalViewing: 'PortalViewing',
      portalNotes: '[PortalNote!]',
      portalMessages: '[PortalMessage!]',
      portalTimeline: '[PortalTimelineItem!]',
      portalDocuments: '[PortalDocument!]',
      portalContacts: '[PortalTransactionContact!]',
      portalProperties_connection: 'PortalPropertyConnection',
      requestViewing: 'PortalViewing',
      cancelViewing: 'PortalViewing',
      createPortalNote: 'PortalNote',
      updatePortalNote: 'PortalNote',
      deletePortalNote: 'PortalDeleted',
      sendPortalMessage: 'PortalMessage',
      invitePortalMember: 'PortalInviteResult',
    });
    expect(fieldsOf(types, 'PortalViewing')).toMatchObject({
      documentId: 'String!',
      status: 'String!',
      property: 'PortalPropertyRef!',
      preferredDates: '[String!]!',
      confirmedDate: 'String',
      navigation: 'PortalNavigation',
      photos: '[PortalFile!]!',
      voiceNotes: '[PortalFile!]!',
    });
    expect(fieldsOf(types, 'PortalNote')).toMatchObject({ documentId: 'String!', text: 'String!', property: 'PortalPropertyRef', viewing: 'PortalViewingRef' });
    expect(fieldsOf(types, 'PortalMessage')).toMatchObject({ documentId: 'String!', body: 'String!', direction: 'String!', createdAt: 'String', readAt: 'String' });
    expect(fieldsOf(types, 'PortalTimelineItem')).toMatchObject({ property: 'PortalPropertyRef!', title: 'String', kind: 'String', date: 'String', done: 'Boolean!' });
    expect(fieldsOf(types, 'PortalDocument')).toMatchObject({ documentId: 'String!', title: 'String!', folder: 'String', property: 'PortalPropertyRef!', file: 'PortalFile' });
    expect(fieldsOf(types, 'PortalTransactionContact')).toMatchObject({ name: 'String!', role: 'PortalRoleSummary', property: 'PortalPropertyRef!' });
    expect(fieldsOf(types, 'PortalPagination')).toEqual({ page: 'Int!', pageSize: 'Int!', pageCount: 'Int!', total: 'Int!' });
    expect(fieldsOf(types, 'PortalPropertyConnection')).toEqual({ nodes: '[PortalProperty!]!', pageInfo: 'PortalPagination!' });
    expect(fieldsOf(types, 'PortalProperty')).toMatchObject({ location: 'PortalLocation', photos: '[PortalFile!]', permissions: '[PortalPermission!]' });
  });

  it('answers typed results: a page of properties with its pagination, a viewing with its property', async () => {
    const page = await gql('{ portalProperties_connection(pageSize: 1) { nodes { title location { mapUrl } } pageInfo { page pageSize pageCount total } } }', client.jwt);
    expect(page.body.data.portalProperties_connection).toEqual({ nodes: [{ title: 'Typed house', location: { mapUrl: null } }], pageInfo: { page: 1, pageSize: 1, pageCount: 1, total: 1 } });
    const requested = await gql(`mutation { requestViewing(property: "${home.documentId}", preferredDates: ["2099-01-01T10:00:00Z"]) { status property { title } preferredDates photos { url } createdAt } }`, client.jwt);
    expect(requested.body.data.requestViewing).toMatchObject({ status: 'requested', property: { title: 'Typed house' }, preferredDates: ['2099-01-01T10:00:00.000Z'], photos: [] });
    expect(new Date(requested.body.data.requestViewing.createdAt).toISOString()).toBe(requested.body.data.requestViewing.createdAt);
  });
});

describe('one scope per operation', () => {
  const NOTES = 'plugin::client-portal.portal-activities.listNotes';
  const permissions = () => app.strapi.db.query('plugin::users-permissions.permission');
  const authenticatedRole = async () => (await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } }))!.id;

  it('an action switched off in the Authenticated role closes its REST route and its GraphQL field alone, and stays off after a restart', async () => {
    expect((await gql('{ portalNotes { text } }', client.jwt)).body.data.portalNotes).toEqual([]);
    expect((await app.http().get('/api/client-portal/notes').set(bearer(client.jwt))).status).toBe(200);

    await permissions().deleteMany({ where: { action: NOTES, role: { id: await authenticatedRole() } } });
    const viaGraphql = await gql('{ portalNotes { text } }', client.jwt);
    expect(viaGraphql.body.errors?.[0]?.message).toBe('Forbidden access');
    expect((await app.http().get('/api/client-portal/notes').set(bearer(client.jwt))).status).toBe(403);
    // The other operations keep working.
    expect((await gql('{ portalViewings { status } portalMessages { body } }', client.jwt)).body.data).toEqual({ portalViewings: expect.any(Array), portalMessages: [] });
    expect((await app.http().get('/api/client-portal/viewings').set(bearer(client.jwt))).status).toBe(200);

    // What every boot runs: an action once granted and then taken away is not granted again.
    await syncUsersPermissions(app.strapi);
    expect(await permissions().count({ where: { action: NOTES, role: { id: await authenticatedRole() } } })).toBe(0);
    expect((await gql('{ portalNotes { text } }', client.jwt)).body.errors?.[0]?.message).toBe('Forbidden access');
  });
});
