import fs from 'fs';
import path from 'path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserAvailable, browserOptions, chromiumPath } from '../helpers/browser';
import { useTestApp } from '../helpers/strapi';
import { bearer, createPortalUser, type Agent } from '../helpers/users';
import { clockOf, createContact, createProperty, dealOf, mailsTo, portalAgent, roleOf, tokenFrom, uploadFile } from '../helpers/portal';
import { housePhoto } from '../../src/seed/png';
import { pdf } from '../helpers/media';
import type { ReceivedMail } from '../helpers/smtp-sink';
import { nl } from '../../portal/src/i18n/nl';

/**
 * The reference portal (portal/, built to portal/dist and served at /portal) in a real browser: Debian's chromium
 * (CI installs it; CHROMIUM_PATH overrides the path) on a 360 px phone screen. Without a browser (and without CI) the
 * served files and their headers are still checked.
 */
const haveBrowser = browserAvailable();
const SCREENS = path.join(process.cwd(), '.tmp', 'screens', 'portal');
const WAIT = 20_000;

let agent: Agent;
const app = useTestApp();

beforeAll(async () => {
  agent = await portalAgent(app);
  fs.mkdirSync(SCREENS, { recursive: true });
});

afterEach(() => clockOf(app).set(null));

const codeFrom = (mail: ReceivedMail) => /^\s*(\d{6})\s*$/m.exec(mail.text)![1];
/** The temporary password of the account-created email (its own line in the text part). */
const temporaryPasswordFrom = (mail: ReceivedMail) => mail.text.split('\n').map((line) => line.trim()).find((line) => /^[A-Za-z0-9!@#$%&*?]{8}$/.test(line) && !/^\d+$/.test(line))!;

describe('served by Strapi', () => {
  it('answers every page path with the built page under a CSP without unsafe-inline and no referrer', async () => {
    for (const page of ['/portal/', '/portal/accept', '/portal/login', '/portal/register', '/portal/properties/abc', '/portal/viewings/xyz']) {
      const res = await app.http().get(page);
      expect({ page, status: res.status }).toEqual({ page, status: 200 });
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      const csp = res.headers['content-security-policy'];
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      // No inline script or style; only this server's files.
      expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(res.text).not.toMatch(/<style/);
      expect(res.text).not.toMatch(/(src|href)="(https?:)?\/\//);
    }
    const html = (await app.http().get('/portal/')).text;
    const script = /<script type="module" crossorigin src="(\/portal\/assets\/[^"]+\.js)"/.exec(html)![1];
    const asset = await app.http().get(script);
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    expect(asset.text).toContain('/api/client-portal');
    // Addresses in the bundle are XML namespaces and a library's link in an error text, never something loaded.
    const addresses = asset.text.match(/https?:\/\/[^"'`\s)]+/g) ?? [];
    expect(addresses.filter((url) => !url.startsWith('http://www.w3.org/') && !url.startsWith('https://github.com/preactjs/'))).toEqual([]);
    expect((await app.http().get('/portal/assets/missing.js')).status).toBe(404);
    const bare = await app.http().get('/portal');
    expect(bare.status).toBe(302);
    expect(bare.headers.location).toBe('/portal/');
  });
});

if (!haveBrowser) {
  it(`has no browser to drive here (${chromiumPath} is missing; CI installs it)`, () => {
    expect(fs.existsSync(chromiumPath)).toBe(false);
  });
}

// The journeys are defined only where a browser exists (with CI set, its absence already failed this file).
if (haveBrowser)
  describe('in chromium, on a 360 px screen', () => {
    let browser: Browser;
    let axeSource: string;
    beforeAll(async () => {
      const { chromium } = await import('playwright-core');
      browser = await chromium.launch({ ...browserOptions(), args: [...browserOptions().args, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'] });
      axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    });
    afterAll(async () => browser?.close());

    /** A fresh phone-sized browser context; every page error fails the test. */
    const phone = async (run: (page: Page, context: BrowserContext) => Promise<void>) => {
      const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'en-GB' });
      const errors: string[] = [];
      try {
        const page = await context.newPage();
        page.setDefaultTimeout(WAIT);
        page.on('pageerror', (error) => errors.push(error.message));
        page.on('console', (message) => message.type() === 'error' && !/Failed to load resource/.test(message.text()) && errors.push(message.text()));
        await run(page, context);
      } finally {
        await context.close();
      }
      expect(errors).toEqual([]);
    };

    /** A screenshot of the page and an axe-core scan with no serious or critical violation. */
    const check = async (page: Page, name: string) => {
      await page.screenshot({ path: path.join(SCREENS, `${name}.png`), fullPage: true });
      // Evaluated through the devtools protocol, so the page's CSP does not apply to the scanner.
      await page.evaluate(axeSource);
      const violations = await page.evaluate(async () => {
        const result = await (window as any).axe.run(document, { resultTypes: ['violations'] });
        return result.violations.filter((violation: any) => violation.impact === 'serious' || violation.impact === 'critical').map((violation: any) => `${violation.id}: ${violation.nodes.map((node: any) => node.target.join(' ')).join(', ')}`);
      });
      expect({ page: name, violations }).toEqual({ page: name, violations: [] });
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect({ page: name, width }).toEqual({ page: name, width: 360 });
    };

    const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name }).waitFor();

    it('an invitee accepts from the email, rates a property, is not interested for a reason, requests a viewing and, on the day, adds a photo, a voice note and a note', async () => {
      const clock = clockOf(app);
      clock.set('2030-05-01T08:00:00Z');
      const photo = await uploadFile(app, 'harbour.png', housePhoto(640, 400, [200, 120, 90], [120, 40, 30], [150, 200, 240]), 'image/png');
      const property = await createProperty(app, { title: 'Harbour loft', city: 'Rotterdam', price: 425000, bedrooms: 2, energyLabel: 'A', description: 'Bright loft on the water.', photos: [photo] });
      const contact = await createContact(app, { firstName: 'Bram', owner: agent.id });
      await app.strapi.plugin('client-portal').service('invitations').create({ contact: contact.documentId, portalRole: (await roleOf(app, 'buyer')).documentId, property: property.documentId }, { agentId: agent.id });
      const token = tokenFrom((await mailsTo(app, contact.email))[0]);

      await phone(async (page) => {
        const requests: string[] = [];
        page.on('request', (request) => requests.push(request.url()));
        await page.goto(`${app.baseUrl}/portal/accept#token=${token}`);
        await heading(page, 'Accept your invitation');
        await page.getByText(/invited .* as Buyer, for Harbour loft/).waitFor();
        // The token never travels in a URL and leaves the address bar.
        expect(page.url()).toBe(`${app.baseUrl}/portal/accept`);
        expect(requests.some((url) => url.includes(token))).toBe(false);
        // Every request stays on this server.
        expect(requests.every((url) => url.startsWith(app.baseUrl))).toBe(true);
        await check(page, '01-accept');
        await page.getByLabel('Choose a password').fill('harbour view passphrase');
        await page.getByRole('button', { name: 'Accept and open my portal' }).click();

        await heading(page, 'Your properties');
        await page.getByText('Welcome, Bram').waitFor();
        await page.getByRole('link', { name: 'Harbour loft' }).waitFor();
        await check(page, '02-properties');
        await page.getByRole('link', { name: 'Harbour loft' }).click();
        await heading(page, 'Harbour loft');
        // The photo arrives through its signed link.
        await page.waitForFunction(() => (document.querySelector('.gallery img') as HTMLImageElement | null)?.naturalWidth! > 0);
        await page.getByText('Energy label A').waitFor();
        await check(page, '03-property');

        await page.getByRole('radio', { name: '4 of 5 stars' }).check();
        await page.getByText('Saved.').waitFor();
        await page.getByRole('radio', { name: 'Not interested' }).check();
        await page.getByRole('checkbox', { name: 'Price' }).check();
        await page.getByLabel('Another reason').fill('Too far from school');
        await page.getByRole('button', { name: 'Save my reasons' }).click();
        await page.getByText('Saved.').waitFor();
        const deal = await app.strapi.db.query('api::deal.deal').findOne({ where: { contact: { documentId: contact.documentId } } });
        expect(deal).toMatchObject({ rating: 4, interest: 'not_interested', rejectionReasons: ['price', 'Too far from school'], editedByClient: true });

        await page.getByLabel('Preferred date 1', { exact: true }).fill('2030-05-03T10:00');
        await page.getByLabel('Message for your agent (optional)').fill('Mornings suit me best.');
        await page.getByRole('button', { name: 'Send the request' }).click();
        await page.getByText('Your request was sent. Your agent will confirm a date.').waitFor();
      });

      // The agent confirms through the admin API.
      const viewing = await app.strapi.db.query('api::viewing.viewing').findOne({ where: { contact: { documentId: contact.documentId } } });
      expect(viewing.clientMessage).toBe('Mornings suit me best.');
      expect((await app.http().put(`/client-portal/viewings/${viewing.documentId}/confirm`).set(bearer(agent.jwt)).send({ date: '2030-05-03T10:00:00Z' })).status).toBe(200);

      await phone(async (page) => {
        await page.goto(`${app.baseUrl}/portal/login`);
        await page.getByLabel('Email').fill(contact.email);
        await page.getByLabel('Password', { exact: true }).fill('harbour view passphrase');
        await page.getByRole('button', { name: 'Log in' }).click();
        await heading(page, 'Your properties');
        await page.getByRole('button', { name: 'Menu' }).click();
        await page.getByRole('link', { name: 'Viewings' }).click();
        await heading(page, 'Your viewings');
        await page.getByText(/Confirmed for .*3 May 2030/).waitFor();
        await check(page, '04-viewings');
        await page.getByRole('link', { name: 'Viewing of Harbour loft' }).click();
        await heading(page, 'Viewing of Harbour loft');
        await page.getByText('Directions appear here from 48 hours before the viewing.').waitFor();
        expect(await page.getByRole('button', { name: 'Upload' }).count()).toBe(0);

        // On the day: directions, photos, voice notes and notes.
        clock.set('2030-05-03T08:00:00Z');
        await page.reload();
        await page.getByRole('link', { name: /Directions to/ }).waitFor();
        await page.getByLabel('Add a photo (JPEG, PNG, WebP or GIF, at most 10 MB)').setInputFiles({ name: 'kitchen.png', mimeType: 'image/png', buffer: housePhoto(120, 90, [1, 2, 3], [4, 5, 6], [7, 8, 9]) });
        await page.locator('#photos-title').locator('..').getByRole('button', { name: 'Upload' }).click();
        await page.locator('.thumbs img').first().waitFor();
        await page.getByRole('button', { name: 'Record a voice note' }).click();
        await page.getByText('Recording…').waitFor();
        await page.getByRole('button', { name: 'Stop and save the recording' }).click();
        await page.locator('audio').first().waitFor();
        await page.getByLabel('New note').fill('The kitchen needs work.');
        await page.getByRole('button', { name: 'Add the note' }).click();
        await page.getByText('The kitchen needs work.').waitFor();
        await check(page, '05-viewing-on-the-day');
      });
      const done = await app.strapi.db.query('api::viewing.viewing').findOne({ where: { id: viewing.id }, populate: { photos: true, voiceNotes: true } });
      expect(done.photos).toHaveLength(1);
      expect(done.voiceNotes).toHaveLength(1);
      const note = await app.strapi.db.query('api::note.note').findOne({ where: { viewing: { id: viewing.id } } });
      expect(note.text).toBe('The kitchen needs work.');
    });

    it('registers with the portal id from the link and the emailed 6-digit code; a link without the id explains what to do', async () => {
      const settings = (await app.http().get('/client-portal/settings').set(bearer(agent.jwt))).body.data;
      const email = `self-${Date.now()}@client.test`;
      await phone(async (page) => {
        await page.goto(`${app.baseUrl}/portal/register`);
        await heading(page, 'This registration link is incomplete');
        await page.goto(`${app.baseUrl}/portal/register?portal=not-${settings.publicPortalId}`);
        await heading(page, 'This registration link is incomplete');
        await page.getByText('This portal does not exist or is not open for registration. Check the link with your agent.').waitFor();
        await check(page, '06-register-wrong-portal');
        await page.goto(`${app.baseUrl}/portal/register?portal=${settings.publicPortalId}`);
        await heading(page, 'Create your account');
        await page.getByText(`Register for the ${settings.agencyName} portal.`, { exact: false }).waitFor();
        await check(page, '06-register');
        await page.getByLabel('First name').fill('Sofia');
        await page.getByLabel('Last name').fill('Selfmade');
        await page.getByLabel('Email').fill(email);
        await page.getByLabel('Password', { exact: true }).fill('short');
        await page.getByRole('button', { name: 'Create my account' }).click();
        await page.locator('#password-error').waitFor();
        await page.getByLabel('Password', { exact: true }).fill('a garden in the city please');
        await page.getByLabel('Cities, separated by commas').fill('Utrecht, Delft');
        await page.getByRole('button', { name: 'Create my account' }).click();
        await heading(page, 'Confirm your email');
        const [mail] = await mailsTo(app, email, 1, WAIT);
        await page.getByLabel('The 6-digit code from the email').fill(codeFrom(mail));
        await check(page, '07-verify');
        await page.getByRole('button', { name: 'Confirm' }).click();
        await heading(page, 'Your properties');
        await page.getByText('No properties have been shared with you yet.').waitFor();
      });
    });

    it('resets a forgotten password with the emailed code, then logs in with the new one', async () => {
      const contact = await createContact(app);
      const user = await createPortalUser(app, contact.documentId, { portalRole: (await roleOf(app, 'buyer')).id });
      await phone(async (page) => {
        await page.goto(`${app.baseUrl}/portal/login`);
        await check(page, '08-login');
        await page.getByRole('link', { name: 'Forgot your password?' }).click();
        await heading(page, 'Forgot your password?');
        await page.getByLabel('Email').fill(user.email);
        await page.getByRole('button', { name: 'Send me a code' }).click();
        await heading(page, 'Choose a new password');
        const [mail] = await mailsTo(app, user.email, 1, WAIT);
        await page.getByLabel('The 6-digit code from the email').fill(codeFrom(mail));
        await page.getByLabel('New password', { exact: true }).fill('a brand new passphrase');
        await page.getByRole('button', { name: 'Save the new password' }).click();
        await page.getByText('Your password was changed. Log in with the new one.').waitFor();
        await page.getByRole('link', { name: 'Log in' }).click();
        await page.getByLabel('Email').fill(user.email);
        await page.getByLabel('Password', { exact: true }).fill('a brand new passphrase');
        await page.getByRole('button', { name: 'Log in' }).click();
        await heading(page, 'Your properties');
      });
    });

    it('an agent-created client changes the temporary password, reads the agent\'s reply marked new, writes a note, invites a partner, downloads a document, uploads and removes a picture and switches to Dutch', async () => {
      const contact = await createContact(app, { firstName: 'Nadia', owner: agent.id });
      const property = await createProperty(app, { title: 'Canal house', city: 'Leiden', price: 610000 });
      await dealOf(app, contact, property, 'buyer');
      await app.strapi.documents('api::document.document').create({ data: { title: 'Floor plan', folder: 'General', visibleToClients: true, file: await uploadFile(app, 'plan.pdf', pdf(), 'application/pdf'), property: property.id } as any });
      expect((await app.http().post('/client-portal/portal-users').set(bearer(agent.jwt)).send({ contact: contact.documentId, portalRole: 'buyer' })).status).toBe(201);
      const temporary = temporaryPasswordFrom((await mailsTo(app, contact.email, 1, WAIT))[0]);
      const reply = await app.http().post(`/client-portal/contacts/${contact.documentId}/messages`).set(bearer(agent.jwt)).send({ body: 'The owners accept viewings on Saturdays.' });
      expect(reply.status).toBe(201);
      const partner = `partner-${Date.now()}@client.test`;
      expect((await app.http().put('/client-portal/settings').set(bearer(agent.jwt)).send({ clientsCanInviteOthers: true })).status).toBe(200);

      await phone(async (page) => {
        await page.goto(`${app.baseUrl}/portal/login`);
        await page.getByLabel('Email').fill(contact.email);
        await page.getByLabel('Password', { exact: true }).fill(temporary);
        await page.getByRole('button', { name: 'Log in' }).click();
        await heading(page, 'Choose your own password');
        // Nothing else opens until it is changed.
        await page.goto(`${app.baseUrl}/portal/messages`);
        await heading(page, 'Choose your own password');
        await check(page, '12-change-password');
        await page.getByLabel('Current password').fill(temporary);
        await page.getByLabel('New password', { exact: true }).fill('canal side passphrase');
        await page.getByRole('button', { name: 'Save my password' }).click();
        await heading(page, 'Your properties');

        await page.getByRole('button', { name: 'Menu' }).click();
        await page.getByRole('link', { name: 'Messages (new)' }).click();
        await heading(page, 'Messages with your agent');
        const agentMessage = page.locator('.thread li', { hasText: 'The owners accept viewings on Saturdays.' });
        await agentMessage.getByText('New', { exact: true }).waitFor();
        await page.getByLabel('New message').fill('Saturday morning then, please.');
        await page.getByRole('button', { name: 'Send' }).click();
        await page.locator('.thread li', { hasText: 'Saturday morning then, please.' }).waitFor();
        await check(page, '13-messages');
        await page.getByRole('button', { name: 'Menu' }).click();
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Messages', exact: true }).waitFor();

        await page.getByRole('link', { name: 'Notes' }).click();
        await heading(page, 'Your notes');
        await page.getByLabel('New note').fill('Ask about the roof.');
        await page.getByLabel('About a property (optional)').selectOption({ label: 'Canal house' });
        await page.getByRole('button', { name: 'Add the note' }).click();
        await page.getByText('About Canal house').waitFor();
        await check(page, '14-notes');

        await page.getByRole('button', { name: 'Menu' }).click();
        await page.getByRole('link', { name: 'Invite others' }).click();
        await heading(page, 'Invite someone to your portal');
        await page.getByText('They will see: Canal house').waitFor();
        await page.getByLabel('First name').fill('Pieter');
        await page.getByLabel('Last name').fill('Partner');
        await page.getByLabel('Email').fill(partner);
        await page.getByRole('button', { name: 'Send the invitation' }).click();
        await page.getByText(`Thank you. If ${partner} can be invited, an invitation is on its way.`).waitFor();
        await check(page, '15-invite');

        await page.getByRole('button', { name: 'Menu' }).click();
        await page.getByRole('link', { name: 'My transaction' }).click();
        await heading(page, 'Your transaction');
        // The document downloads through its signed link.
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download Floor plan' }).click()]);
        expect(fs.readFileSync((await download.path())!, 'latin1')).toBe(pdf().toString('latin1'));
        expect(download.url()).toMatch(/\/api\/client-portal\/files\//);

        await page.getByRole('button', { name: 'Menu' }).click();
        await page.getByRole('link', { name: 'Profile' }).click();
        await heading(page, 'Your profile');
        await page.getByLabel('Choose a picture (JPEG, PNG, WebP or GIF, at most 5 MB)').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: housePhoto(200, 200, [10, 20, 30], [40, 50, 60], [70, 80, 90]) });
        await page.getByRole('button', { name: 'Upload' }).click();
        await page.waitForFunction(() => (document.querySelector('img.avatar') as HTMLImageElement | null)?.naturalWidth! > 0);
        await check(page, '17-profile-picture');
        await page.getByRole('button', { name: 'Remove the picture' }).click();
        await page.getByText('No picture yet.').waitFor();
        await page.getByLabel('Language').selectOption('nl');
        await page.getByRole('button', { name: 'Save' }).click();
        await heading(page, nl['profile.title']);
        await page.getByRole('button', { name: nl['nav.menu'] }).click();
        await page.getByRole('link', { name: nl['nav.properties'] }).click();
        await heading(page, nl['properties.title']);
        // Prices in the Dutch way.
        await page.getByText('€ 610.000').waitFor();
        await check(page, '16-properties-nl');
      });
      const account = await app.strapi.db.query('plugin::users-permissions.user').findOne({ where: { email: contact.email } });
      expect(account).toMatchObject({ language: 'nl', mustChangePassword: false });
      const note = await app.strapi.db.query('api::note.note').findOne({ where: { contact: { documentId: contact.documentId } }, populate: { property: true } });
      expect(note).toMatchObject({ text: 'Ask about the roof.', property: { documentId: property.documentId } });
      expect(tokenFrom((await mailsTo(app, partner, 1, WAIT))[0])).toEqual(expect.any(String));
    });

    it('with the keyboard alone, a client logs in, marks a property as favourite and opens the viewings from the menu', async () => {
      const contact = await createContact(app, { firstName: 'Kees' });
      await dealOf(app, contact, await createProperty(app, { title: 'Keyboard cottage' }), 'buyer');
      const user = await createPortalUser(app, contact.documentId, { portalRole: (await roleOf(app, 'buyer')).id });
      await phone(async (page) => {
        /** Presses Tab (or Shift+Tab) until the focused element is `target`, at most 40 times: it is reachable in order. */
        const tabTo = async (target: ReturnType<Page['getByRole']>, what: string, key = 'Tab') => {
          for (let presses = 0; presses < 40; presses += 1) {
            await page.keyboard.press(key);
            if (await target.evaluate((element) => element === document.activeElement)) return;
          }
          throw new Error(`Tab never reached ${what}`);
        };
        await page.goto(`${app.baseUrl}/portal/login`);
        await tabTo(page.getByRole('textbox', { name: 'Email' }), 'the email field');
        await page.keyboard.type(user.email);
        await tabTo(page.getByLabel('Password', { exact: true }), 'the password field');
        await page.keyboard.type(user.password);
        await page.keyboard.press('Enter');
        await heading(page, 'Your properties');
        await tabTo(page.getByRole('link', { name: 'Keyboard cottage' }), 'the property');
        await page.keyboard.press('Enter');
        await heading(page, 'Keyboard cottage');
        const favourite = page.getByRole('button', { name: 'Add to favourites' });
        await tabTo(favourite, 'the favourite button');
        await page.keyboard.press('Enter');
        await page.getByRole('button', { name: 'Remove from favourites', pressed: true }).waitFor();
        await tabTo(page.getByRole('button', { name: 'Menu' }), 'the menu button', 'Shift+Tab');
        await page.keyboard.press('Enter');
        await tabTo(page.getByRole('link', { name: 'Viewings' }), 'the viewings link');
        await page.keyboard.press('Enter');
        await heading(page, 'Your viewings');
      });
      const deal = await app.strapi.db.query('api::deal.deal').findOne({ where: { contact: { documentId: contact.documentId } } });
      expect(deal.favourite).toBe(true);
    });

    it('an expired link shows how to ask for a new one', async () => {
      const contact = await createContact(app);
      const created = await app.strapi.plugin('client-portal').service('invitations').create({ contact: contact.documentId, portalRole: (await roleOf(app, 'buyer')).documentId }, { agentId: agent.id });
      const token = tokenFrom((await mailsTo(app, contact.email))[0]);
      await app.strapi.db.query('plugin::client-portal.invitation').update({ where: { documentId: created.documentId }, data: { expiresAt: new Date(Date.now() - 60_000) } });
      await phone(async (page) => {
        await page.goto(`${app.baseUrl}/portal/accept#token=${token}`);
        await heading(page, 'This invitation link cannot be used');
        await page.getByText('Ask your agent to send you a new invitation.', { exact: false }).waitFor();
        expect(page.url()).not.toContain(token);
        await check(page, '09-expired-link');
      });
    });

    it('a read-only guest sees the property and its timeline, and no control that changes anything', async () => {
      const contact = await createContact(app);
      const property = await createProperty(app, { title: 'Guest house', timeline: [{ title: 'Deed signed', kind: 'date', date: '2030-06-01', done: true }] });
      await dealOf(app, contact, property, 'read-only-guest');
      const guest = await createPortalUser(app, contact.documentId, { portalRole: (await roleOf(app, 'read-only-guest')).id });
      await phone(async (page) => {
        await page.goto(`${app.baseUrl}/portal/login`);
        await page.getByLabel('Email').fill(guest.email);
        await page.getByLabel('Password', { exact: true }).fill(guest.password);
        await page.getByRole('button', { name: 'Log in' }).click();
        await heading(page, 'Your properties');
        await page.getByRole('button', { name: 'Menu' }).click();
        const menu = await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents();
        expect(menu).toEqual(['Properties', 'My transaction', 'Profile']);
        expect(await page.getByRole('button', { name: /favourites/ }).count()).toBe(0);
        await page.getByRole('link', { name: 'Guest house' }).click();
        await heading(page, 'Guest house');
        expect(await page.getByRole('heading', { name: 'Your opinion' }).count()).toBe(0);
        expect(await page.getByRole('heading', { name: 'Request a viewing' }).count()).toBe(0);
        expect(await page.locator('main').getByRole('button').count()).toBe(0);
        await page.goto(`${app.baseUrl}/portal/transaction`);
        await heading(page, 'Your transaction');
        await page.getByText('Deed signed').waitFor();
        // Documents need their own permission.
        expect(await page.getByRole('heading', { name: 'Documents' }).count()).toBe(0);
        await check(page, '10-transaction');
        await page.goto(`${app.baseUrl}/portal/profile`);
        await heading(page, 'Your profile');
        expect(await page.getByRole('button', { name: 'Save' }).count()).toBe(0);
        expect(await page.getByRole('button', { name: 'Upload' }).count()).toBe(0);
        await check(page, '11-profile');
      });
    });
  });
