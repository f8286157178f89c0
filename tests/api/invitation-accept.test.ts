import { useTestApp } from '../helpers/strapi';
import { bearer, createPortalUser, type Agent } from '../helpers/users';
import { createContact, createProperty, INVITE_TABLES, invitationRow, mailsTo, outboxIdle, portalAgent, snapshotOf, tokenFrom } from '../helpers/portal';
import { prehash } from '../../src/plugins/client-portal/server/src/utils/password';

const INVITE_INVALID = 'Invitation link is invalid or has expired';
const PASSWORD = 'correct horse battery staple';

let agent: Agent;

const app = useTestApp();

beforeAll(async () => {
  agent = await portalAgent(app);
});

/** Invites a new contact and returns its invitation and the token read from the real email. */
const invited = async (body: Record<string, unknown> = {}, contactData: Record<string, unknown> = {}) => {
  const contact = await createContact(app, contactData);
  const res = await app.http().post('/client-portal/invitations').set(bearer(agent.jwt)).send({ contact: contact.documentId, portalRole: 'buyer', ...body });
  expect(res.status).toBe(201);
  const mails = await mailsTo(app, contact.email);
  await outboxIdle(app);
  return { contact, invitation: res.body.data, token: tokenFrom(mails[mails.length - 1]) };
};

const preview = (token: unknown) => app.http().post('/api/client-portal/invitations/preview').send({ token });
const accept = (body: Record<string, unknown>) => app.http().post('/api/client-portal/invitations/accept').send(body);
const gql = (query: string, variables: Record<string, unknown> = {}, jwt?: string) => {
  const req = app.http().post('/graphql');
  if (jwt) req.set(bearer(jwt));
  return req.send({ query, variables });
};

const PREVIEW = 'mutation($token: String!) { previewPortalInvitation(token: $token) { email invitedBy expiresAt portalName role { key name } property { title } } }';
const ACCEPT = 'mutation($token: String!, $password: String!) { acceptPortalInvitation(token: $token, password: $password) { jwt user { documentId email portalStatus contact } } }';

describe('preview', () => {
  it('shows who invited whom to what, masks the email, and changes nothing', async () => {
    const property = await createProperty(app, { title: 'Garden villa', city: 'Haarlem' });
    const { invitation, token } = await invited({ property: property.documentId }, { email: 'jane.doe@client.test' });
    const before = await invitationRow(app, invitation.documentId);

    const res = await preview(token);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      email: 'ja***@cl***.test',
      invitedBy: expect.stringContaining('PortalAgent'),
      role: { key: 'buyer', name: 'Buyer' },
      property: { title: 'Garden villa', city: 'Haarlem' },
      portalName: 'Test Agency',
    });
    expect(new Date(res.body.data.expiresAt).getTime()).toBe(new Date(before.expiresAt).getTime());
    await preview(token);
    const gqlPreview = await gql(PREVIEW, { token });
    expect(gqlPreview.body.data.previewPortalInvitation).toMatchObject({ email: 'ja***@cl***.test', role: { key: 'buyer' }, property: { title: 'Garden villa' } });

    const after = await invitationRow(app, invitation.documentId);
    expect(after).toEqual(before);
  });

  it('unknown, malformed and missing tokens all answer the same 400 (REST and GraphQL)', async () => {
    for (const token of ['A'.repeat(43), 'short', '', 42, null, undefined, '../../etc/passwd', 'A'.repeat(43) + '=']) {
      const res = await preview(token);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(INVITE_INVALID);
    }
    const res = await gql(PREVIEW, { token: 'B'.repeat(43) });
    expect(res.body.errors[0].message).toBe(INVITE_INVALID);
    expect(res.body.data?.previewPortalInvitation ?? null).toBeNull();
  });
});

describe('accept', () => {
  it('creates the active account linked to the invited contact, with the role and property access, and returns a JWT', async () => {
    const property = await createProperty(app);
    const { contact, invitation, token } = await invited({ property: property.documentId, portalRole: 'lender' }, { language: 'fr', firstName: 'Luc' });
    const events: any[] = [];
    const onAccepted = async (payload: any) => {
      events.push(payload);
    };
    app.strapi.eventHub.on('client-portal.invitation.accepted', onAccepted);
    const res = await accept({ token, password: PASSWORD });
    app.strapi.eventHub.off('client-portal.invitation.accepted', onAccepted);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ invitation: { documentId: invitation.documentId, status: 'accepted' }, contact: contact.documentId, accountCreated: true });
    expect(res.status).toBe(200);
    expect(res.body.data.jwt).toEqual(expect.any(String));
    expect(res.body.data.user).toMatchObject({ email: contact.email, portalStatus: 'active', contact: contact.documentId, language: 'fr', firstName: 'Luc' });
    expect(JSON.stringify(res.body)).not.toMatch(/"password"|tokenHash/i);

    const account = await app.strapi.db.query('plugin::users-permissions.user').findOne({
      where: { documentId: res.body.data.user.documentId },
      populate: { contact: true, portalRole: true, role: true },
    });
    expect(account).toMatchObject({ portalStatus: 'active', creationMethod: 'invitation', confirmed: true, blocked: false });
    expect(account.contact.documentId).toBe(contact.documentId);
    expect(account.role.type).toBe('authenticated');
    expect(account.firstLoginAt).toBeTruthy();
    expect(account.password).not.toContain(PASSWORD);

    const deal = await app.strapi.db.query('api::deal.deal').findOne({
      where: { contact: { documentId: contact.documentId }, property: { documentId: property.documentId } },
      populate: { portalRole: true },
    });
    expect(deal.portalRole.key).toBe('lender');

    const row = await invitationRow(app, invitation.documentId);
    expect(row).toMatchObject({ status: 'accepted', pendingKey: null });
    expect(row.acceptedAt).toBeTruthy();

    // The JWT works for the portal API.
    const me = await app.http().get('/api/client-portal/me').set(bearer(res.body.data.jwt));
    expect(me.status).toBe(200);
    expect(me.body.data).toMatchObject({ email: contact.email, portalRole: { key: 'lender' } });

    const status = await app.http().get(`/client-portal/contacts/${contact.documentId}/portal-status`).set(bearer(agent.jwt));
    expect(status.body.data).toMatchObject({ status: 'active', label: 'Active' });
    expect(status.body.data.account.lastLoginAt).toBeTruthy();

    const types = (await app.strapi.db.query('plugin::client-portal.activity').findMany({ where: { contact: { documentId: contact.documentId } } })).map((a: any) => a.type);
    expect(types).toEqual(expect.arrayContaining(['invited', 'invite_accepted', 'account_created']));
  });

  it('the link is single-use: a second accept fails with the same 400 and no second account', async () => {
    const { token, contact } = await invited();
    expect((await accept({ token, password: PASSWORD })).status).toBe(200);
    const again = await accept({ token, password: PASSWORD });
    expect(again.status).toBe(400);
    expect(again.body.error.message).toBe(INVITE_INVALID);
    expect((await preview(token)).body.error.message).toBe(INVITE_INVALID);
    expect(await app.strapi.db.query('plugin::users-permissions.user').count({ where: { contact: { documentId: contact.documentId } } })).toBe(1);
  });

  it('twenty parallel accepts of one token give exactly one account', async () => {
    const { token, contact } = await invited();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => accept({ token, password: `${PASSWORD} ${i}` })));
    expect(results.filter((res) => res.status === 200)).toHaveLength(1);
    for (const res of results.filter((r) => r.status !== 200)) {
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(INVITE_INVALID);
    }
    expect(await app.strapi.db.query('plugin::users-permissions.user').count({ where: { contact: { documentId: contact.documentId } } })).toBe(1);
  });

  it('password policy: clear 400s naming the field, the invitation stays usable', async () => {
    const { token, invitation } = await invited();
    const cases: Array<[unknown, string]> = [
      ['short', 'password: must be at least 10 characters'],
      ['x'.repeat(101), 'password: must be at most 100 characters'],
      ['password123', 'password: is too common; choose a less predictable password'],
      [undefined, 'password: is required'],
    ];
    for (const [password, message] of cases) {
      const res = await accept({ token, password });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(message);
    }
    expect((await invitationRow(app, invitation.documentId)).status).toBe('pending');
    // Any Unicode, and bcrypt's 72-byte limit does not truncate: 100 four-byte characters are all significant.
    const long = '🔑'.repeat(99) + 'a';
    const ok = await accept({ token, password: long });
    expect(ok.status).toBe(200);
    const account = await app.strapi.db.query('plugin::users-permissions.user').findOne({ where: { documentId: ok.body.data.user.documentId } });
    const bcrypt = await import('bcryptjs');
    expect(await bcrypt.compare(prehash(long), account.password)).toBe(true);
    expect(await bcrypt.compare(prehash('🔑'.repeat(99) + 'b'), account.password)).toBe(false);
  });

  it('extra fields are rejected: the body cannot choose the email, role or contact', async () => {
    const { token, invitation } = await invited();
    for (const extra of [{ email: 'attacker@evil.test' }, { role: 1 }, { contact: 'other' }, { portalRole: 'seller' }, { confirmed: true }]) {
      const res = await accept({ token, password: PASSWORD, ...extra });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(Object.keys(extra)[0]);
    }
    expect((await invitationRow(app, invitation.documentId)).status).toBe('pending');
  });

  it('when the contact already has an account, the invite adds the property to it (no second account)', async () => {
    const contact = await createContact(app);
    const existing = await createPortalUser(app, contact.documentId, { plainPassword: PASSWORD });
    const property = await createProperty(app, { title: 'Second home' });
    const res = await app.http().post('/client-portal/invitations').set(bearer(agent.jwt)).send({ contact: contact.documentId, portalRole: 'buyer', property: property.documentId });
    expect(res.status).toBe(201);
    const token = tokenFrom((await mailsTo(app, contact.email))[0]);

    const wrong = await accept({ token, password: 'not the right password' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toMatch(/^password: /);
    expect((await invitationRow(app, res.body.data.documentId)).status).toBe('pending');

    const ok = await accept({ token, password: PASSWORD });
    expect(ok.status).toBe(200);
    expect(ok.body.data.user.documentId).toBe(existing.documentId);
    expect(await app.strapi.db.query('plugin::users-permissions.user').count({ where: { contact: { documentId: contact.documentId } } })).toBe(1);
    expect(await app.strapi.db.query('api::deal.deal').count({ where: { contact: { documentId: contact.documentId }, property: { documentId: property.documentId } } })).toBe(1);
  });

  it('GraphQL accept follows the same rules and messages', async () => {
    const { token, contact } = await invited();
    const weak = await gql(ACCEPT, { token, password: 'short' });
    expect(weak.body.errors[0].message).toBe('password: must be at least 10 characters');
    const ok = await gql(ACCEPT, { token, password: PASSWORD });
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data.acceptPortalInvitation.user).toMatchObject({ email: contact.email, portalStatus: 'active', contact: contact.documentId });
    const again = await gql(ACCEPT, { token, password: PASSWORD });
    expect(again.body.errors[0].message).toBe(INVITE_INVALID);
    // Internal types are not reachable through GraphQL shadow CRUD.
    const internal = await gql('{ invitations { documentId tokenHash } }');
    expect(internal.body.errors?.[0]?.message).toMatch(/Cannot query field/);
  });
});

describe('resend', () => {
  it('rotates the token (old link dies), resets expiry, counts sends', async () => {
    const { token, invitation, contact } = await invited({ expiresInDays: 2 });
    const row = await invitationRow(app, invitation.documentId);
    await app.strapi.db.query('plugin::client-portal.invitation').update({ where: { id: row.id }, data: { expiresAt: new Date(Date.now() + 60_000) } });

    const res = await app.http().post(`/client-portal/invitations/${invitation.documentId}/resend`).set(bearer(agent.jwt));
    expect(res.status).toBe(200);
    expect(res.body.data.sendCount).toBe(2);
    expect(Math.round((new Date(res.body.data.expiresAt).getTime() - Date.now()) / 864e5)).toBe(2);
    const mails = await mailsTo(app, contact.email, 2);
    const fresh = tokenFrom(mails[1]);
    expect(fresh).not.toBe(token);

    expect((await preview(token)).body.error.message).toBe(INVITE_INVALID);
    expect((await accept({ token, password: PASSWORD })).body.error.message).toBe(INVITE_INVALID);
    expect((await preview(fresh)).status).toBe(200);
    expect((await accept({ token: fresh, password: PASSWORD })).status).toBe(200);

    await outboxIdle(app);
    const before = await snapshotOf(app, INVITE_TABLES);
    const accepted = await app.http().post(`/client-portal/invitations/${invitation.documentId}/resend`).set(bearer(agent.jwt));
    expect(accepted.status).toBe(409);
    expect(await snapshotOf(app, INVITE_TABLES)).toBe(before);
  });

  it('is throttled per invitation (429) and refused for revoked invitations (409)', async () => {
    const { invitation } = await invited();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      statuses.push((await app.http().post(`/client-portal/invitations/${invitation.documentId}/resend`).set(bearer(agent.jwt))).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    await outboxIdle(app);

    const revoked = await app.http().post(`/client-portal/invitations/${invitation.documentId}/revoke`).set(bearer(agent.jwt));
    expect(revoked.status).toBe(200);
    const before = await snapshotOf(app, INVITE_TABLES);
    const res = await app.http().post(`/client-portal/invitations/${invitation.documentId}/resend`).set(bearer(agent.jwt));
    expect(res.status).toBe(409);
    expect(await snapshotOf(app, INVITE_TABLES)).toBe(before);
    expect((await app.http().post('/client-portal/invitations/nope/resend').set(bearer(agent.jwt))).status).toBe(404);
  });
});

describe('revoke', () => {
  it('is immediate and idempotent; the link stops working at once', async () => {
    const { token, invitation } = await invited();
    const first = await app.http().post(`/client-portal/invitations/${invitation.documentId}/revoke`).set(bearer(agent.jwt));
    expect(first.status).toBe(200);
    expect(first.body.data).toMatchObject({ status: 'revoked', displayStatus: 'revoked' });
    const second = await app.http().post(`/client-portal/invitations/${invitation.documentId}/revoke`).set(bearer(agent.jwt));
    expect(second.status).toBe(200);
    expect(second.body.data.revokedAt).toBe(first.body.data.revokedAt);
    expect((await preview(token)).body.error.message).toBe(INVITE_INVALID);
    expect((await accept({ token, password: PASSWORD })).body.error.message).toBe(INVITE_INVALID);
    const revokedEntries = await app.strapi.db.query('plugin::client-portal.activity').count({ where: { invitation: { documentId: invitation.documentId }, type: 'invite_revoked' } });
    expect(revokedEntries).toBe(1);
  });

  it('an unsent email of a revoked invitation is not sent', async () => {
    await app.strapi.plugin('client-portal').service('outbox').stop();
    try {
      const contact = await createContact(app);
      const res = await app.http().post('/client-portal/invitations').set(bearer(agent.jwt)).send({ contact: contact.documentId, portalRole: 'buyer' });
      await app.http().post(`/client-portal/invitations/${res.body.data.documentId}/revoke`).set(bearer(agent.jwt));
      app.strapi.plugin('client-portal').service('outbox').start();
      await outboxIdle(app);
      expect(app.smtp.to(contact.email)).toHaveLength(0);
    } finally {
      app.strapi.plugin('client-portal').service('outbox').start();
    }
  });
});

describe('expiry', () => {
  it('is decided by server time on every use, whatever the stored status says', async () => {
    const { token, invitation } = await invited();
    const row = await invitationRow(app, invitation.documentId);
    await app.strapi.db.query('plugin::client-portal.invitation').update({ where: { id: row.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await invitationRow(app, invitation.documentId)).status).toBe('pending');
    expect((await preview(token)).body.error.message).toBe(INVITE_INVALID);
    expect((await accept({ token, password: PASSWORD })).body.error.message).toBe(INVITE_INVALID);
    const status = await app.http().get(`/client-portal/invitations?status=expired&contact=${row.contact.documentId}`).set(bearer(agent.jwt));
    expect(status.body.data[0]).toMatchObject({ documentId: invitation.documentId, displayStatus: 'expired', label: 'Invitation expired' });
  });

  it('the scheduled job marks expired invites once, even when run by several instances at once', async () => {
    const events: string[] = [];
    const listener = async (payload: any) => {
      events.push(payload.invitation.documentId);
    };
    app.strapi.eventHub.on('client-portal.invitation.expired', listener);
    const { invitation, contact } = await invited();
    const row = await invitationRow(app, invitation.documentId);
    await app.strapi.db.query('plugin::client-portal.invitation').update({ where: { id: row.id }, data: { expiresAt: new Date(Date.now() - 1000) } });

    const service = app.strapi.plugin('client-portal').service('invitations');
    const due = await app.strapi.db.query('plugin::client-portal.invitation').count({ where: { status: 'pending', expiresAt: { $lte: new Date() } } });
    expect(due).toBeGreaterThanOrEqual(1);
    const counts = await Promise.all([service.expireDue(), service.expireDue(), service.expireDue()]);
    app.strapi.eventHub.off('client-portal.invitation.expired', listener);
    // Three runs at once expire each due invitation exactly once between them.
    expect(counts.reduce((a: number, b: number) => a + b, 0)).toBe(due);
    expect(events.filter((id) => id === invitation.documentId)).toHaveLength(1);
    expect((await invitationRow(app, invitation.documentId)).status).toBe('expired');
    const entries = await app.strapi.db.query('plugin::client-portal.activity').count({ where: { invitation: { id: row.id }, type: 'invite_expired' } });
    expect(entries).toBe(1);

    // An expired invite can be resent: a new link and a fresh expiry, pending again.
    const resent = await app.http().post(`/client-portal/invitations/${invitation.documentId}/resend`).set(bearer(agent.jwt));
    expect(resent.status).toBe(200);
    expect(resent.body.data.status).toBe('pending');
    const fresh = tokenFrom((await mailsTo(app, contact.email, 2))[1]);
    expect((await preview(fresh)).status).toBe(200);
  });
});

describe('parallel accepts of two invitations of one contact', () => {
  const twoInvitations = async () => {
    const contact = await createContact(app);
    const tokens: string[] = [];
    for (const title of ['North house', 'South house']) {
      const property = await createProperty(app, { title });
      const res = await app.http().post('/client-portal/invitations').set(bearer(agent.jwt)).send({ contact: contact.documentId, portalRole: 'buyer', property: property.documentId });
      expect(res.status).toBe(201);
      tokens.push(tokenFrom((await mailsTo(app, contact.email, tokens.length + 1))[tokens.length]));
    }
    return { contact, tokens };
  };
  const accounts = (contact: any) => app.strapi.db.query('plugin::users-permissions.user').count({ where: { emailNormalized: contact.email.toLowerCase() } });

  it('answer 200 once and a clean 4xx for the other — never a 500 — and leave one account; the other invitation stays usable', async () => {
    for (let round = 0; round < 3; round += 1) {
      const { contact, tokens } = await twoInvitations();
      const answers = await Promise.all([accept({ token: tokens[0], password: 'first parallel passphrase' }), accept({ token: tokens[1], password: 'second parallel passphrase' })]);
      const statuses = answers.map((res) => res.status);
      expect(statuses.filter((status) => status === 200)).toHaveLength(1);
      const refused = answers.find((res) => res.status !== 200)!;
      expect([400, 409]).toContain(refused.status);
      expect(refused.body.error.message).toEqual(expect.any(String));
      expect(await accounts(contact)).toBe(1);

      // The refused invitation is still pending: accepting it with the account's password adds its property.
      const winner = answers.findIndex((res) => res.status === 200);
      const password = winner === 0 ? 'first parallel passphrase' : 'second parallel passphrase';
      const second = await accept({ token: tokens[1 - winner], password });
      expect(second.status).toBe(200);
      const homes = await app.http().get('/api/client-portal/properties').set(bearer(second.body.data.jwt));
      expect(homes.body.data.map((p: any) => p.title).sort()).toEqual(['North house', 'South house']);
    }
  });

  it('with the same password in both, never a 500 and one account', async () => {
    const { contact, tokens } = await twoInvitations();
    const answers = await Promise.all(tokens.map((token) => accept({ token, password: 'same parallel passphrase' })));
    for (const res of answers) expect([200, 409]).toContain(res.status);
    expect(answers.some((res) => res.status === 200)).toBe(true);
    expect(await accounts(contact)).toBe(1);
  });
});

describe('portal switched off', () => {
  it('public invitation routes answer 403 with the reason', async () => {
    const { token } = await invited();
    await app.http().put('/client-portal/settings').set(bearer(agent.jwt)).send({ portalEnabled: false });
    try {
      const res = await preview(token);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe('The client portal is switched off');
      const viaGql = await gql(PREVIEW, { token });
      expect(viaGql.body.errors[0].message).toBe('The client portal is switched off');
    } finally {
      await app.http().put('/client-portal/settings').set(bearer(agent.jwt)).send({ portalEnabled: true });
    }
    expect((await preview(token)).status).toBe(200);
  });
});
