import crypto from 'crypto';
import fs from 'fs';
import os from 'os';
import sharp from 'sharp';
import exifReader from 'exif-reader';
import { useTestApp } from '../helpers/strapi';
import { bearer, createPortalUser, type PortalUser } from '../helpers/users';
import { clockOf, createContact, createProperty, dealOf, eventually, viewingOnTheDay } from '../helpers/portal';
import { html, jpegWithGps, mp3, pdf, png, script, svgWithoutProlog, svgWithScript, wav, webm, xml } from '../helpers/media';

/**
 * Client uploads are judged by their bytes; multipart bodies are limited before they are parsed, and no upload —
 * accepted, refused or oversized — leaves a temporary file. The test run has a TMPDIR of its own (jest global setup),
 * where the body parser writes uploads.
 */
const tmpdir = os.tmpdir();

let me: PortalUser;
let contact: any;
let viewing: any;

const api = (route: string) => `/api/client-portal${route}`;
const files = () => app.strapi.db.query('plugin::upload.file');
let before = new Set<string>();
const leftovers = () => fs.readdirSync(tmpdir).filter((name) => !before.has(name));
const noTemporaryFiles = async () => {
  await eventually(() => leftovers().length === 0, 'no temporary file left').catch(() => {
    throw new Error(`temporary files left in ${tmpdir}: ${leftovers().join(', ')}`);
  });
};
const post = (route: string, buffer: Buffer, filename: string, contentType: string) =>
  app.http().post(api(route)).set(bearer(me.jwt)).attach('file', buffer, { filename, contentType });
const fetchLink = (url: string) => app.http().get(url.replace(/^https?:\/\/[^/]+/, '')).buffer(true).parse((res, done) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
});

const app = useTestApp();

beforeAll(async () => {
  contact = await createContact(app, { firstName: 'Uma' });
  const home = await createProperty(app);
  await dealOf(app, contact, home, 'buyer');
  me = await createPortalUser(app, contact.documentId, { portalRole: (await app.strapi.documents('plugin::client-portal.portal-role').findFirst({ filters: { key: 'buyer' } }))!.id });
  viewing = await viewingOnTheDay(app, contact, home);
});

afterAll(async () => {
  clockOf(app)?.set(null);
});

describe('uploads are judged by their bytes', () => {
  const activeContent: Array<[string, () => Buffer]> = [
    ['SVG with a script', svgWithScript],
    ['SVG without an XML prolog', svgWithoutProlog],
    ['HTML', html],
    ['XML', xml],
    ['a shell script', script],
    ['unrecognised bytes', () => crypto.randomBytes(2048)],
  ];

  it.each(activeContent)('an avatar of %s is a 400 naming the field, whatever its name and declared type, and nothing is stored', async (_, sample) => {
    const before = await files().count();
    for (const [filename, type] of [['me.png', 'image/png'], ['me.jpg', 'image/jpeg'], ['me', 'application/octet-stream']]) {
      const res = await post('/me/avatar', sample(), filename, type);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe('file: must be a JPEG, PNG, WebP or GIF image');
      expect(res.body.error.details.errors[0].path).toEqual(['file']);
    }
    expect(await files().count()).toBe(before);
  });

  it.each(activeContent)('a viewing photo or voice note of %s is a 400 naming the field', async (_, sample) => {
    const photo = await post(`/viewings/${viewing.documentId}/photos`, sample(), 'kitchen.jpg', 'image/jpeg');
    expect(photo.status).toBe(400);
    expect(photo.body.error.message).toBe('file: must be an image (JPEG, PNG, WebP or GIF)');
    const voice = await post(`/viewings/${viewing.documentId}/voice-notes`, sample(), 'memo.mp3', 'audio/mpeg');
    expect(voice.status).toBe(400);
    expect(voice.body.error.message).toBe('file: must be an audio file (MP3, M4A, AAC, OGG, WebM or WAV)');
  });

  it('an HTML page sent as image/png is refused; a PNG sent as evil.html with text/html is stored as a PNG under a neutral name', async () => {
    const disguised = await post('/me/avatar', html(), 'avatar.png', 'image/png');
    expect(disguised.status).toBe(400);

    const res = await post('/me/avatar', png(), 'evil.html', 'text/html');
    expect(res.status).toBe(200);
    const stored = await files().findOne({ where: { id: res.body.data.avatar.id } });
    expect(stored).toMatchObject({ ext: '.png', mime: 'image/png', name: 'profile-picture.png' });
    expect(`${stored.hash}${stored.ext} ${stored.url}`).not.toMatch(/evil|html/);
    const served = await fetchLink(res.body.data.avatar.url);
    expect(served.status).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
  });

  it('voice notes keep the type their bytes show (MP3, WAV, a WebM recording), never the declared one', async () => {
    const cases: Array<[Buffer, string, string, string, string]> = [
      [mp3(), 'memo.txt', 'text/plain', 'audio/mpeg', '.mp3'],
      [wav(), 'memo.mp3', 'audio/mpeg', 'audio/wav', '.wav'],
      [webm(), 'recording.ogg', 'audio/ogg', 'audio/webm', '.webm'],
    ];
    for (const [bytes, filename, declared, mime, ext] of cases) {
      const res = await post(`/viewings/${viewing.documentId}/voice-notes`, bytes, filename, declared);
      expect(res.status).toBe(201);
      const note = res.body.data.voiceNotes.at(-1);
      expect(note).toMatchObject({ mime, name: `voice-note${ext}` });
      const row = await files().findOne({ where: { id: note.id } });
      expect(row).toMatchObject({ mime, ext });
    }
  });

  it('a photo loses its EXIF metadata (GPS position, camera) and keeps its pixels', async () => {
    const original = await jpegWithGps();
    expect(exifReader((await sharp(original).metadata()).exif!).GPSInfo).toMatchObject({ GPSLatitudeRef: 'N' });

    const res = await post(`/viewings/${viewing.documentId}/photos`, original, 'IMG_0001.JPG', 'image/jpeg');
    expect(res.status).toBe(201);
    const photo = res.body.data.photos.at(-1);
    expect(photo).toMatchObject({ mime: 'image/jpeg', name: 'viewing-photo.jpg', width: 320, height: 240 });
    const served = await fetchLink(photo.url);
    expect(served.status).toBe(200);
    const metadata = await sharp(served.body as Buffer).metadata();
    expect(metadata.exif).toBeUndefined();
    expect(metadata).toMatchObject({ format: 'jpeg', width: 320, height: 240 });
    expect((served.body as Buffer).includes(Buffer.from('PhoneMaker'))).toBe(false);

    const avatar = await post('/me/avatar', original, 'me.jpg', 'image/jpeg');
    expect(avatar.status).toBe(200);
    expect((await sharp((await fetchLink(avatar.body.data.avatar.url)).body as Buffer).metadata()).exif).toBeUndefined();
  });
});

describe('request limits', () => {
  beforeEach(() => {
    before = new Set(fs.readdirSync(tmpdir));
  });

  it('runs with a temporary directory of its own', () => {
    expect(tmpdir).toMatch(/[/\\]\.tmp[/\\]tests[/\\]tmp-(sqlite|postgres)$/);
  });

  it('routes that take no file refuse multipart bodies before reading them (415), REST and GraphQL alike', async () => {
    const cases = [
      app.http().post(api('/notes')).set(bearer(me.jwt)).field('text', 'A note').attach('file', png(), 'a.png'),
      app.http().put(api('/me')).set(bearer(me.jwt)).attach('file', pdf(), 'cv.pdf'),
      app.http().post(api('/auth/login')).field('email', 'x@y.test').attach('file', png(), 'a.png'),
      app.http().post('/graphql').set(bearer(me.jwt)).field('operations', '{"query":"{ portalMe { email } }"}').attach('0', png(), 'a.png'),
    ];
    for (const request of cases) {
      const res = await request;
      expect(res.status).toBe(415);
      expect(res.body.error.message).toBe('This route does not take files: send JSON');
    }
    await noTemporaryFiles();
  });

  it('a body larger than the largest file the route takes is refused before it is parsed (413, naming the field)', async () => {
    const big = Buffer.concat([png(), Buffer.alloc(6 * 1024 * 1024)]);
    const avatar = await post('/me/avatar', big, 'big.png', 'image/png');
    expect(avatar.status).toBe(413);
    expect(avatar.body.error.message).toBe('file: must be at most 5 MB');
    const photo = await post(`/viewings/${viewing.documentId}/photos`, Buffer.concat([png(), Buffer.alloc(11 * 1024 * 1024)]), 'big.png', 'image/png');
    expect(photo.status).toBe(413);
    expect(photo.body.error.message).toBe('file: must be at most 10 MB');
    await noTemporaryFiles();
  });

  it('a file just over the limit inside the form overhead is a 400 naming the field', async () => {
    const res = await post('/me/avatar', Buffer.concat([png(), Buffer.alloc(5 * 1024 * 1024)]), 'big.png', 'image/png');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('file: must be at most 5 MB');
    await noTemporaryFiles();
  });

  it('accepted, refused and failed uploads leave nothing in the temporary directory', async () => {
    expect((await post('/me/avatar', png(), 'a.png', 'image/png')).status).toBe(200);
    expect((await post('/me/avatar', html(), 'a.png', 'image/png')).status).toBe(400);
    expect((await post(`/viewings/${viewing.documentId}/photos`, await jpegWithGps(), 'a.jpg', 'image/jpeg')).status).toBe(201);
    expect((await post(`/viewings/${viewing.documentId}/voice-notes`, wav(), 'a.wav', 'audio/wav')).status).toBe(201);
    // Refused after the body was read: another client's viewing (404) and a second file field (400).
    const stranger = await createPortalUser(app, (await createContact(app)).documentId);
    expect((await app.http().post(api(`/viewings/${viewing.documentId}/photos`)).set(bearer(stranger.jwt)).attach('file', png(), 'a.png')).status).toBe(404);
    expect((await app.http().post(api('/me/avatar')).set(bearer(me.jwt)).attach('file', png(), 'a.png').attach('other', png(), 'b.png')).status).toBe(400);
    await noTemporaryFiles();
  });
});
