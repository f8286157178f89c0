import Mustache from 'mustache';
import { useTestApp } from '../helpers/strapi';
import { bearer, createPortalUser, contentManager, type Agent } from '../helpers/users';
import { createContact, createProperty, INVITE_TABLES, invitationRow, mailsTo, outboxIdle, portalAgent, roleOf, snapshotOf, tokenFrom } from '../helpers/portal';

const INVITATION = 'plugin::client-portal.invitation';

let agent: Agent;

const app = useTestApp();

beforeAll(async () => {
  agent = await portalAgent(app);
});

const invite = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  app.http().post('/client-portal/invitations').set(bearer(agent.jwt)).set(headers).send(body);

describe('single invite', () => {
  it('creates a pending invitation, queues one email and answers 201 at once', async () => {
    const contact = await createContact(app, { firstName: 'Emma', lastName: 'Jansen', language: 'nl' });
    const property = await createProperty(app, { title: 'Canal house', address: 'Herengracht 1', city: 'Amsterdam' });
    const res = await invite({ contact: contact.documentId, portalRole: 'buyer', property: property.documentId, message: 'Welkom & tot snel!' });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({
      status: 'pending',
      displayStatus: 'invited',
      label: 'Invited, waiting for member to accept',
      email: contact.email,
      deliveryStatus: 'queued',
      sendCount: 1,
      language: 'nl',
      portalRole: { key: 'buyer' },
      property: { documentId: property.documentId, title: 'Canal house' },
      contact: { documentId: contact.documentId },
      invitedBy: { type: 'agent' },
    });
    expect(JSON.stringify(res.body)).not.toMatch(/tokenHash|pendingKey/);
    const days = (new Date(res.body.data.expiresAt).getTime() - Date.now()) / 864e5;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);

    const [mail] = await mailsTo(app, contact.email);
    const token = tokenFrom(mail);
    // The email: Dutch, agency, inviter, property, expiry, link from PORTAL_URL; text and HTML.
    expect(mail.text).toContain('Test Agency');
    expect(mail.text).toContain('PortalAgent');
    expect(mail.text).toContain('Canal house');
    expect(mail.text).toContain('Welkom & tot snel!');
    expect(mail.text).toContain(`https://portal.agency.test/accept#token=${token}`);
    expect(mail.html).toContain(Mustache.escape(`https://portal.agency.test/accept#token=${token}`));
    expect(mail.html).toContain('Welkom &amp; tot snel!');
    expect(mail.text).toMatch(/\d{4}/);
    expect(mail.subject).toMatch(/^PortalAgent \S+ nodigt u uit voor het klantenportaal van Test Agency$/);

    // Only the SHA-256 of the token is stored.
    const row = await invitationRow(app, res.body.data.documentId);
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.tokenHash).not.toContain(token);
    expect(JSON.stringify(row)).not.toContain(token);
    const outbox = await app.strapi.db.query('plugin::client-portal.outbox-message').findMany({});
    expect(JSON.stringify(outbox)).not.toContain(token);

    await outboxIdle(app);
    const sent = await invitationRow(app, res.body.data.documentId);
    expect(sent).toMatchObject({ deliveryStatus: 'sent' });
    expect(sent.sentAt).toBeTruthy();
  });

  it('emails in the contact\'s language, English when the contact has none of ours', async () => {
    const fr = await createContact(app, { language: 'fr' });
    const de = await createContact(app, { language: 'de' });
    await invite({ contact: fr.documentId, portalRole: 'buyer' });
    await invite({ contact: de.documentId, portalRole: 'buyer' });
    expect((await mailsTo(app, fr.email))[0].subject).toContain('vous invite sur l’espace client Test Agency');
    expect((await mailsTo(app, de.email))[0].subject).not.toContain('invited you');
  });

  it('builds links from the configured portal URL, never from the Host header', async () => {
    const contact = await createContact(app);
    const res = await invite({ contact: contact.documentId, portalRole: 'buyer' }, { Host: 'evil.example', 'X-Forwarded-Host': 'evil.example' });
    expect(res.status).toBe(201);
    const [mail] = await mailsTo(app, contact.email);
    expect(mail.text).not.toContain('evil.example');
    expect(mail.text).toContain('https://portal.agency.test/accept#token=');
  });

  it('without an email address: 400 and nothing is created', async () => {
    const contact = await createContact(app, { email: null });
    const before = await app.strapi.db.query(INVITATION).count({});
    const res = await invite({ contact: contact.documentId, portalRole: 'buyer' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('An email address is required to send an invite');
    expect(await app.strapi.db.query(INVITATION).count({})).toBe(before);
    expect(await app.strapi.db.query('plugin::client-portal.outbox-message').count({ where: { to: { $null: true } } })).toBe(0);
  });

  it('the agent may edit the email and name; bad input names the field', async () => {
    const contact = await createContact(app);
    const edited = await invite({ contact: contact.documentId, portalRole: 'lender', email: 'Edited.Address@Client.Test', firstName: 'Edited' });
    expect(edited.status).toBe(201);
    expect(edited.body.data).toMatchObject({ email: 'Edited.Address@Client.Test', firstName: 'Edited' });
    const row = await invitationRow(app, edited.body.data.documentId);
    expect(row.emailNormalized).toBe('edited.address@client.test');

    const cases: Array<[Record<string, unknown>, string]> = [
      [{ contact: contact.documentId, portalRole: 'buyer', email: 'nope' }, 'email'],
      [{ contact: contact.documentId, portalRole: 'no-such-role' }, 'portalRole'],
      [{ contact: 'missing-contact', portalRole: 'buyer' }, 'contact'],
      [{ contact: contact.documentId, portalRole: 'buyer', property: 'missing-property' }, 'property'],
      [{ contact: contact.documentId, portalRole: 'buyer', expiresInDays: 31 }, 'expiresInDays'],
      [{ contact: contact.documentId, portalRole: 'buyer', expiresInDays: 0 }, 'expiresInDays'],
      [{ contact: contact.documentId, portalRole: 'buyer', permissions: { flyToMoon: true } }, 'permissions.flyToMoon'],
      [{ contact: contact.documentId, portalRole: 'buyer', status: 'accepted' }, 'status'],
      [{ portalRole: 'buyer' }, 'contact'],
    ];
    for (const [body, field] of cases) {
      const res = await invite(body);
      expect(res.status).toBe(400);
      expect(res.body.error.message.startsWith(`${field}:`) || JSON.stringify(res.body.error.details).includes(field)).toBe(true);
    }
  });

  it('a portal role may be given by documentId; permissions can be overridden per invitee', async () => {
    const contact = await createContact(app);
    const lender = await roleOf(app, 'lender');
    const res = await invite({ contact: contact.documentId, portalRole: lender.documentId, permissions: { viewDocuments: false }, expiresInDays: 30 });
    expect(res.status).toBe(201);
    expect(res.body.data.portalRole.key).toBe('lender');
    expect(res.body.data.permissions).toEqual({ viewDocuments: false });
    const days = (new Date(res.body.data.expiresAt).getTime() - Date.now()) / 864e5;
    expect(Math.round(days)).toBe(30);
  });

  it('a pending invite for the same contact and property: 409 with that invitation', async () => {
    const contact = await createContact(app);
    const first = await invite({ contact: contact.documentId, portalRole: 'buyer' });
    await outboxIdle(app);
    const before = await snapshotOf(app, INVITE_TABLES);
    const second = await invite({ contact: contact.documentId, portalRole: 'seller' });
    expect(second.status).toBe(409);
    expect(await snapshotOf(app, INVITE_TABLES)).toBe(before);
    expect(second.body.error.message).toBe('An invitation is already pending');
    expect(second.body.error.details.invitation.documentId).toBe(first.body.data.documentId);
    // Another property is another invitation.
    const property = await createProperty(app);
    expect((await invite({ contact: contact.documentId, portalRole: 'buyer', property: property.documentId })).status).toBe(201);
  });

  it('a contact that already has a portal account with access: 409 "portal user already exists"', async () => {
    const contact = await createContact(app);
    await createPortalUser(app, contact.documentId);
    await outboxIdle(app);
    const before = await snapshotOf(app, INVITE_TABLES);
    const res = await invite({ contact: contact.documentId, portalRole: 'buyer' });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe('portal user already exists');
    expect(await snapshotOf(app, INVITE_TABLES)).toBe(before);

    // With a property the account has no deal for yet, the invite goes out (accepting adds the access).
    const property = await createProperty(app);
    expect((await invite({ contact: contact.documentId, portalRole: 'buyer', property: property.documentId })).status).toBe(201);
    await app.strapi.documents('api::deal.deal').create({ data: { contact: contact.documentId, property: (await createProperty(app)).documentId } as any });
  });

  it('ten parallel clicks create one invitation and one email', async () => {
    const contact = await createContact(app);
    const results = await Promise.all(Array.from({ length: 10 }, () => invite({ contact: contact.documentId, portalRole: 'buyer' })));
    const statuses = results.map((res) => res.status).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(9);
    expect(await app.strapi.db.query(INVITATION).count({ where: { contact: { documentId: contact.documentId } } })).toBe(1);
    await outboxIdle(app);
    expect(app.smtp.to(contact.email)).toHaveLength(1);
  });

  it('Idempotency-Key replays the first answer, also under ten parallel requests', async () => {
    const contact = await createContact(app);
    const body = { contact: contact.documentId, portalRole: 'buyer' };
    const key = { 'Idempotency-Key': `key-${contact.documentId}` };
    const results = await Promise.all(Array.from({ length: 10 }, () => invite(body, key)));
    for (const res of results) {
      expect(res.status).toBe(201);
      expect(res.body.data.documentId).toBe(results[0].body.data.documentId);
    }
    expect(results.filter((res) => res.headers['idempotent-replayed'] === 'true')).toHaveLength(9);
    expect(await app.strapi.db.query(INVITATION).count({ where: { contact: { documentId: contact.documentId } } })).toBe(1);
    await outboxIdle(app);
    expect(app.smtp.to(contact.email)).toHaveLength(1);

    const later = await invite(body, key);
    expect(later.status).toBe(201);
    expect(later.body.data.documentId).toBe(results[0].body.data.documentId);

    const before = await snapshotOf(app, [...INVITE_TABLES, 'plugin::client-portal.idempotency-record']);
    const reused = await invite({ ...body, portalRole: 'seller' }, key);
    expect(reused.status).toBe(409);
    expect(reused.body.error.message).toMatch(/Idempotency-Key/);
    expect(await snapshotOf(app, [...INVITE_TABLES, 'plugin::client-portal.idempotency-record'])).toBe(before);
  });

  it('Idempotency-Key also replays a client error (the same 400 for the same request)', async () => {
    const contact = await createContact(app, { email: null });
    const key = { 'Idempotency-Key': `no-email-${contact.documentId}` };
    const first = await invite({ contact: contact.documentId, portalRole: 'buyer' }, key);
    const again = await invite({ contact: contact.documentId, portalRole: 'buyer' }, key);
    expect(first.status).toBe(400);
    expect(again.status).toBe(400);
    expect(again.body).toEqual(first.body);
  });

  it('creating a contact with "send portal invite" invites in the same step; without email nothing is created', async () => {
    const cmAgent = await portalAgent(app, ['invitations.create'], contentManager('api::contact.contact', ['create', 'read'], ['firstName', 'lastName', 'email', 'sendPortalInvite', 'language']));
    const res = await app
      .http()
      .post('/content-manager/collection-types/api::contact.contact')
      .set(bearer(cmAgent.jwt))
      .send({ firstName: 'Direct', lastName: 'Invite', email: 'direct.invite@client.test', sendPortalInvite: true });
    expect(res.status).toBe(201);
    const invitations = await app.strapi.db.query(INVITATION).findMany({ where: { contact: { documentId: res.body.data.documentId } }, populate: { portalRole: true, invitedByAgent: true } });
    expect(invitations).toHaveLength(1);
    expect(invitations[0]).toMatchObject({ status: 'pending', portalRole: { key: 'buyer' }, invitedByAgent: { id: cmAgent.id } });
    await mailsTo(app, 'direct.invite@client.test');

    const before = await app.strapi.db.query('api::contact.contact').count({});
    const noEmail = await app
      .http()
      .post('/content-manager/collection-types/api::contact.contact')
      .set(bearer(cmAgent.jwt))
      .send({ firstName: 'No', lastName: 'Email', sendPortalInvite: true });
    expect(noEmail.status).toBe(400);
    expect(noEmail.body.error.message).toBe('An email address is required to send an invite');
    expect(await app.strapi.db.query('api::contact.contact').count({})).toBe(before);
  });
});

describe('RBAC', () => {
  it('each admin route needs its action: 403 without it', async () => {
    const reader = await portalAgent(app, ['read']);
    const contact = await createContact(app);
    const created = await invite({ contact: contact.documentId, portalRole: 'buyer' });
    const id = created.body.data.documentId;
    const as = (jwt: string) => bearer(jwt);
    expect((await app.http().post('/client-portal/invitations').set(as(reader.jwt)).send({ contact: contact.documentId, portalRole: 'buyer' })).status).toBe(403);
    expect((await app.http().post('/client-portal/invitations/bulk').set(as(reader.jwt)).send({ contacts: [contact.documentId], portalRole: 'buyer' })).status).toBe(403);
    expect((await app.http().post(`/client-portal/invitations/${id}/resend`).set(as(reader.jwt))).status).toBe(403);
    expect((await app.http().post(`/client-portal/invitations/${id}/revoke`).set(as(reader.jwt))).status).toBe(403);
    expect((await app.http().put('/client-portal/settings').set(as(reader.jwt)).send({ invitationExpiryDays: 3 })).status).toBe(403);
    expect((await app.http().get('/client-portal/invitations').set(as(reader.jwt))).status).toBe(200);

    const inviter = await portalAgent(app, ['invitations.create']);
    expect((await app.http().get('/client-portal/invitations').set(as(inviter.jwt))).status).toBe(403);
    expect((await app.http().get(`/client-portal/contacts/${contact.documentId}/portal-status`).set(as(inviter.jwt))).status).toBe(403);
    expect((await app.http().get('/client-portal/invitations')).status).toBe(401);
  });
});

describe('settings', () => {
  it('the default expiry comes from the settings (1–30 days), validated by field', async () => {
    const bad = await app.http().put('/client-portal/settings').set(bearer(agent.jwt)).send({ invitationExpiryDays: 45 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe('invitationExpiryDays: must be at most 30');
    const unknown = await app.http().put('/client-portal/settings').set(bearer(agent.jwt)).send({ invitationExpiryDay: 3 });
    expect(unknown.status).toBe(400);

    const ok = await app.http().put('/client-portal/settings').set(bearer(agent.jwt)).send({ invitationExpiryDays: 3 });
    expect(ok.status).toBe(200);
    expect(ok.body.data.invitationExpiryDays).toBe(3);
    const contact = await createContact(app);
    const res = await invite({ contact: contact.documentId, portalRole: 'buyer' });
    expect(Math.round((new Date(res.body.data.expiresAt).getTime() - Date.now()) / 864e5)).toBe(3);
    await app.http().put('/client-portal/settings').set(bearer(agent.jwt)).send({ invitationExpiryDays: 7 });
  });
});

describe('statuses agents see', () => {
  it('contact status: not invited → invited → revoked; list filters by status, contact and property', async () => {
    const contact = await createContact(app);
    const status = async () => (await app.http().get(`/client-portal/contacts/${contact.documentId}/portal-status`).set(bearer(agent.jwt))).body.data;
    expect(await status()).toMatchObject({ status: 'not_invited', label: 'Not invited', account: null, invitation: null });

    const property = await createProperty(app);
    const created = await invite({ contact: contact.documentId, portalRole: 'buyer', property: property.documentId });
    await outboxIdle(app);
    const invited = await status();
    expect(invited).toMatchObject({ status: 'invited', label: 'Invited, waiting for member to accept' });
    expect(invited.invitation.sentAt).toBeTruthy();

    const byContact = await app.http().get(`/client-portal/invitations?contact=${contact.documentId}`).set(bearer(agent.jwt));
    expect(byContact.body.data.map((i: any) => i.documentId)).toEqual([created.body.data.documentId]);
    const byProperty = await app.http().get(`/client-portal/invitations?property=${property.documentId}&status=invited`).set(bearer(agent.jwt));
    expect(byProperty.body.data.map((i: any) => i.documentId)).toEqual([created.body.data.documentId]);
    expect(byProperty.body.meta.pagination).toMatchObject({ page: 1, total: 1 });

    await app.http().post(`/client-portal/invitations/${created.body.data.documentId}/revoke`).set(bearer(agent.jwt));
    expect(await status()).toMatchObject({ status: 'revoked', label: 'Invitation revoked' });
    const revoked = await app.http().get(`/client-portal/invitations?contact=${contact.documentId}&status=revoked`).set(bearer(agent.jwt));
    expect(revoked.body.data).toHaveLength(1);
    const pending = await app.http().get(`/client-portal/invitations?contact=${contact.documentId}&status=pending`).set(bearer(agent.jwt));
    expect(pending.body.data).toHaveLength(0);

    const badFilter = await app.http().get('/client-portal/invitations?status=bogus&pageSize=1000').set(bearer(agent.jwt));
    expect(badFilter.status).toBe(400);
  });

  it('every event writes an activity entry and emits an event developers can subscribe to', async () => {
    const seen: Array<[string, any]> = [];
    const names = ['created', 'sent', 'revoked'].map((name) => `client-portal.invitation.${name}`);
    const listeners = names.map((name) => {
      const listener = async (payload: any) => {
        seen.push([name, payload]);
      };
      app.strapi.eventHub.on(name, listener);
      return [name, listener] as const;
    });
    const contact = await createContact(app);
    const created = await invite({ contact: contact.documentId, portalRole: 'buyer' });
    await outboxIdle(app);
    await app.http().post(`/client-portal/invitations/${created.body.data.documentId}/revoke`).set(bearer(agent.jwt));
    for (const [name, listener] of listeners) app.strapi.eventHub.off(name, listener);

    expect(seen.map(([name]) => name)).toEqual(names);
    for (const [, payload] of seen) {
      expect(payload.invitation.documentId).toBe(created.body.data.documentId);
      expect(payload.contact).toBe(contact.documentId);
      expect(JSON.stringify(payload)).not.toMatch(/token/i);
    }
    const activities = await app.strapi.db.query('plugin::client-portal.activity').findMany({
      where: { contact: { documentId: contact.documentId } },
      orderBy: { id: 'asc' },
    });
    expect(activities.map((a: any) => a.type)).toEqual(['invited', 'invite_sent', 'invite_revoked']);
    expect(activities[0].actorType).toBe('agent');
  });
});
