import crypto from 'crypto';
import { useTestApp } from '../helpers/strapi';
import { sqlDuring } from '../helpers/sql';
import { bearer, createPortalUser, type PortalUser } from '../helpers/users';
import { createContact, mailsTo, roleOf } from '../helpers/portal';
import type { ReceivedMail } from '../helpers/smtp-sink';

/**
 * Portal sessions live on the server: logout ends one at once, logout-all ends them all, and a password change or
 * reset ends the older ones and tells the account by email.
 */

const api = (route: string) => `/api/client-portal${route}`;
const login = async (user: PortalUser, password = user.password) => {
  const res = await app.http().post(api('/auth/login')).send({ email: user.email, password });
  expect(res.status).toBe(200);
  return res.body.data.jwt as string;
};
const meStatus = async (jwt: string) => (await app.http().get(api('/me')).set(bearer(jwt))).status;
const gql = (query: string, jwt: string) => app.http().post('/graphql').set(bearer(jwt)).send({ query });
const codeFrom = (mail: ReceivedMail) => /^\s*(\d{6})\s*$/m.exec(mail.text)![1];
const newUser = async (overrides: Record<string, unknown> = {}) =>
  createPortalUser(app, (await createContact(app)).documentId, { portalRole: (await roleOf(app, 'buyer')).id, ...overrides });

const app = useTestApp();

describe('logout', () => {
  it('ends this session at once on the server: its JWT answers 401, other sessions go on (REST and GraphQL)', async () => {
    const user = await newUser();
    const [laptop, phone, tablet] = [await login(user), await login(user), await login(user)];
    for (const jwt of [laptop, phone, tablet]) expect(await meStatus(jwt)).toBe(200);

    const out = await app.http().post(api('/auth/logout')).set(bearer(laptop));
    expect(out.status).toBe(204);
    expect(await meStatus(laptop)).toBe(401);
    expect((await app.http().get(api('/properties')).set(bearer(laptop))).status).toBe(401);
    expect(await meStatus(phone)).toBe(200);

    const viaGql = await gql('mutation { portalLogout { ok } }', phone);
    expect(viaGql.body.data.portalLogout).toEqual({ ok: true });
    expect(await meStatus(phone)).toBe(401);
    const afterwards = await gql('{ portalMe { email } }', phone);
    expect(afterwards.status).toBe(401);
    expect(afterwards.body.error.message).toBe('Missing or invalid credentials');
    expect(await meStatus(tablet)).toBe(200);
    expect((await app.http().post(api('/auth/logout')).set(bearer(laptop))).status).toBe(401);
  });

  it('logout-all ends every session of the account, and only of that account (REST and GraphQL)', async () => {
    const user = await newUser();
    const other = await newUser();
    const sessions = [user.jwt, await login(user), await login(user)];
    const othersSession = await login(other);
    const out = await app.http().post(api('/auth/logout-all')).set(bearer(sessions[1]));
    expect(out.status).toBe(204);
    for (const jwt of sessions) expect(await meStatus(jwt)).toBe(401);
    expect(await meStatus(othersSession)).toBe(200);

    const again = [await login(user), await login(user)];
    expect((await gql('mutation { portalLogoutAll { ok } }', again[0])).body.data.portalLogoutAll).toEqual({ ok: true });
    for (const jwt of again) expect(await meStatus(jwt)).toBe(401);
    expect(await meStatus(await login(user))).toBe(200);
  });

  it('works before a temporary password is changed', async () => {
    const user = await newUser({ mustChangePassword: true });
    const jwt = await login(user);
    expect((await app.http().post(api('/auth/logout')).set(bearer(jwt))).status).toBe(204);
    expect(await meStatus(jwt)).toBe(401);
  });

  it('a JWT that names no open session is refused, even when correctly signed', async () => {
    const user = await newUser();
    const unsigned = app.strapi.plugin('users-permissions').service('jwt').issue({ id: user.id });
    expect(await meStatus(unsigned)).toBe(401);
    const madeUp = app.strapi.plugin('users-permissions').service('jwt').issue({ id: user.id, sid: 'a-session-that-never-was' });
    expect(await meStatus(madeUp)).toBe(401);
    const someoneElses = await newUser();
    const sid = JSON.parse(Buffer.from(someoneElses.jwt.split('.')[1], 'base64url').toString()).sid;
    const borrowed = app.strapi.plugin('users-permissions').service('jwt').issue({ id: user.id, sid });
    expect(await meStatus(borrowed)).toBe(401);
  });
});

describe('password changes end older sessions and are notified', () => {
  it('a change keeps only the new session and emails "your password was changed" in the account\'s language', async () => {
    const user = await newUser({ language: 'nl' });
    const other = await login(user);
    const res = await app.http().post(api('/auth/change-password')).set(bearer(user.jwt)).send({ currentPassword: user.password, password: 'a brand new passphrase' });
    expect(res.status).toBe(200);
    expect(await meStatus(user.jwt)).toBe(401);
    expect(await meStatus(other)).toBe(401);
    expect(await meStatus(res.body.data.jwt)).toBe(200);

    const [notice] = await mailsTo(app, user.email);
    expect(notice.subject).toBe('Uw wachtwoord voor het klantenportaal van Test Agency is gewijzigd');
    expect(notice.text).toContain('overal elders afgemeld');
    expect(notice.text).toContain('https://portal.agency.test/forgot-password');
    expect(notice.text).not.toContain('a brand new passphrase');
  });

  it('a reset ends every session and emails the notice after the code', async () => {
    const user = await newUser({ language: 'fr' });
    const other = await login(user);
    expect((await app.http().post(api('/auth/forgot-password')).send({ email: user.email })).status).toBe(202);
    const [codeMail] = await mailsTo(app, user.email);
    const reset = await app.http().post(api('/auth/reset-password')).send({ email: user.email, code: codeFrom(codeMail), password: 'another new passphrase' });
    expect(reset.status).toBe(200);
    for (const jwt of [user.jwt, other]) expect(await meStatus(jwt)).toBe(401);
    const mails = await mailsTo(app, user.email, 2);
    expect(mails[1].subject).toBe('Le mot de passe de votre portail client Test Agency a été modifié');
    expect(await meStatus(await login(user, 'another new passphrase'))).toBe(200);
  });

  it('a password set by an agent in the content manager, or a block, ends the sessions too', async () => {
    const user = await newUser();
    const second = await login(user);
    await app.strapi.documents('plugin::users-permissions.user').update({ documentId: user.documentId, data: { blocked: true } as any });
    await app.strapi.documents('plugin::users-permissions.user').update({ documentId: user.documentId, data: { blocked: false } as any });
    expect(await meStatus(user.jwt)).toBe(401);
    expect(await meStatus(second)).toBe(401);
  });
});

describe("the portal routes' JWT check", () => {
  const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString());
  const sign = (payload: Record<string, unknown>, secret: string) => {
    const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(payload)}`;
    return `${unsigned}.${crypto.createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
  };
  const users = () => app.strapi.db.query('plugin::users-permissions.user');
  const propertiesStatus = async (jwt: string) => (await app.http().get(api('/properties')).set(bearer(jwt))).status;

  it('refuses an expired JWT and one signed with another secret, though their session is open (401)', async () => {
    const user = await newUser();
    const { sid } = claimsOf(user.jwt);
    const expired = app.strapi.plugin('users-permissions').service('jwt').issue({ id: user.id, sid }, { expiresIn: -60 });
    expect(claimsOf(expired).exp * 1000).toBeLessThan(Date.now());
    const forged = sign({ id: user.id, sid, iat: Math.floor(Date.now() / 1000) }, 'not the secret of this app');
    for (const jwt of [expired, forged]) {
      expect(await meStatus(jwt)).toBe(401);
      expect(await propertiesStatus(jwt)).toBe(401);
    }
    const rightSecret = sign({ id: user.id, sid, iat: Math.floor(Date.now() / 1000) }, app.strapi.config.get('plugin::users-permissions.jwtSecret') as string);
    expect(await meStatus(rightSecret)).toBe(200);
  });

  it('refuses a session whose time is up in the database, though the JWT has not expired (401)', async () => {
    const user = await newUser();
    expect(await meStatus(user.jwt)).toBe(200);
    await app.strapi.db.query('plugin::client-portal.portal-session').update({ where: { sid: claimsOf(user.jwt).sid }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await meStatus(user.jwt)).toBe(401);
  });

  it('refuses a deleted account, and an account without a users-permissions role (401)', async () => {
    const gone = await newUser();
    await users().delete({ where: { id: gone.id } });
    const res = await app.http().get(api('/me')).set(bearer(gone.jwt));
    expect(res.status).toBe(401);
    expect(res.body.error.message).toBe('Invalid credentials');

    const roleless = await newUser();
    expect(await meStatus(roleless.jwt)).toBe(200);
    await users().update({ where: { id: roleless.id }, data: { role: null } });
    expect(await meStatus(roleless.jwt)).toBe(401);
  });

  it('refuses an unconfirmed account while users-permissions asks for email confirmation, as its own check does', async () => {
    const user = await newUser();
    await users().update({ where: { id: user.id }, data: { confirmed: false } });
    expect(await meStatus(user.jwt)).toBe(200);
    const store = app.strapi.store({ type: 'plugin', name: 'users-permissions' });
    const advanced = (await store.get({ key: 'advanced' })) as Record<string, unknown>;
    await store.set({ key: 'advanced', value: { ...advanced, email_confirmation: true } });
    try {
      const res = await app.http().get(api('/properties')).set(bearer(user.jwt));
      expect(res.status).toBe(401);
      expect(res.body.error.message).toBe('Invalid credentials');
      await users().update({ where: { id: user.id }, data: { confirmed: true } });
      expect(await propertiesStatus(user.jwt)).toBe(200);
    } finally {
      await store.set({ key: 'advanced', value: advanced });
    }
  });

  it('keeps working when the settings store holds a setting twice (two instances starting on a fresh database)', async () => {
    const user = await newUser();
    const store = app.strapi.db.query('strapi::core-store');
    const [original] = await store.findMany({ where: { key: 'plugin_users-permissions_advanced', environment: null, tag: null } });
    const duplicate = await store.create({ data: { key: original.key, value: original.value, type: original.type, environment: null, tag: null } });
    try {
      expect(await propertiesStatus(user.jwt)).toBe(200);
    } finally {
      await store.delete({ where: { id: duplicate.id } });
    }
  });

  it('treats a request without a bearer JWT as anonymous: 403 on member routes, whatever the header holds', async () => {
    for (const header of [undefined, 'Basic dXNlcjpwYXNz', 'Bearer', 'Bearer one two']) {
      const request = app.http().get(api('/properties'));
      const res = header ? await request.set('Authorization', header) : await request;
      expect(res.status).toBe(403);
    }
  });

  it('closes member routes at once while the portal is switched off (403 with the reason), and opens them again', async () => {
    const user = await newUser();
    const settings = app.strapi.plugin('client-portal').service('settings');
    expect(await propertiesStatus(user.jwt)).toBe(200);
    await settings.update({ portalEnabled: false });
    try {
      const res = await app.http().get(api('/properties')).set(bearer(user.jwt));
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe('The client portal is switched off');
    } finally {
      await settings.update({ portalEnabled: true });
    }
    expect(await propertiesStatus(user.jwt)).toBe(200);
  });

  it('reads the session, the role\'s grant, both settings, the contact and the portal role in one statement, and the account in one more', async () => {
    const user = await newUser();
    const { result, statements } = await sqlDuring(app, async () => app.http().get(api('/properties')).set(bearer(user.jwt)));
    expect(result.status).toBe(200);
    const reading = (table: string) => statements.filter(({ sql }) => new RegExp(`["\`]${table}["\`]`).test(sql));
    const [first] = reading('cp_portal_sessions');
    expect(reading('cp_portal_sessions')).toHaveLength(1);
    for (const table of ['up_permissions', 'up_roles', 'strapi_core_store_settings', 'cp_portal_roles', 'contacts']) {
      expect(reading(table)[0]).toBe(first);
    }
    expect(reading('up_permissions')).toHaveLength(1);
    expect(reading('strapi_core_store_settings')).toHaveLength(1);
    expect(reading('up_users').filter((statement) => statement !== first)).toHaveLength(1);
  });
});
