import fs from 'fs';
import { browserAvailable, browserOptions, chromiumPath } from '../helpers/browser';
import { useTestApp } from '../helpers/strapi';
import { createContact, createProperty, mailsTo, portalAgent, roleOf, tokenFrom } from '../helpers/portal';
import type { Agent } from '../helpers/users';

/**
 * The reference portal in a real browser (Debian's chromium; CI installs it). CHROMIUM_PATH overrides the path.
 * Without a browser (and without CI) the pages are still checked as served files.
 */
const haveBrowser = browserAvailable();

let agent: Agent;

const app = useTestApp();

beforeAll(async () => {
  agent = await portalAgent(app);
});

it('serves every portal page with its script, without inline code', async () => {
  for (const path of ['/portal/', '/portal/accept', '/portal/login', '/portal/register', '/portal/verify', '/portal/forgot-password', '/portal/reset-password']) {
    const res = await app.http().get(path);
    expect(res.status).toBe(200);
    expect(res.text).toContain('<script src="/portal/portal.js"></script>');
    expect(res.text).not.toMatch(/<script>(?!<\/script>)/);
  }
  const js = await app.http().get('/portal/portal.js');
  expect(js.status).toBe(200);
  expect(js.text).toContain("'/api/client-portal'");
});

if (!haveBrowser) {
  it(`has no browser to drive here (${chromiumPath} is missing; CI installs it)`, () => {
    expect(fs.existsSync(chromiumPath)).toBe(false);
  });
}

// The journeys are defined only where a browser exists (with CI set, its absence already failed this file).
if (haveBrowser) describe('in chromium', () => {
  it('an invitee opens the emailed link, accepts with a password, sees the property, favourites it and messages the agent', async () => {
    const { chromium } = await import('playwright-core');
    const contact = await createContact(app, { firstName: 'Bram', owner: agent.id });
    const property = await createProperty(app, { title: 'Harbour loft', city: 'Rotterdam', price: 425000 });
    await app.strapi.plugin('client-portal').service('invitations').create(
      { contact: contact.documentId, portalRole: (await roleOf(app, 'buyer')).documentId, property: property.documentId },
      { agentId: agent.id },
    );
    const token = tokenFrom((await mailsTo(app, contact.email))[0]);

    const browser = await chromium.launch(browserOptions());
    try {
      const page = await browser.newPage();
      const requests: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      await page.goto(`${app.baseUrl}/portal/accept#token=${token}`);
      await page.waitForSelector('#accept-form:not(.hidden)');
      expect(await page.textContent('#invite')).toContain('Harbour loft');
      // The token never travels in a URL.
      expect(requests.some((url) => url.includes(token))).toBe(false);
      expect(page.url()).not.toContain(token);

      await page.fill('#password', 'harbour view passphrase');
      await page.click('#accept-form button');
      await page.waitForURL(`${app.baseUrl}/portal/`);
      await page.waitForSelector('.property h3');
      expect(await page.textContent('.property h3')).toBe('Harbour loft');
      expect(await page.textContent('#hello')).toContain('Bram');

      await page.click('.property .favourite');
      await page.waitForFunction(() => document.querySelector('.property .favourite')?.textContent?.includes('★'));
      const deal = await app.strapi.db.query('api::deal.deal').findOne({ where: { contact: { documentId: contact.documentId } } });
      expect(deal).toMatchObject({ favourite: true, editedByClient: true });

      await page.fill('#message-form textarea', 'Is the loft still available?');
      await page.click('#message-form button');
      await page.waitForSelector('#messages li');
      expect(await page.textContent('#messages li')).toContain('Is the loft still available?');
      const [mail] = await mailsTo(app, agent.email);
      expect(mail.text).toContain('Is the loft still available?');

      // A used link shows the generic message.
      await page.goto(`${app.baseUrl}/portal/accept#token=${token}`);
      await page.waitForFunction(() => document.querySelector('#invite')?.classList.contains('error'));
      expect(await page.textContent('#invite')).toContain('Invitation link is invalid or has expired');
    } finally {
      await browser.close();
    }
  }, 60_000);
});
