import { useTestApp } from '../helpers/strapi';
import { bearer, createPortalUser, type Agent } from '../helpers/users';
import { createContact, createProperty, dealOf, mailsTo, outboxIdle, portalAgent, PLUGIN_ACTIONS, roleOf, tokenFrom } from '../helpers/portal';

let agent: Agent;
let withoutRemoval: Agent;

const app = useTestApp();

beforeAll(async () => {
  agent = await portalAgent(app);
  withoutRemoval = await portalAgent(app, PLUGIN_ACTIONS.filter((action) => action !== 'portal-users.remove'));
});

const as = (who: Agent) => bearer(who.jwt);
const remove = (contactDocumentId: string, who: Agent = agent) => app.http().post(`/client-portal/contacts/${contactDocumentId}/remove-portal-access`).set(as(who)).send({});
const me = (jwt: string) => app.http().get('/api/client-portal/me').set(bearer(jwt));
const login = (email: string, password: string) => app.http().post('/api/client-portal/auth/login').send({ email, password });
const activities = (contactId: number, type: string) => app.strapi.db.query('plugin::client-portal.activity').count({ where: { contact: { id: contactId }, type } });

/** A contact with an active account on a property, a note of theirs and a pending invitation to a second property. */
const activeClient = async () => {
  const contact = await createContact(app);
  const property = await createProperty(app);
  await dealOf(app, contact, property, 'buyer');
  const user = await createPortalUser(app, contact.documentId);
  const note = await app.http().post('/api/client-portal/notes').set(bearer(user.jwt)).send({ text: 'Kept after removal', property: property.documentId });
  expect(note.status).toBe(201);
  const other = await createProperty(app);
  const pending = await app.http().post('/client-portal/invitations').set(as(agent)).send({ contact: contact.documentId, portalRole: 'buyer', property: other.documentId });
  expect(pending.status).toBe(201);
  return { contact, property, user, note: note.body.data, pending: pending.body.data };
};

describe('remove from portal', () => {
  it('deactivates the account at once (its JWT answers 401, REST and GraphQL), revokes pending invitations and keeps the history', async () => {
    const { contact, user, note, pending } = await activeClient();
    expect((await me(user.jwt)).status).toBe(200);
    const removedEvents: any[] = [];
    const onRemoved = async (payload: any) => {
      removedEvents.push(payload);
    };
    app.strapi.eventHub.on('client-portal.account.removed', onRemoved);

    const res = await remove(contact.documentId);
    app.strapi.eventHub.off('client-portal.account.removed', onRemoved);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ contact: contact.documentId, account: user.documentId, revokedInvitations: [pending.documentId] });
    expect(res.body.data.endedSessions).toBeGreaterThanOrEqual(1);
    expect(removedEvents).toEqual([expect.objectContaining({ contact: contact.documentId, account: user.documentId })]);

    // The open session ends at once, on every route and on GraphQL.
    expect((await me(user.jwt)).status).toBe(401);
    expect((await app.http().get('/api/client-portal/properties').set(bearer(user.jwt))).status).toBe(401);
    const graphql = await app.http().post('/graphql').set(bearer(user.jwt)).send({ query: '{ portalMe { email } }' });
    expect(graphql.status).toBe(401);
    expect(graphql.body.error.message).toBe('Missing or invalid credentials');
    // Logging in again is refused with the one generic answer.
    const again = await login(user.email, user.password);
    expect(again.status).toBe(400);
    expect(again.body.error.message).toBe('Invalid email or password');

    // Pending invitations are revoked; history stays.
    const invitation = await app.strapi.db.query('plugin::client-portal.invitation').findOne({ where: { documentId: pending.documentId } });
    expect(invitation.status).toBe('revoked');
    expect(await app.strapi.db.query('api::note.note').count({ where: { documentId: note.documentId } })).toBe(1);
    const account = await app.strapi.db.query('plugin::users-permissions.user').findOne({ where: { id: user.id } });
    expect(account).toMatchObject({ blocked: true, portalStatus: 'active' });
    expect(account.removedAt).toBeTruthy();
    expect(await activities(contact.id, 'portal_removed')).toBe(1);

    // The agent sees it: status on the contact, out of the portal-users list unless asked for.
    const status = await app.http().get(`/client-portal/contacts/${contact.documentId}/portal-status`).set(as(agent));
    expect(status.body.data).toMatchObject({ status: 'removed', label: 'Removed from the portal' });
    const listed = await app.http().get(`/client-portal/portal-users?q=${encodeURIComponent(user.email)}`).set(as(agent));
    expect(listed.body.data).toEqual([]);
    const removedList = await app.http().get(`/client-portal/portal-users?status=removed&q=${encodeURIComponent(user.email)}`).set(as(agent));
    expect(removedList.body.data).toEqual([expect.objectContaining({ documentId: user.documentId, activationStatus: 'removed' })]);

    // Removing again changes nothing and answers the same removal.
    const twice = await remove(contact.documentId);
    expect(twice.status).toBe(200);
    expect(twice.body.data.removedAt).toBe(res.body.data.removedAt);
    expect(twice.body.data.revokedInvitations).toEqual([]);
    expect(await activities(contact.id, 'portal_removed')).toBe(1);
  });

  it('inviting the contact again reactivates the same account with the new password, never a second one', async () => {
    const { contact, user } = await activeClient();
    expect((await remove(contact.documentId)).status).toBe(200);
    await outboxIdle(app);
    app.smtp.clear();

    const invited = await app.http().post('/client-portal/invitations').set(as(agent)).send({ contact: contact.documentId, portalRole: 'seller' });
    expect(invited.status).toBe(201);
    const status = await app.http().get(`/client-portal/contacts/${contact.documentId}/portal-status`).set(as(agent));
    expect(status.body.data.status).toBe('invited');

    const [mail] = await mailsTo(app, contact.email);
    const password = 'A-new-Password-2027';
    const accepted = await app.http().post('/api/client-portal/invitations/accept').send({ token: tokenFrom(mail), password });
    expect(accepted.status).toBe(200);
    expect(accepted.body.data.user).toMatchObject({ documentId: user.documentId, portalStatus: 'active', portalRole: { key: 'seller' } });
    expect(await app.strapi.db.query('plugin::users-permissions.user').count({ where: { contact: { id: contact.id } } })).toBe(1);

    expect((await me(accepted.body.data.jwt)).status).toBe(200);
    expect((await login(user.email, password)).status).toBe(200);
    expect((await login(user.email, user.password)).status).toBe(400);
    const account = await app.strapi.db.query('plugin::users-permissions.user').findOne({ where: { id: user.id } });
    expect(account).toMatchObject({ blocked: false, removedAt: null });
    expect(await activities(contact.id, 'account_reactivated')).toBe(1);
    const back = await app.http().get(`/client-portal/contacts/${contact.documentId}/portal-status`).set(as(agent));
    expect(back.body.data.status).toBe('active');
  });

  it('a bulk invite includes removed contacts and an automatic invite skips them with the reason', async () => {
    const { contact } = await activeClient();
    expect((await remove(contact.documentId)).status).toBe(200);
    const bulk = await app.http().post('/client-portal/invitations/bulk').set(as(agent)).send({ contacts: [contact.documentId], portalRole: 'buyer' });
    expect(bulk.status).toBe(200);
    expect(bulk.body.data.invited.map((i: any) => i.contact?.documentId ?? i.contact)).toEqual([contact.documentId]);

    const auto = await createContact(app, { autoInvite: true });
    const autoUser = await createPortalUser(app, auto.documentId);
    expect((await remove(auto.documentId)).status).toBe(200);
    const property = await createProperty(app);
    const buyer = await roleOf(app, 'buyer');
    await app.strapi.documents('api::deal.deal').create({ data: { contact: auto.id, property: property.id, portalRole: buyer.id } as any });
    const skipped = await app.strapi.db.query('plugin::client-portal.activity').findMany({ where: { contact: { id: auto.id }, type: 'auto_invite_skipped' } });
    expect(skipped.map((entry: any) => entry.summary).join(' ')).toMatch(/removed from the portal/);
    expect(await app.strapi.db.query('plugin::client-portal.invitation').count({ where: { contact: { id: auto.id } } })).toBe(0);
    expect(autoUser.documentId).toBeTruthy();
  });

  it('needs its own RBAC action, an existing contact and an account (clear errors, nothing changed)', async () => {
    const { contact, user } = await activeClient();
    const refused = await remove(contact.documentId, withoutRemoval);
    expect(refused.status).toBe(403);
    expect((await me(user.jwt)).status).toBe(200);

    const unknown = await remove('nosuchcontact0000000000000');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe('Contact not found');

    const noAccount = await createContact(app);
    const none = await remove(noAccount.documentId);
    expect(none.status).toBe(409);
    expect(none.body.error.message).toBe('This contact has no portal account to remove');
    expect(await activities(noAccount.id, 'portal_removed')).toBe(0);
  });
});
