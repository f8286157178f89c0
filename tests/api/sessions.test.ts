import { useTestApp } from '../helpers/strapi';
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
