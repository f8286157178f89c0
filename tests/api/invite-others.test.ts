import { useTestApp } from '../helpers/strapi';
import { bearer, createPortalUser, type Agent, type PortalUser } from '../helpers/users';
import { createContact, createProperty, dealOf, mailsTo, outboxIdle, portalAgent, roleOf, tokenFrom } from '../helpers/portal';

/**
 * A client inviting others learns nothing about anyone else (same status and body whoever the address belongs to),
 * shares only the properties where the chosen role is no stronger than their own, and stays within the daily cap
 * however many requests arrive at once.
 */
let agent: Agent;
let me: PortalUser;
let homes: Record<'buyerHome' | 'sellerHome' | 'coOwnerHome', any>;

const api = (route: string) => `/api/client-portal${route}`;
const invite = (jwt: string, body: Record<string, unknown>) => app.http().post(api('/invitations')).set(bearer(jwt)).send(body);
const invitations = () => app.strapi.db.query('plugin::client-portal.invitation');
const clientWithHomes = async () => {
  const contact = await createContact(app, { firstName: 'Ines', lastName: 'Inviter' });
  for (const [key, role] of [['buyerHome', 'buyer'], ['sellerHome', 'seller'], ['coOwnerHome', 'co-owner']] as const) await dealOf(app, contact, homes[key], role);
  return createPortalUser(app, contact.documentId, { portalRole: (await roleOf(app, 'buyer')).id });
};

const app = useTestApp();

beforeAll(async () => {
  agent = await portalAgent(app);
  await app.http().put('/client-portal/settings').set(bearer(agent.jwt)).send({ clientsCanInviteOthers: true });
  homes = {
    buyerHome: await createProperty(app, { title: 'Home I buy' }),
    sellerHome: await createProperty(app, { title: 'Home I sell' }),
    coOwnerHome: await createProperty(app, { title: 'Home I co-own' }),
  };
  me = await clientWithHomes();
});

describe('invite others discloses nothing', () => {
  it('answers the same status and body for an unknown address, a CRM contact, a portal user, an invitee and a do-not-contact (REST and GraphQL)', async () => {
    const secretContact = await createContact(app, { firstName: 'Hidden', lastName: 'Client', phone: '+31 6 9999 0000', email: 'crm@client.test', owner: agent.id });
    const portalUser = await createContact(app, { firstName: 'Existing', lastName: 'Portaluser', email: 'member@client.test' });
    await createPortalUser(app, portalUser.documentId, { email: 'member@client.test' });
    const invitee = await createContact(app, { firstName: 'Already', lastName: 'Invited', email: 'invited@client.test' });
    await app.http().post('/client-portal/invitations').set(bearer(agent.jwt)).send({ contact: invitee.documentId, portalRole: 'buyer', message: 'SECRET agent message' });
    await createContact(app, { firstName: 'Do', lastName: 'Notcontact', email: 'dnc@client.test', doNotContact: true });

    const addresses = ['nobody@client.test', 'crm@client.test', 'member@client.test', 'invited@client.test', 'dnc@client.test'];
    const answers = [];
    for (const email of addresses) {
      const res = await invite(me.jwt, { email, firstName: 'Any', lastName: 'Name', role: 'co-owner' });
      answers.push({ status: res.status, body: res.body });
    }
    for (const [index, answer] of answers.entries()) {
      expect(answer).toEqual({ status: 201, body: { data: { ok: true, email: addresses[index], firstName: 'Any', lastName: 'Name', role: { key: 'co-owner', name: 'Co-owner' } } } });
    }
    expect(JSON.stringify(answers)).not.toMatch(/Hidden|Existing|Already|9999|SECRET|documentId|Home I|pending|portalUser|@agency/);

    for (const email of addresses) {
      const gql = await app.http().post('/graphql').set(bearer(me.jwt)).send({ query: `mutation { invitePortalMember(email: "${email.replace('@', '+gql@')}", firstName: "Any", lastName: "Name", role: "co-owner") { ok email firstName lastName role { key name } } }` });
      expect(gql.body.errors).toBeUndefined();
      expect(Object.keys(gql.body.data.invitePortalMember).sort()).toEqual(['email', 'firstName', 'lastName', 'ok', 'role']);
    }

    // Behind the same answer: new and CRM contacts are invited; the portal user, the invitee and the do-not-contact are not.
    await outboxIdle(app);
    expect(await invitations().count({ where: { emailNormalized: 'nobody@client.test' } })).toBe(1);
    expect(await invitations().count({ where: { contact: { id: secretContact.id } } })).toBe(1);
    expect(await invitations().count({ where: { emailNormalized: 'member@client.test' } })).toBe(0);
    expect(await invitations().count({ where: { contact: { id: invitee.id }, status: 'pending' } })).toBe(1);
    expect(await invitations().count({ where: { emailNormalized: 'dnc@client.test' } })).toBe(0);
    expect(app.smtp.to('dnc@client.test')).toHaveLength(0);
  });

  it('one\'s own address is refused (400), which tells nothing about anyone else', async () => {
    const res = await invite(me.jwt, { email: me.email.toUpperCase(), firstName: 'Me', lastName: 'Again', role: 'co-owner' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('email: is your own address');
  });
});

describe('the invitee\'s role is capped per property by the inviter\'s own flags', () => {
  it('a role is shared only where the inviter may invite and holds every flag of it, re-checked when the invitation is accepted', async () => {
    const inviter = await clientWithHomes();
    // co-owner needs giveFeedback, requestViewings, photos ... which the seller role lacks; the co-owner deal may not invite.
    expect((await invite(inviter.jwt, { email: 'spouse@client.test', firstName: 'Sam', lastName: 'Spouse', role: 'co-owner' })).status).toBe(201);
    const spouse = await app.http().post(api('/invitations/accept')).send({ token: tokenFrom((await mailsTo(app, 'spouse@client.test'))[0]), password: 'spouse passphrase' });
    expect(spouse.status).toBe(200);
    const spouseHomes = await app.http().get(api('/properties')).set(bearer(spouse.body.data.jwt));
    expect(spouseHomes.body.data.map((p: any) => [p.title, p.role.key])).toEqual([['Home I buy', 'co-owner']]);

    // A read-only guest is no stronger than the seller role either: both homes the inviter may share.
    expect((await invite(inviter.jwt, { email: 'lawyer@client.test', firstName: 'Lou', lastName: 'Lawyer', role: 'read-only-guest' })).status).toBe(201);
    const lawyer = await app.http().post(api('/invitations/accept')).send({ token: tokenFrom((await mailsTo(app, 'lawyer@client.test'))[0]), password: 'lawyer passphrase' });
    const lawyerHomes = await app.http().get(api('/properties')).set(bearer(lawyer.body.data.jwt));
    expect(lawyerHomes.body.data.map((p: any) => p.title).sort()).toEqual(['Home I buy', 'Home I sell']);

    // Flags lost before the invitation is accepted are not passed on.
    expect((await invite(inviter.jwt, { email: 'late@client.test', firstName: 'Lena', lastName: 'Late', role: 'read-only-guest' })).status).toBe(201);
    const inviterContact = (await app.strapi.db.query('plugin::users-permissions.user').findOne({ where: { id: inviter.id }, populate: { contact: true } })).contact;
    const sellerDeal = await app.strapi.db.query('api::deal.deal').findOne({ where: { pairKey: `${inviterContact.documentId}:${homes.sellerHome.documentId}` } });
    await app.strapi.documents('api::deal.deal').update({ documentId: sellerDeal.documentId, data: { permissionOverrides: { inviteOthers: false } } as any });
    const late = await app.http().post(api('/invitations/accept')).send({ token: tokenFrom((await mailsTo(app, 'late@client.test'))[0]), password: 'late passphrase' });
    const lateHomes = await app.http().get(api('/properties')).set(bearer(late.body.data.jwt));
    expect(lateHomes.body.data.map((p: any) => p.title)).toEqual(['Home I buy']);
  });

  it('a role stronger than the inviter\'s own on every property is a 403', async () => {
    const contact = await createContact(app);
    await dealOf(app, contact, homes.sellerHome, 'seller');
    const seller = await createPortalUser(app, contact.documentId, { portalRole: (await roleOf(app, 'seller')).id });
    const res = await invite(seller.jwt, { email: 'stronger@client.test', firstName: 'Strong', lastName: 'Role', role: 'buyer' });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe('The role may not be stronger than your own');
    expect(await invitations().count({ where: { emailNormalized: 'stronger@client.test' } })).toBe(0);
  });
});

describe('the roles a client may invite with', () => {
  it('lists each role no stronger than the client\'s own on a property they may share, with those properties; nothing for a role without inviteOthers', async () => {
    const inviter = await clientWithHomes();
    const res = await app.http().get(api('/invitations/roles')).set(bearer(inviter.jwt));
    expect(res.status).toBe(200);
    const byKey = Object.fromEntries(res.body.data.map((role: any) => [role.key, role.properties.map((property: any) => property.title).sort()]));
    // Buyer home (buyer role, may invite) and seller home (seller role, may invite); the co-owner deal may not invite.
    expect(byKey['co-owner']).toEqual(['Home I buy']);
    expect(byKey['read-only-guest']).toEqual(['Home I buy', 'Home I sell']);
    expect(byKey.buyer).toEqual(['Home I buy']);
    expect(res.body.data.every((role: any) => typeof role.documentId === 'string' && typeof role.name === 'string')).toBe(true);

    const contact = await createContact(app);
    await dealOf(app, contact, homes.coOwnerHome, 'co-owner');
    const coOwner = await createPortalUser(app, contact.documentId, { portalRole: (await roleOf(app, 'co-owner')).id });
    expect((await app.http().get(api('/invitations/roles')).set(bearer(coOwner.jwt))).status).toBe(403);
  });
});

describe('while the portal does not let clients invite others', () => {
  it('GET /me reports inviteOthers as false and the invite routes answer 403; switched back on, both open again', async () => {
    const client = await clientWithHomes();
    const setInviting = (on: boolean) => app.http().put('/client-portal/settings').set(bearer(agent.jwt)).send({ clientsCanInviteOthers: on });
    try {
      expect((await setInviting(false)).status).toBe(200);
      const closed = await app.http().get(api('/me')).set(bearer(client.jwt));
      expect(closed.status).toBe(200);
      expect(closed.body.data.permissions).toMatchObject({ inviteOthers: false, viewProperties: true });
      expect((await app.http().get(api('/invitations/roles')).set(bearer(client.jwt))).status).toBe(403);
    } finally {
      expect((await setInviting(true)).status).toBe(200);
    }
    const open = await app.http().get(api('/me')).set(bearer(client.jwt));
    expect(open.body.data.permissions.inviteOthers).toBe(true);
    expect((await app.http().get(api('/invitations/roles')).set(bearer(client.jwt))).status).toBe(200);
  });
});

describe('the daily cap', () => {
  it('holds under 20 parallel requests: ten invitations a day, the rest 429', async () => {
    const inviter = await clientWithHomes();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => invite(inviter.jwt, { email: `parallel-${i}@client.test`, firstName: 'Par', lastName: `Allel ${i}`, role: 'read-only-guest' })),
    );
    const statuses = results.map((res) => res.status).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(10);
    expect(statuses.filter((status) => status === 429)).toHaveLength(10);
    expect(results.find((res) => res.status === 429)!.body.error.message).toBe('You can invite at most 10 people a day');
    expect(await invitations().count({ where: { invitedByAccount: { id: inviter.id } } })).toBe(10);
  });
});
