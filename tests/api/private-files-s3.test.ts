import crypto from 'crypto';
import fs from 'fs';
import path from 'path';
import S3rver from 's3rver';
import { bootStrapi, type TestApp } from '../helpers/strapi';
import { TEST_ROOT } from '../helpers/database';
import { bearer, createPortalUser, type PortalUser } from '../helpers/users';
import { clockOf, createContact, createProperty, dealOf, uploadFile, viewingOnTheDay } from '../helpers/portal';
import { png, wav } from '../helpers/media';

/**
 * The same private files, kept in an S3 bucket (a real S3-compatible server on loopback, s3rver) through
 * @strapi/provider-upload-aws-s3 with ACL "private": nothing on the local disk, no bucket URL ever shown, the same
 * signed links checked against the caller's access.
 */
const bucket = 'client-files';
const directory = path.join(TEST_ROOT, '.tmp', 'tests', `s3rver-${crypto.randomBytes(4).toString('hex')}`);
let s3: S3rver;
let endpoint: string;
let app: TestApp;
let client: PortalUser;
let contact: any;
let home: any;
let viewing: any;

const api = (route: string) => `/api/client-portal${route}`;
const pathOf = (url: string) => url.replace(/^https?:\/\/[^/]+/, '');
const fetchLink = (url: string) => app.http().get(pathOf(url)).buffer(true).parse((res, done) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
});
const objectsInBucket = () => {
  const dir = path.join(directory, bucket);
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((name) => !name.startsWith('.') && !name.endsWith('._S3rver_metadata.json')) : [];
};

beforeAll(async () => {
  fs.mkdirSync(directory, { recursive: true });
  s3 = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket, configs: [] }] });
  const { port } = await s3.run();
  endpoint = `http://127.0.0.1:${port}`;
  app = await bootStrapi({
    env: {
      UPLOAD_STORE: 's3',
      S3_ENDPOINT: endpoint,
      S3_BUCKET: bucket,
      S3_REGION: 'us-east-1',
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
    },
  });
  contact = await createContact(app);
  home = await createProperty(app, { photos: [await uploadFile(app, 'front.png', png(400, 300), 'image/png')] });
  await dealOf(app, contact, home, 'buyer');
  client = await createPortalUser(app, contact.documentId, { portalRole: (await app.strapi.documents('plugin::client-portal.portal-role').findFirst({ filters: { key: 'buyer' } }))!.id });
  viewing = await viewingOnTheDay(app, contact, home);
});

afterAll(async () => {
  clockOf(app)?.set(null);
  await app?.close();
  await s3?.close();
  fs.rmSync(directory, { recursive: true, force: true });
});

describe('private files in an S3 bucket', () => {
  it('are stored in the bucket, not on the local disk, and only ever shown as signed links to this server', async () => {
    const avatar = await app.http().post(api('/me/avatar')).set(bearer(client.jwt)).attach('file', png(), 'me.png');
    expect(avatar.status).toBe(200);
    const voice = await app.http().post(api(`/viewings/${viewing.documentId}/voice-notes`)).set(bearer(client.jwt)).attach('file', wav(4000), 'memo.wav');
    expect(voice.status).toBe(201);

    const rows = (await app.strapi.db.query('plugin::upload.file').findMany({})) as any[];
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(objectsInBucket().length).toBeGreaterThanOrEqual(rows.length);
    expect(fs.existsSync(process.env.PRIVATE_UPLOAD_DIR!) ? fs.readdirSync(process.env.PRIVATE_UPLOAD_DIR!) : []).toEqual([]);

    const property = (await app.http().get(api(`/properties/${home.documentId}`)).set(bearer(client.jwt))).body.data;
    const links = [avatar.body.data.avatar.url, voice.body.data.voiceNotes[0].url, property.photos[0].url];
    const everything = JSON.stringify([avatar.body, voice.body, property]);
    expect(everything).not.toContain(endpoint);
    expect(everything).not.toContain(bucket);
    for (const url of links) {
      expect(pathOf(url)).toMatch(/^\/api\/client-portal\/files\/[\w-]+\.[\w-]{43}$/);
      const res = await fetchLink(url);
      expect(res.status).toBe(200);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
    const served = await fetchLink(avatar.body.data.avatar.url);
    expect(served.headers['content-type']).toBe('image/png');
    expect((served.body as Buffer).subarray(1, 4).toString()).toBe('PNG');
  });

  it('serve byte ranges from the bucket', async () => {
    const seen = (await app.http().get(api(`/viewings/${viewing.documentId}/voice-notes`)).set(bearer(client.jwt))).body.data;
    const res = await app.http().get(pathOf(seen[0].url)).set('Range', 'bytes=0-3');
    expect(res.status).toBe(206);
    expect(res.headers['content-range']).toMatch(/^bytes 0-3\/\d+$/);
  });
  it('check the caller\'s access at fetch time, as with the local store', async () => {
    const property = (await app.http().get(api(`/properties/${home.documentId}`)).set(bearer(client.jwt))).body.data;
    const url = property.photos[0].url;
    expect((await fetchLink(url)).status).toBe(200);
    const deal = await app.strapi.db.query('api::deal.deal').findOne({ where: { pairKey: `${contact.documentId}:${home.documentId}` } });
    await app.strapi.documents('api::deal.deal').delete({ documentId: deal.documentId });
    expect((await fetchLink(url)).status).toBe(404);
  });

});
