import fs from 'fs';
import path from 'path';
import { useTestApp } from '../helpers/strapi';
import { bearer, createPortalUser, type Agent, type PortalUser } from '../helpers/users';
import { clockOf, createContact, createProperty, dealOf, portalAgent, uploadFile, viewingOnTheDay } from '../helpers/portal';
import { pdf, png, wav } from '../helpers/media';

/**
 * Client files (avatars, viewing photos, voice notes, property documents and photos) are private: stored outside
 * public/, shown only through short-lived signed links, and the file route checks the link and the access of whoever
 * it was made for again at every fetch.
 */
let agent: Agent;
let client: PortalUser;
let contact: any;
let home: any;
let viewing: any;
let legalDoc: any;
let generalDoc: any;

const api = (route: string) => `/api/client-portal${route}`;
const LINK = /^\/api\/client-portal\/files\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/;
const pathOf = (url: string) => url.replace(/^https?:\/\/[^/]+/, '');
const fetchLink = (url: string, headers: Record<string, string> = {}) => app.http().get(pathOf(url)).set(headers).buffer(true).parse((res, done) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
});
const status = async (url: string) => (await fetchLink(url)).status;
const users = () => app.strapi.db.query('plugin::users-permissions.user');
const myDeal = () => app.strapi.db.query('api::deal.deal').findOne({ where: { pairKey: `${contact.documentId}:${home.documentId}` } });
const setDeal = async (data: Record<string, unknown>) => app.strapi.documents('api::deal.deal').update({ documentId: (await myDeal()).documentId, data: data as any });

/** Every client-facing link of the client: avatar, property photo, viewing photo and voice note, documents. */
const links = async () => {
  const me = (await app.http().get(api('/me')).set(bearer(client.jwt))).body.data;
  const property = (await app.http().get(api(`/properties/${home.documentId}`)).set(bearer(client.jwt))).body.data;
  const seen = (await app.http().get(api(`/viewings/${viewing.documentId}`)).set(bearer(client.jwt))).body.data;
  const docs = (await app.http().get(api('/documents')).set(bearer(client.jwt))).body.data;
  return {
    avatar: me.avatar?.url as string,
    propertyPhoto: property?.photos?.[0]?.url as string,
    propertyThumbnail: property?.photos?.[0]?.formats?.thumbnail?.url as string,
    viewingPhoto: seen?.photos?.[0]?.url as string,
    voiceNote: seen?.voiceNotes?.[0]?.url as string,
    legal: docs?.find((d: any) => d.title === 'Deed')?.file.url as string,
    general: docs?.find((d: any) => d.title === 'Floor plan')?.file.url as string,
  };
};

const app = useTestApp();

beforeAll(async () => {
  agent = await portalAgent(app);
  contact = await createContact(app, { firstName: 'Pia' });
  home = await createProperty(app, { title: 'Harbour loft', photos: [await uploadFile(app, 'front.png', png(400, 300), 'image/png', 'Front')] });
  await dealOf(app, contact, home, 'buyer');
  client = await createPortalUser(app, contact.documentId, { portalRole: (await app.strapi.documents('plugin::client-portal.portal-role').findFirst({ filters: { key: 'buyer' } }))!.id });
  const upload = (name: string) => uploadFile(app, name, pdf(), 'application/pdf');
  legalDoc = await app.strapi.documents('api::document.document').create({ data: { title: 'Deed', folder: 'Legal', file: await upload('deed.pdf'), property: home.id } as any });
  generalDoc = await app.strapi.documents('api::document.document').create({ data: { title: 'Floor plan', folder: 'General', file: await upload('plan.pdf'), property: home.id } as any });
  viewing = await viewingOnTheDay(app, contact, home);
  const attach = (kind: string, buffer: Buffer, name: string) => app.http().post(api(`/viewings/${viewing.documentId}/${kind}`)).set(bearer(client.jwt)).attach('file', buffer, name);
  expect((await attach('photos', png(), 'kitchen.png')).status).toBe(201);
  expect((await attach('voice-notes', wav(4000), 'memo.wav')).status).toBe(201);
  expect((await app.http().post(api('/me/avatar')).set(bearer(client.jwt)).attach('file', png(), 'me.png')).status).toBe(200);
});

afterEach(async () => {
  clockOf(app).set('2027-03-05T09:00:00.000Z');
  await setDeal({ deniedFolders: [], deniedDocuments: [], permissionOverrides: null });
  await users().update({ where: { id: client.id }, data: { blocked: false } });
});

afterAll(async () => {
  clockOf(app)?.set(null);
});

describe('client files are private', () => {
  it('have no permanent public URL: every file comes as a signed link, and nothing is stored under public/', async () => {
    const all = await links();
    for (const [name, url] of Object.entries(all)) {
      expect([name, pathOf(url)]).toEqual([name, expect.stringMatching(LINK)]);
      expect([name, await status(url)]).toEqual([name, 200]);
    }
    const rows = await app.strapi.db.query('plugin::upload.file').findMany({});
    expect(rows.length).toBeGreaterThanOrEqual(6);
    const publicUploads = path.join(app.strapi.dirs.static.public, 'uploads');
    const uploadDir = process.env.PRIVATE_UPLOAD_DIR!;
    expect(path.relative(app.strapi.dirs.static.public, uploadDir).startsWith('..')).toBe(true);
    for (const row of rows as any[]) {
      expect(row.provider).toBe('strapi-provider-upload-client-portal');
      expect(fs.existsSync(path.join(uploadDir, `${row.hash}${row.ext}`))).toBe(true);
      expect(fs.existsSync(path.join(publicUploads, `${row.hash}${row.ext}`))).toBe(false);
      expect((await app.http().get(`/uploads/${row.hash}${row.ext}`)).status).toBe(404);
      expect((await app.http().get(row.url)).status).toBe(404);
    }
  });

  it('answer with nosniff, the stored type, inline for pictures and audio and as an attachment otherwise', async () => {
    const all = await links();
    const photo = await fetchLink(all.viewingPhoto);
    expect(photo.headers).toMatchObject({ 'content-type': 'image/png', 'x-content-type-options': 'nosniff' });
    expect(photo.headers['content-disposition']).toMatch(/^inline; filename="viewing-photo.png"/);
    const voice = await fetchLink(all.voiceNote);
    expect(voice.headers).toMatchObject({ 'content-type': 'audio/wav', 'x-content-type-options': 'nosniff' });
    expect(voice.headers['content-disposition']).toMatch(/^inline/);
    const document = await fetchLink(all.legal);
    expect(document.headers).toMatchObject({ 'content-type': 'application/pdf', 'x-content-type-options': 'nosniff' });
    expect(document.headers['content-disposition']).toMatch(/^attachment; filename="deed.pdf"/);
    expect((document.body as Buffer).toString()).toBe(pdf().toString());
    expect(document.headers['content-security-policy']).toContain('sandbox');
  });

  it('serve byte ranges, so audio players can seek', async () => {
    const { voiceNote } = await links();
    const part = await fetchLink(voiceNote, { Range: 'bytes=0-11' });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toMatch(/^bytes 0-11\/\d+$/);
    expect((part.body as Buffer).subarray(0, 4).toString()).toBe('RIFF');
    expect((part.body as Buffer).length).toBe(12);
    expect((await fetchLink(voiceNote, { Range: 'bytes=999999-' })).status).toBe(416);
  });

  it('expire after FILE_LINK_TTL_SECONDS (15 minutes by default)', async () => {
    const signedAt = new Date('2027-03-05T09:00:00.000Z');
    clockOf(app).set(signedAt);
    const { viewingPhoto } = await links();
    clockOf(app).set(new Date(signedAt.getTime() + 15 * 60_000 - 1000));
    expect(await status(viewingPhoto)).toBe(200);
    clockOf(app).set(new Date(signedAt.getTime() + 15 * 60_000));
    expect(await status(viewingPhoto)).toBe(404);
  });

  it('cannot be forged: a changed signature, file or principal is a 404', async () => {
    const { avatar, viewingPhoto } = await links();
    const [payload, signature] = pathOf(avatar).split('/').pop()!.split('.');
    const flip = (text: string) => (text[0] === 'A' ? 'B' : 'A') + text.slice(1);
    expect(await status(`/api/client-portal/files/${payload}.${flip(signature)}`)).toBe(404);
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    for (const forged of [{ ...claims, p: 'public' }, { ...claims, h: pathOf(viewingPhoto) }, { ...claims, e: claims.e + 3600 }]) {
      expect(await status(`/api/client-portal/files/${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${signature}`)).toBe(404);
    }
    expect(await status('/api/client-portal/files/not-a-link')).toBe(404);
  });
});

describe('access is checked again when a link is fetched', () => {
  it('a client who loses the property loses its photos and documents on the next request', async () => {
    const all = await links();
    const deal = await myDeal();
    await app.strapi.documents('api::deal.deal').delete({ documentId: deal.documentId });
    try {
      for (const url of [all.propertyPhoto, all.propertyThumbnail, all.legal, all.general, all.viewingPhoto, all.voiceNote]) expect(await status(url)).toBe(404);
      expect(await status(all.avatar)).toBe(200);
    } finally {
      await dealOf(app, contact, home, 'buyer');
    }
    expect(await status(all.propertyPhoto)).toBe(200);
  });

  it('a denied folder or document is a 404; the rest of the property stays reachable', async () => {
    const all = await links();
    await setDeal({ deniedFolders: ['Legal'] });
    expect(await status(all.legal)).toBe(404);
    expect(await status(all.general)).toBe(200);
    await setDeal({ deniedFolders: [], deniedDocuments: [generalDoc.id] });
    expect(await status(all.general)).toBe(404);
    expect(await status(all.legal)).toBe(200);
    await setDeal({ permissionOverrides: { viewDocuments: false, uploadPhotos: false } });
    expect(await status(all.legal)).toBe(404);
    expect(await status(all.viewingPhoto)).toBe(404);
    expect(await status(all.voiceNote)).toBe(200);
  });

  it('a blocked account, or a portal switched off, reaches none of its files', async () => {
    const all = await links();
    await users().update({ where: { id: client.id }, data: { blocked: true } });
    for (const url of Object.values(all)) expect(await status(url)).toBe(404);
    await users().update({ where: { id: client.id }, data: { blocked: false } });
    expect(await status(all.avatar)).toBe(200);

    await app.http().put('/client-portal/settings').set(bearer(agent.jwt)).send({ portalEnabled: false });
    try {
      expect(await status(all.avatar)).toBe(404);
    } finally {
      await app.http().put('/client-portal/settings').set(bearer(agent.jwt)).send({ portalEnabled: true });
    }
  });

  it('another client never gets a link to these files, and a deleted file is a 404', async () => {
    const stranger = await createPortalUser(app, (await createContact(app)).documentId);
    expect((await app.http().get(api(`/properties/${home.documentId}`)).set(bearer(stranger.jwt))).status).toBe(404);
    expect((await app.http().get(api(`/viewings/${viewing.documentId}/photos`)).set(bearer(stranger.jwt))).status).toBe(404);

    const { avatar } = await links();
    expect((await app.http().post(api('/me/avatar')).set(bearer(client.jwt)).attach('file', png(), 'new.png')).status).toBe(200);
    expect(await status(avatar)).toBe(404);
  });
});

describe('agents and integrations get links of their own', () => {
  it('the content manager shows signed links bound to the agent, which stop working when the agent is deactivated', async () => {
    const editor = await portalAgent(app, ['read'], [{ action: 'plugin::content-manager.explorer.read', subject: 'api::property.property' }]);
    const res = await app.http().get(`/content-manager/collection-types/api::property.property/${home.documentId}`).set(bearer(editor.jwt));
    expect(res.status).toBe(200);
    const url = res.body.data.photos[0].url;
    expect(pathOf(url)).toMatch(LINK);
    expect(await status(url)).toBe(200);
    expect(await status(res.body.data.photos[0].formats.thumbnail.url)).toBe(200);
    await app.strapi.db.query('admin::user').update({ where: { id: editor.id }, data: { isActive: false } });
    expect(await status(url)).toBe(404);
  });

  it('an API token gets links bound to the token, which stop working when the token is deleted', async () => {
    const token = await app.strapi.service('admin::api-token').create({ name: `integration ${Date.now()}`, type: 'read-only', lifespan: null });
    const res = await app.http().get(`/api/properties/${home.documentId}?populate=photos`).set(bearer(token.accessKey));
    expect(res.status).toBe(200);
    const url = res.body.data.photos[0].url;
    expect(pathOf(url)).toMatch(LINK);
    expect(await status(url)).toBe(200);
    await app.strapi.service('admin::api-token').revoke(token.id);
    expect(await status(url)).toBe(404);
  });

  it('GraphQL answers the same signed links', async () => {
    const res = await app.http().post('/graphql').set(bearer(client.jwt)).send({ query: '{ portalMe { avatar { url mime } } portalProperties { photos { url } } portalDocuments { file { url } } }' });
    expect(res.body.errors).toBeUndefined();
    const { portalMe, portalProperties, portalDocuments } = res.body.data;
    for (const url of [portalMe.avatar.url, portalProperties[0].photos[0].url, portalDocuments[0].file.url]) {
      expect(pathOf(url)).toMatch(LINK);
      expect(await status(url)).toBe(200);
    }
  });
});
