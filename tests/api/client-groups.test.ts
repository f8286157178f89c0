import { useTestApp } from '../helpers/strapi';
import { bearer, createPortalUser, type Agent } from '../helpers/users';
import { createContact, createProperty, dealOf, mailsTo, outboxIdle, portalAgent, PLUGIN_ACTIONS, tokenFrom } from '../helpers/portal';

let agent: Agent;
let readOnly: Agent;

const app = useTestApp();

beforeAll(async () => {
  agent = await portalAgent(app);
  readOnly = await portalAgent(app, PLUGIN_ACTIONS.filter((action) => action !== 'groups.manage' && action !== 'invitations.invite-more'));
});

const as = (who: Agent = agent) => bearer(who.jwt);
const api = () => app.http();
const createGroup = (body: Record<string, unknown>, who: Agent = agent) => api().post('/client-portal/groups').set(as(who)).send(body);
const addMember = (group: string, body: Record<string, unknown>) => api().post(`/client-portal/groups/${group}/members`).set(as()).send(body);
const removeMember = (group: string, contact: string) => api().delete(`/client-portal/groups/${group}/members/${contact}`).set(as()).send();
const inviteAll = (group: string) => api().post(`/client-portal/groups/${group}/invite`).set(as()).send({});
const propertiesOf = async (jwt: string) => {
  const res = await api().get('/api/client-portal/properties').set(bearer(jwt));
  expect(res.status).toBe(200);
  return res.body.data.map((property: any) => property.documentId).sort();
};
const graphqlPropertiesOf = async (jwt: string) => {
  const res = await api().post('/graphql').set(bearer(jwt)).send({ query: '{ portalProperties { documentId } }' });
  expect(res.body.errors).toBeUndefined();
  return res.body.data.portalProperties.map((property: any) => property.documentId).sort();
};
const invitationsOf = (contactId: number) => app.strapi.db.query('plugin::client-portal.invitation').findMany({ where: { contact: { id: contactId } } });

describe('client groups', () => {
  it('members with accounts see the group\'s properties at once (REST and GraphQL), each in their own role, and lose them when removed', async () => {
    const house = await createProperty(app, { title: 'Shared house' });
    const own = await createProperty(app, { title: 'Own flat' });
    const anna = await createContact(app, { firstName: 'Anna', lastName: 'Owner' });
    const bert = await createContact(app, { firstName: 'Bert', lastName: 'Owner' });
    await dealOf(app, bert, own, 'buyer');
    const annaUser = await createPortalUser(app, anna.documentId);
    const bertUser = await createPortalUser(app, bert.documentId);

    const created = await createGroup({ name: 'Owner household', properties: [house.documentId] });
    expect(created.status).toBe(201);
    const group = created.body.data.documentId;
    expect(created.body.data).toMatchObject({ name: 'Owner household', properties: [expect.objectContaining({ documentId: house.documentId })], members: [] });

    expect((await addMember(group, { contact: anna.documentId, portalRole: 'buyer' })).status).toBe(201);
    const added = await addMember(group, { contact: bert.documentId, portalRole: 'seller' });
    expect(added.status).toBe(201);
    expect(added.body.data.group.members.map((member: any) => [member.contact.documentId, member.portalRole.key, member.status])).toEqual([
      [anna.documentId, 'buyer', 'active'],
      [bert.documentId, 'seller', 'active'],
    ]);

    expect(await propertiesOf(annaUser.jwt)).toEqual([house.documentId]);
    expect(await graphqlPropertiesOf(annaUser.jwt)).toEqual([house.documentId]);
    // Groups are the agents' business: no GraphQL operation reaches them.
    const schema = await api().post('/graphql').set(bearer(annaUser.jwt)).send({ query: '{ __schema { queryType { fields { name } } mutationType { fields { name } } } }' });
    const operations = [...schema.body.data.__schema.queryType.fields, ...schema.body.data.__schema.mutationType.fields].map((field: any) => field.name);
    expect(operations.filter((name: string) => /group/i.test(name))).toEqual([]);
    expect(await propertiesOf(bertUser.jwt)).toEqual([house.documentId, own.documentId].sort());
    const listed = await api().get(`/client-portal/portal-users?q=${encodeURIComponent(annaUser.email)}`).set(as());
    expect(listed.body.data[0].groups).toEqual(['Owner household']);
    const bertDeal = await app.strapi.db.query('api::deal.deal').findOne({ where: { contact: { id: bert.id }, property: { id: house.id } }, populate: { portalRole: true } });
    expect(bertDeal.portalRole.key).toBe('seller');

    // Removing a member ends their access to the group's property on the next request; their own deal stays.
    const removed = await removeMember(group, bert.documentId);
    expect(removed.status).toBe(200);
    expect(removed.body.data.members.map((member: any) => member.contact.documentId)).toEqual([anna.documentId]);
    expect(await propertiesOf(bertUser.jwt)).toEqual([own.documentId]);
    expect((await api().get(`/api/client-portal/properties/${house.documentId}`).set(bearer(bertUser.jwt))).status).toBe(404);
    expect(await propertiesOf(annaUser.jwt)).toEqual([house.documentId]);

    // Linking another property reaches the remaining member; unlinking takes it away.
    const second = await createProperty(app);
    const linked = await api().put(`/client-portal/groups/${group}`).set(as()).send({ properties: [house.documentId, second.documentId] });
    expect(linked.status).toBe(200);
    expect(await propertiesOf(annaUser.jwt)).toEqual([house.documentId, second.documentId].sort());
    await api().put(`/client-portal/groups/${group}`).set(as()).send({ properties: [second.documentId] });
    expect(await propertiesOf(annaUser.jwt)).toEqual([second.documentId]);

    // Deleting the group takes its properties from every member.
    expect((await api().delete(`/client-portal/groups/${group}`).set(as())).status).toBe(200);
    expect((await api().get(`/api/client-portal/properties/${second.documentId}`).set(bearer(annaUser.jwt))).status).toBe(404);
    expect(await app.strapi.db.query('api::deal.deal').count({ where: { contact: { id: anna.id } } })).toBe(0);
    expect((await api().get(`/client-portal/groups/${group}`).set(as())).status).toBe(404);
  });

  it('Invite all sends one invitation per member without an account, in the member\'s role, and says why the others were not invited; parallel clicks invite each once', async () => {
    const house = await createProperty(app);
    const withAccount = await createContact(app);
    await createPortalUser(app, withAccount.documentId);
    const first = await createContact(app, { firstName: 'First' });
    const second = await createContact(app, { firstName: 'Second' });
    const noEmail = await createContact(app, { email: null });
    const group = (await createGroup({ name: 'Co-owners', properties: [house.documentId] })).body.data.documentId;
    for (const [contact, role] of [[withAccount, 'buyer'], [first, 'buyer'], [second, 'seller'], [noEmail, 'buyer']] as const) {
      expect((await addMember(group, { contact: contact.documentId, portalRole: role })).status).toBe(201);
    }

    const clicks = await Promise.all(Array.from({ length: 4 }, () => inviteAll(group)));
    for (const click of clicks) expect(click.status).toBe(200);
    const invitedOnce = clicks.flatMap((click) => click.body.data.invited.map((entry: any) => entry.contact)).sort();
    expect(invitedOnce).toEqual([first.documentId, second.documentId].sort());
    const answer = clicks.find((click) => click.body.data.invited.length === 2)?.body.data ?? clicks[0].body.data;
    expect(answer.skipped).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ contact: withAccount.documentId, reason: 'already_portal_user' }),
        expect.objectContaining({ contact: noEmail.documentId, reason: 'no_email' }),
      ]),
    );
    expect(await invitationsOf(first.id)).toHaveLength(1);
    const [secondInvite] = await app.strapi.db.query('plugin::client-portal.invitation').findMany({ where: { contact: { id: second.id } }, populate: { portalRole: true } });
    expect(secondInvite.portalRole.key).toBe('seller');

    // Accepting gives the member the group's property.
    const [mail] = await mailsTo(app, first.email);
    const accepted = await api().post('/api/client-portal/invitations/accept').send({ token: tokenFrom(mail), password: 'Group-Member-Pass-1' });
    expect(accepted.status).toBe(200);
    expect(await propertiesOf(accepted.body.data.jwt)).toEqual([house.documentId]);
  });

  it('a guest added to a group is invited automatically', async () => {
    const group = (await createGroup({ name: 'With a guest' })).body.data.documentId;
    const guest = await createContact(app);
    const added = await addMember(group, { contact: guest.documentId, portalRole: 'co-owner' });
    expect(added.status).toBe(201);
    expect(added.body.data.invitation).toMatchObject({ status: 'pending' });
    expect(await invitationsOf(guest.id)).toHaveLength(1);
    await mailsTo(app, guest.email);

    const buyer = await createContact(app);
    const notGuest = await addMember(group, { contact: buyer.documentId, portalRole: 'buyer' });
    expect(notGuest.body.data.invitation).toBeNull();
    expect(await invitationsOf(buyer.id)).toHaveLength(0);
  });

  it('Invite more to portal makes the client\'s group with their properties, then extends it', async () => {
    const house = await createProperty(app, { title: 'Family home' });
    const client = await createContact(app, { firstName: 'Clara', lastName: 'Client' });
    await dealOf(app, client, house, 'buyer');
    const clientUser = await createPortalUser(app, client.documentId, { portalRole: (await app.strapi.db.query('plugin::client-portal.portal-role').findOne({ where: { key: 'buyer' } })).id });

    const partnerEmail = `partner-${Date.now()}@client.test`;
    const more = await api().post(`/client-portal/contacts/${client.documentId}/invite-more`).set(as()).send({ firstName: 'Pat', lastName: 'Partner', email: partnerEmail, portalRole: 'co-owner' });
    expect(more.status).toBe(201);
    const group = more.body.data.group;
    expect(group.name).toBe("Clara Client's portal");
    expect(group.properties.map((property: any) => property.documentId)).toEqual([house.documentId]);
    expect(group.members.map((member: any) => [member.contact.name, member.portalRole.key])).toEqual([
      ['Clara Client', 'buyer'],
      ['Pat Partner', 'co-owner'],
    ]);
    const partner = await app.strapi.db.query('api::contact.contact').findOne({ where: { documentId: more.body.data.contact } });
    expect(partner).toMatchObject({ firstName: 'Pat', email: partnerEmail });
    expect(await invitationsOf(partner.id)).toHaveLength(1);

    const [mail] = await mailsTo(app, partnerEmail);
    const accepted = await api().post('/api/client-portal/invitations/accept').send({ token: tokenFrom(mail), password: 'Partner-Pass-2027' });
    expect(accepted.status).toBe(200);
    expect(await propertiesOf(accepted.body.data.jwt)).toEqual([house.documentId]);
    expect(await propertiesOf(clientUser.jwt)).toEqual([house.documentId]);

    // A second person (an existing contact) joins the same group.
    const sibling = await createContact(app, { firstName: 'Sam' });
    const again = await api().post(`/client-portal/contacts/${client.documentId}/invite-more`).set(as()).send({ contact: sibling.documentId, portalRole: 'buyer' });
    expect(again.status).toBe(201);
    expect(again.body.data.group.documentId).toBe(group.documentId);
    expect(again.body.data.group.members).toHaveLength(3);
    expect(await app.strapi.db.query('plugin::client-portal.client-group').count({ where: { members: { contact: { id: client.id } } } })).toBe(1);

    // Someone who already has an account needs no invitation: the group's property is in their portal at once.
    const neighbour = await createContact(app);
    const neighbourUser = await createPortalUser(app, neighbour.documentId);
    const joined = await api().post(`/client-portal/contacts/${client.documentId}/invite-more`).set(as()).send({ contact: neighbour.documentId, portalRole: 'buyer' });
    expect(joined.status).toBe(201);
    expect(joined.body.data.invitation).toBeNull();
    expect(await invitationsOf(neighbour.id)).toHaveLength(0);
    expect(await propertiesOf(neighbourUser.jwt)).toEqual([house.documentId]);
  });

  it('answers clear errors and changes nothing on bad input, unknown records or missing rights', async () => {
    const contact = await createContact(app);
    const noName = await createGroup({ name: '  ' });
    expect(noName.status).toBe(400);
    expect(noName.body.error.message).toMatch(/^name: /);
    const badProperty = await createGroup({ name: 'Bad', properties: ['nosuchproperty000000000000'] });
    expect(badProperty.status).toBe(400);
    expect(badProperty.body.error.message).toMatch(/^properties: /);
    expect(await app.strapi.db.query('plugin::client-portal.client-group').count({ where: { name: 'Bad' } })).toBe(0);

    expect((await api().get('/client-portal/groups/nosuchgroup000000000000000').set(as())).status).toBe(404);
    const group = (await createGroup({ name: 'Errors' })).body.data.documentId;
    expect((await addMember(group, { contact: contact.documentId, portalRole: 'buyer' })).status).toBe(201);
    const twice = await addMember(group, { contact: contact.documentId, portalRole: 'buyer' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toBe('This contact is already a member of the group');
    const badRole = await addMember(group, { contact: (await createContact(app)).documentId, portalRole: 'nosuchrole' });
    expect(badRole.status).toBe(400);
    expect(badRole.body.error.message).toMatch(/^portalRole: /);
    const notMember = await removeMember(group, (await createContact(app)).documentId);
    expect(notMember.status).toBe(404);

    const inactive = await api().post(`/client-portal/contacts/${contact.documentId}/invite-more`).set(as()).send({ firstName: 'New', lastName: 'Person', email: 'new.person@client.test', portalRole: 'buyer' });
    expect(inactive.status).toBe(409);
    expect(inactive.body.error.message).toBe('This contact has no active portal account: send a portal invite instead');
    const missing = await api().post(`/client-portal/contacts/${contact.documentId}/invite-more`).set(as()).send({ firstName: 'New', portalRole: 'buyer' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/^lastName: is required/);

    expect((await createGroup({ name: 'Not mine' }, readOnly)).status).toBe(403);
    expect((await api().get('/client-portal/groups').set(as(readOnly))).status).toBe(200);
    expect((await api().post(`/client-portal/contacts/${contact.documentId}/invite-more`).set(as(readOnly)).send({ contact: contact.documentId, portalRole: 'buyer' })).status).toBe(403);
  });

  it('removing a contact from the portal ends their group memberships', async () => {
    const house = await createProperty(app);
    const member = await createContact(app);
    const user = await createPortalUser(app, member.documentId);
    const group = (await createGroup({ name: 'Leaving', properties: [house.documentId] })).body.data.documentId;
    await addMember(group, { contact: member.documentId, portalRole: 'buyer' });
    expect(await propertiesOf(user.jwt)).toEqual([house.documentId]);

    const removal = await api().post(`/client-portal/contacts/${member.documentId}/remove-portal-access`).set(as()).send({});
    expect(removal.status).toBe(200);
    expect(removal.body.data.leftGroups).toEqual(['Leaving']);
    expect((await api().get(`/client-portal/groups/${group}`).set(as())).body.data.members).toEqual([]);
    expect(await app.strapi.db.query('api::deal.deal').count({ where: { contact: { id: member.id } } })).toBe(0);
    await outboxIdle(app);
  });
});
