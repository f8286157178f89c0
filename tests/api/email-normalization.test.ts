import { useTestApp } from '../helpers/strapi';
import { allFields, bearer, contentManager, createAgent, createPortalUser, type Agent } from '../helpers/users';
import { createContact, createProperty, dealOf, mailsTo, portalAgent, roleOf } from '../helpers/portal';
import type { ReceivedMail } from '../helpers/smtp-sink';

/**
 * An address typed with surrounding spaces or capitals — through the content manager, REST, the Document Service or
 * an import (the query engine) — is stored as typed but trimmed, and invited, matched and de-duplicated by its
 * normalised form.
 */
let agent: Agent;
let editor: Agent;
let token: string;
let counter = 0;

const CONTACT = 'api::contact.contact';
const contacts = () => app.strapi.db.query(CONTACT);
const typed = () => {
  counter += 1;
  return { firstName: 'Typed', lastName: `Spaces ${counter}`, email: `  Jane.Doe+${counter}@Example.COM  ` };
};
const codeFrom = (mail: ReceivedMail) => /^\s*(\d{6})\s*$/m.exec(mail.text)![1];

/** Each entry point creates a contact from the same typed data and answers its documentId. */
const ENTRY_POINTS: Array<[string, (data: ReturnType<typeof typed>) => Promise<string>]> = [
  ['the content manager', async (data) => {
    const res = await app.http().post(`/content-manager/collection-types/${CONTACT}`).set(bearer(editor.jwt)).send(data);
    expect(res.status).toBe(201);
    return res.body.data.documentId;
  }],
  ['the REST API', async (data) => {
    const res = await app.http().post('/api/contacts').set(bearer(token)).send({ data });
    expect(res.status).toBe(201);
    return res.body.data.documentId;
  }],
  ['the Document Service', async (data) => ((await app.strapi.documents(CONTACT).create({ data: data as any })) as any).documentId],
  ['an import (query engine)', async (data) => ((await contacts().create({ data: { ...data, documentId: `import-${counter}-${Date.now()}` } })) as any).documentId],
];

const app = useTestApp();

beforeAll(async () => {
  agent = await portalAgent(app);
  editor = await createAgent(app, contentManager(CONTACT, ['read', 'create', 'update'], allFields(app.strapi, CONTACT)), 'Editor');
  token = (await app.strapi.service('admin::api-token').create({ name: `import ${Date.now()}`, type: 'full-access', lifespan: null })).accessKey;
});

describe('email addresses are normalised at every entry point', () => {
  it.each(ENTRY_POINTS)('a contact saved through %s keeps the address as typed, trimmed, and is invited by its normalised address', async (_, save) => {
    const data = typed();
    const documentId = await save(data);
    const row = await contacts().findOne({ where: { documentId } });
    expect(row.email).toBe(data.email.trim());
    expect(row.emailNormalized).toBe(data.email.trim().toLowerCase());

    const res = await app.http().post('/client-portal/invitations').set(bearer(agent.jwt)).send({ contact: documentId, portalRole: 'buyer' });
    expect(res.status).toBe(201);
    expect(res.body.data.email).toBe(data.email.trim());
    const invitation = await app.strapi.db.query('plugin::client-portal.invitation').findOne({ where: { documentId: res.body.data.documentId } });
    expect(invitation.emailNormalized).toBe(data.email.trim().toLowerCase());
    // Sent to the address as typed (without the spaces): the local part's case is the owner's.
    const [mail] = await mailsTo(app, data.email.trim().toLowerCase());
    expect(mail.to).toHaveLength(1);
    expect(mail.to[0]).toMatch(/^Jane\.Doe\+\d+@example\.com$/i);
  });

  it('an update through the query engine is normalised too', async () => {
    const contact = await createContact(app);
    await contacts().update({ where: { id: contact.id }, data: { email: ' Moved.Address@Example.NET ' } });
    expect(await contacts().findOne({ where: { id: contact.id } })).toMatchObject({ email: 'Moved.Address@Example.NET', emailNormalized: 'moved.address@example.net' });
  });

  it('a self-registration in other capitals is matched to the contact when verified', async () => {
    const data = typed();
    const documentId = await ENTRY_POINTS[1][1](data);
    const shouted = data.email.trim().toUpperCase();
    expect((await app.http().post('/api/client-portal/auth/register').send({ portalId: 'office', firstName: 'Janet', lastName: 'Doelen', email: shouted, password: 'registration passphrase' })).status).toBe(202);
    const code = codeFrom((await mailsTo(app, shouted.toLowerCase()))[0]);
    const verified = await app.http().post('/api/client-portal/auth/verify-email').send({ email: ` ${data.email} `, code });
    expect(verified.status).toBe(200);
    expect(verified.body.data.user.contact).toBe(documentId);
  });

  it('a client inviting the same person in other capitals finds the existing contact instead of making a second one', async () => {
    await app.http().put('/client-portal/settings').set(bearer(agent.jwt)).send({ clientsCanInviteOthers: true });
    const inviterContact = await createContact(app);
    await dealOf(app, inviterContact, await createProperty(app), 'buyer');
    const inviter = await createPortalUser(app, inviterContact.documentId, { portalRole: (await roleOf(app, 'buyer')).id });
    const data = typed();
    const documentId = await ENTRY_POINTS[2][1](data);
    const before = await contacts().count();
    const res = await app.http().post('/api/client-portal/invitations').set(bearer(inviter.jwt)).send({ email: data.email.trim().toUpperCase(), firstName: 'Jane', lastName: 'Doe', role: 'co-owner' });
    expect(res.status).toBe(201);
    expect(await contacts().count()).toBe(before);
    const invitation = await app.strapi.db.query('plugin::client-portal.invitation').findOne({ where: { emailNormalized: data.email.trim().toLowerCase() }, populate: { contact: true } });
    expect(invitation.contact.documentId).toBe(documentId);
  });
});
