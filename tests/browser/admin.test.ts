import fs from 'fs';
import path from 'path';
import type { Browser, Locator, Page } from 'playwright-core';
import { browserAvailable, browserOptions, chromiumPath } from '../helpers/browser';
import { useTestApp } from '../helpers/strapi';
import { allFields, bearer, contentManager, createAgent, createPortalUser, type Agent } from '../helpers/users';
import { createContact, createProperty, dealOf, eventually, mailsTo, PLUGIN_ACTIONS, roleOf, tokenFrom } from '../helpers/portal';
import { png } from '../helpers/media';

/**
 * The agent's day in the built admin panel, driven in Chromium like an agent would: the contact's invite modal, the
 * Invitations page, the contact list's bulk invite, the portal users' CSV, the email template editor, the property's
 * viewings and client messages, a client group invited at once and a member removed from the portal — and what an
 * agent without invite rights does not get to see.
 * Screenshots of each step land in .tmp/tests/screens (not committed).
 */
const haveBrowser = browserAvailable();
const CONTACT = 'api::contact.contact';
const PROPERTY = 'api::property.property';
const SCREENS = path.resolve(__dirname, '..', '..', '.tmp', 'tests', 'screens');
/** Generous waits: a loaded 2-core machine renders the admin slowly; every wait ends as soon as its condition holds. */
const WAIT = 120_000;
const TEST_TIMEOUT = 600_000;

let agent: Agent;
let lookOnly: Agent;
let browser: Browser;

const app = useTestApp({ serveAdminPanel: true });

const cm = (subject: string) => contentManager(subject, ['read', 'create', 'update'], allFields(app.strapi, subject));

beforeAll(async () => {
  agent = await createAgent(app, [...cm(CONTACT), ...cm(PROPERTY), ...PLUGIN_ACTIONS.map((action) => ({ action: `plugin::client-portal.${action}` }))], 'Ada');
  lookOnly = await createAgent(app, [...contentManager(CONTACT, ['read'], allFields(app.strapi, CONTACT)), { action: 'plugin::client-portal.read' }], 'Lou');
  fs.mkdirSync(SCREENS, { recursive: true });
  if (haveBrowser) {
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch(browserOptions());
  }
});

afterAll(async () => {
  await browser?.close();
});

it('serves the admin panel with the client-portal plugin', async () => {
  const res = await app.http().get('/admin/');
  expect(res.status).toBe(200);
  expect(res.text).toContain('<div id="strapi"');
});

if (!haveBrowser) {
  it(`has no browser to drive here (${chromiumPath} is missing; CI installs it)`, () => {
    expect(fs.existsSync(chromiumPath)).toBe(false);
  });
}

/** Each agent logs in through the form once ("remember me"); later sessions reuse the browser state (login is rate-limited). */
const signedIn = new Map<string, Awaited<ReturnType<import('playwright-core').BrowserContext['storageState']>>>();

/** A logged-in page for `who`; `shot(name)` saves a screenshot of the step. */
const session = async (who: Agent, run: (page: Page, shot: (name: string) => Promise<void>) => Promise<void>) => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, acceptDownloads: true, storageState: signedIn.get(who.email) });
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT);
  try {
    if (!signedIn.has(who.email)) {
      await page.goto(`${app.baseUrl}/admin/auth/login`);
      await page.fill('input[name="email"]', who.email);
      await page.fill('input[name="password"]', who.password);
      await page.getByRole('checkbox', { name: /remember me/i }).click();
      await page.click('button[type="submit"]');
      await page.waitForURL(/\/admin(\/|$)(?!auth)/);
      signedIn.set(who.email, await context.storageState());
    }
    await run(page, (name) => page.screenshot({ path: path.join(SCREENS, `${name}.png`), fullPage: true }).then(() => undefined));
  } catch (error) {
    // What the agent saw when a step failed: a screenshot and the visible text, to diagnose it from the CI log.
    const name = `failed-${Date.now()}`;
    await page.screenshot({ path: path.join(SCREENS, `${name}.png`), fullPage: true }).catch(() => undefined);
    const text = (await page.locator('body').innerText().catch(() => '')).slice(0, 1500).replace(/\s+/g, ' ');
    process.stderr.write(`admin step failed at ${page.url()} (screenshot ${name}.png); the page shows: ${text}\n`);
    throw error;
  } finally {
    await context.close();
  }
};

/**
 * Opens an admin page and waits until `ready` shows. A page that has not rendered after a minute is photographed and
 * described on stderr (URL and visible text, to diagnose it), then loaded once more: the admin's first load of a
 * lazy page in a fresh browser context has been seen to stall on a loaded machine.
 */
const open = async (page: Page, url: string, ready: Locator) => {
  await page.goto(url);
  try {
    await ready.waitFor({ timeout: 60_000 });
  } catch {
    const name = `stalled-${Date.now()}`;
    await page.screenshot({ path: path.join(SCREENS, `${name}.png`), fullPage: true }).catch(() => undefined);
    const text = (await page.locator('body').innerText().catch(() => '')).slice(0, 500).replace(/\s+/g, ' ');
    process.stderr.write(`admin page ${url} not ready after a minute (now at ${page.url()}; screenshot ${name}.png): ${text}\n`);
    await page.reload();
    await ready.waitFor();
  }
};

const editView = (uid: string, documentId: string) => `${app.baseUrl}/admin/content-manager/collection-types/${uid}/${documentId}`;

if (haveBrowser) describe('in chromium', () => {
  it('invites a contact through the modal with a corrected email, sees "Invited", and the email reaches the new address', async () => {
    const contact = await createContact(app, { firstName: 'Panel', lastName: 'Tester', email: 'panel.wrong@client.test' });
    await session(agent, async (page, shot) => {
      const status = page.getByTestId('portal-status');
      await open(page, editView(CONTACT, contact.documentId), status);
      // The edit view speaks the agent's words (labels set by the plugin), and shows no internal key.
      await page.getByText('Send portal invite on save').first().waitFor();
      expect(await page.getByText('emailNormalized', { exact: true }).count()).toBe(0);
      expect(await status.textContent()).toBe('Not invited');
      await page.getByTestId('login-checklist').waitFor();

      await page.getByRole('button', { name: 'Send portal invite' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Email address').fill('panel.right@client.test');
      await dialog.getByLabel('Personal message').fill('See you at the viewing!');
      await shot('01-invite-modal');
      await dialog.getByRole('button', { name: 'Send invitation' }).click();
      await page.waitForFunction(() => document.querySelector('[data-testid="portal-status"]')?.textContent === 'Invited, waiting for member to accept');
      // The contact form shows the corrected address (saving it later keeps the correction).
      await eventually(async () => (await page.locator('input[name="email"]').inputValue()) === 'panel.right@client.test', 'the edit view shows the corrected email', WAIT);
      await shot('02-invited');
    });
    const [mail] = await mailsTo(app, 'panel.right@client.test', 1, WAIT);
    expect(mail.text).toContain('See you at the viewing!');
    const saved = await app.strapi.db.query(CONTACT).findOne({ where: { documentId: contact.documentId } });
    expect(saved.email).toBe('panel.right@client.test');
  }, TEST_TIMEOUT);

  it('resends and revokes an invitation from the Invitations page, each after a confirmation', async () => {
    const contact = await createContact(app, { firstName: 'Rhea', lastName: 'Resend' });
    const created = await app.http().post('/client-portal/invitations').set(bearer(agent.jwt)).send({ contact: contact.documentId, portalRole: (await roleOf(app, 'buyer')).documentId });
    await mailsTo(app, contact.email, 1, WAIT);
    const row = () => app.strapi.db.query('plugin::client-portal.invitation').findOne({ where: { documentId: created.body.data.documentId } });
    await session(agent, async (page, shot) => {
      const search = page.getByRole('searchbox', { name: 'Search' });
      await open(page, `${app.baseUrl}/admin/plugins/client-portal/invitations`, search);
      await search.fill(contact.email);
      await page.getByRole('button', { name: `Resend invitation to ${contact.email}` }).click();
      await shot('03-invitations-resend-confirm');
      await page.getByRole('alertdialog').getByRole('button', { name: /^Resend/ }).click();
      await eventually(async () => (await row()).sendCount === 2, 'the invitation was sent a second time', WAIT);
      await mailsTo(app, contact.email, 2, WAIT);
      await page.getByRole('button', { name: `Revoke invitation of ${contact.email}` }).click();
      await page.getByRole('alertdialog').getByRole('button', { name: /^Revoke/ }).click();
      await eventually(async () => (await row()).status === 'revoked', 'the invitation is revoked', WAIT);
      await page.getByText('Invitation revoked').first().waitFor();
      await shot('04-invitations-revoked');
    });
  }, TEST_TIMEOUT);

  it('bulk-invites three contacts from the list, showing a result per contact', async () => {
    const tag = `Bulkers${Date.now()}`;
    await createContact(app, { firstName: 'Ann', lastName: tag });
    await createContact(app, { firstName: 'Bob', lastName: tag });
    await createContact(app, { firstName: 'Cat', lastName: tag, email: null });
    await session(agent, async (page, shot) => {
      const cells = page.getByTestId('portal-status-cell');
      await open(page, `${app.baseUrl}/admin/content-manager/collection-types/${CONTACT}?page=1&pageSize=10&_q=${tag}`, cells.first());
      await eventually(async () => (await cells.count()) === 3, 'three rows with a portal status', WAIT);
      expect(await cells.allTextContents()).toEqual(['Not invited', 'Not invited', 'Not invited']);
      // Each row offers the invite modal too.
      await page.getByRole('button', { name: 'Row actions' }).first().click();
      await page.getByRole('menuitem', { name: 'Send portal invite' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Send invitation' }).waitFor();
      await shot('05a-row-invite');
      await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      await page.getByRole('checkbox', { name: /select all/i }).click();
      await page.getByRole('button', { name: 'Send portal invites' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: 'Send 3 invitations' }).click();
      await dialog.getByTestId('bulk-summary').waitFor();
      expect(await dialog.getByTestId('bulk-summary').textContent()).toBe('2 invited, 1 skipped');
      const rows = await dialog.getByTestId('bulk-result-row').allTextContents();
      expect(rows.find((text) => text.startsWith('Cat'))).toContain('An email address is required to send an invite');
      await shot('05-bulk-results');
      await dialog.getByRole('button', { name: 'Close' }).last().click();
      await eventually(async () => (await cells.allTextContents()).filter((text) => text === 'Invited').length === 2, 'the column shows two invited', WAIT);
    });
  }, TEST_TIMEOUT);

  it('downloads the portal users as CSV', async () => {
    const contact = await createContact(app, { firstName: 'Csv', lastName: 'Person' });
    const user = await createPortalUser(app, contact.documentId);
    await session(agent, async (page, shot) => {
      await open(page, `${app.baseUrl}/admin/plugins/client-portal/portal-users`, page.getByText(user.email));
      await shot('06-portal-users');
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
      expect(download.suggestedFilename()).toMatch(/^portal-users-\d{4}-\d{2}-\d{2}\.csv$/);
      const text = fs.readFileSync((await download.path())!, 'utf8');
      expect(text).toContain(user.email);
    });
  }, TEST_TIMEOUT);

  it('edits a template, previews it with sample data and receives the test email', async () => {
    await session(agent, async (page, shot) => {
      const subject = page.getByRole('textbox', { name: 'Subject' });
      await open(page, `${app.baseUrl}/admin/settings/client-portal/email-templates`, subject);
      await subject.fill('Welcome {{firstName}}, your portal is ready');
      await page.getByText('Welcome Anna, your portal is ready').first().waitFor();
      await shot('07-template-preview');
      await subject.fill('Welcome {{nonsense}}');
      await page.getByRole('alert').filter({ hasText: 'nonsense' }).first().waitFor();
      await subject.fill('Welcome {{firstName}}, your portal is ready');
      await page.getByText('Welcome Anna, your portal is ready').first().waitFor();
      await page.getByRole('button', { name: 'Send me a test' }).click();
    });
    const [mail] = await mailsTo(app, agent.email, 1, WAIT);
    expect(mail.subject).toBe('[Test] Welcome Anna, your portal is ready');
  }, TEST_TIMEOUT);

  it('confirms a viewing from the property view, choosing one of the preferred dates', async () => {
    const property = await createProperty(app, { title: 'Viewing Villa' });
    const contact = await createContact(app, { firstName: 'Vera', lastName: 'Viewer' });
    await dealOf(app, contact, property, 'buyer');
    const dates = ['2027-04-02T10:00:00.000Z', '2027-04-03T14:00:00.000Z'];
    const viewing = (await app.strapi.documents('api::viewing.viewing').create({
      data: { property: property.id, contact: contact.id, preferredDates: dates, status: 'requested', clientMessage: 'Afternoons are best' } as any,
    })) as any;
    await session(agent, async (page, shot) => {
      await open(page, editView(PROPERTY, property.documentId), page.getByTestId('property-viewing'));
      await page.getByText('“Afternoons are best”').waitFor();
      await page.getByRole('button', { name: 'Confirm the viewing of Vera Viewer' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('radio').nth(1).click();
      await dialog.getByLabel('Message to the client').fill('See you at the door');
      await shot('08-confirm-viewing');
      await dialog.getByRole('button', { name: 'Confirm viewing' }).click();
      await page.getByTestId('viewing-status').filter({ hasText: 'Confirmed for' }).waitFor();
      await shot('09-viewing-confirmed');
    });
    const saved = await app.strapi.db.query('api::viewing.viewing').findOne({ where: { documentId: viewing.documentId } });
    expect(saved.status).toBe('confirmed');
    expect(new Date(saved.confirmedDate).toISOString()).toBe(dates[1]);
    expect(saved.agentMessage).toBe('See you at the door');
  }, TEST_TIMEOUT);

  it('reads a client message with its unread count and replies; the client is emailed', async () => {
    const contact = await createContact(app, { firstName: 'Mona', lastName: 'Message' });
    const user = await createPortalUser(app, contact.documentId);
    await dealOf(app, contact, await createProperty(app), 'buyer');
    expect((await app.http().post('/api/client-portal/messages').set(bearer(user.jwt)).send({ body: 'Can we meet on Friday?' })).status).toBe(201);
    await session(agent, async (page, shot) => {
      await open(page, `${app.baseUrl}/admin/plugins/client-portal/messages`, page.getByTestId('unread-count'));
      await page.getByText('Mona Message').first().click();
      await page.getByText('Can we meet on Friday?').last().waitFor();
      await page.getByRole('textbox', { name: 'Reply' }).fill('Friday at 10 works for me.');
      await shot('10-message-thread');
      await page.getByRole('button', { name: 'Send reply' }).click();
      await page.getByText('Friday at 10 works for me.').last().waitFor();
      await eventually(async () => (await page.getByTestId('unread-count').count()) === 0, 'no unread messages left', WAIT);
    });
    const [mail] = await mailsTo(app, user.email, 1, WAIT);
    expect(mail.text).toContain('Friday at 10 works for me.');
  }, TEST_TIMEOUT);

  it('shows an agent without invite rights no invite, resend or revoke button', async () => {
    const contact = await createContact(app, { firstName: 'Nora', lastName: 'Noinvite' });
    await app.http().post('/client-portal/invitations').set(bearer(agent.jwt)).send({ contact: contact.documentId, portalRole: (await roleOf(app, 'buyer')).documentId });
    await session(lookOnly, async (page, shot) => {
      await open(page, editView(CONTACT, contact.documentId), page.getByTestId('portal-status'));
      await page.getByTestId('login-checklist').waitFor();
      for (const name of ['Send portal invite', 'Resend', 'Revoke', 'Create portal user']) {
        expect(await page.getByRole('button', { name, exact: true }).count()).toBe(0);
      }
      await shot('11-no-invite-rights');
      await open(page, `${app.baseUrl}/admin/plugins/client-portal/invitations`, page.getByText(contact.email).first());
      expect(await page.getByRole('button', { name: `Resend invitation to ${contact.email}` }).count()).toBe(0);
      expect(await page.getByRole('button', { name: `Revoke invitation of ${contact.email}` }).count()).toBe(0);
    });
    // The server refuses anyway.
    const res = await app.http().post('/client-portal/invitations').set(bearer(lookOnly.jwt)).send({ contact: contact.documentId, portalRole: 'buyer' });
    expect(res.status).toBe(403);
  }, TEST_TIMEOUT);
  it('builds a form, invites a group of two with it; one completes it in the portal, the agent reads the answers and downloads the CSV; removing the other refuses their next request', async () => {
    const tag = Date.now().toString(36);
    const house = await createProperty(app, { title: `Group house ${tag}` });
    const first = await createContact(app, { firstName: 'Gina', lastName: `Groupone${tag}` });
    const second = await createContact(app, { firstName: 'Gus', lastName: `Grouptwo${tag}` });
    const addMember = async (page: Page, lastName: string) => {
      const search = page.getByPlaceholder('Search by name or email');
      await search.click();
      await search.pressSequentially(lastName);
      await page.getByRole('option', { name: new RegExp(lastName) }).click();
      await page.getByRole('button', { name: 'Add member' }).click();
      await page.getByTestId(`member-${lastName === first.lastName ? first.documentId : second.documentId}`).waitFor();
    };
    // The agent builds a form: three fields, the last moved to the top, checked in the preview.
    const formTitle = `Intake ${tag}`;
    await session(agent, async (page, shot) => {
      await open(page, `${app.baseUrl}/admin/plugins/client-portal/forms`, page.getByRole('link', { name: 'New form' }));
      await page.getByRole('link', { name: 'New form' }).click();
      const builder = page.getByRole('form', { name: 'Form builder' });
      await builder.getByLabel('Title').fill(formTitle);
      await page.getByTestId('field-0').getByLabel('Label').fill('Budget');
      await page.getByTestId('field-0').getByRole('combobox', { name: 'Type' }).click();
      await page.getByRole('option', { name: 'Number' }).click();
      await page.getByTestId('field-0').getByRole('checkbox', { name: 'Required' }).click();
      await page.getByRole('button', { name: 'Add field' }).click();
      await page.getByTestId('field-1').getByLabel('Label').fill('Kind of home');
      await page.getByTestId('field-1').getByRole('combobox', { name: 'Type' }).click();
      await page.getByRole('option', { name: 'Single choice' }).click();
      await page.getByTestId('field-1').getByLabel('Options').fill('House\nFlat');
      await page.getByRole('button', { name: 'Add field' }).click();
      await page.getByTestId('field-2').getByLabel('Label').fill('Copy of ID');
      await page.getByTestId('field-2').getByRole('combobox', { name: 'Type' }).click();
      await page.getByRole('option', { name: 'File upload' }).click();
      await page.getByRole('button', { name: 'Move Copy of ID up' }).click();
      await page.getByRole('button', { name: 'Move Copy of ID up' }).click();
      await page.getByRole('button', { name: 'Preview' }).click();
      const preview = page.getByTestId('form-preview');
      await preview.getByText('Copy of ID').waitFor();
      expect((await preview.locator('label').allInnerTexts()).slice(0, 3)).toEqual([expect.stringContaining('Copy of ID'), expect.stringContaining('Budget'), expect.stringContaining('Kind of home')]);
      await shot('12-form-builder');
      await page.getByRole('button', { name: 'Save form' }).click();
      await page.getByRole('heading', { name: formTitle }).waitFor();
    });

    await session(agent, async (page, shot) => {
      await open(page, `${app.baseUrl}/admin/plugins/client-portal/groups`, page.getByRole('button', { name: 'New group' }));
      await page.getByRole('button', { name: 'New group' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Name').fill(`Household ${tag}`);
      await dialog.getByRole('combobox', { name: 'Properties' }).click();
      await page.getByRole('option', { name: house.title }).click();
      await page.keyboard.press('Escape');
      await shot('13-new-group');
      await dialog.getByRole('button', { name: 'Create group' }).click();
      await page.getByRole('heading', { name: `Household ${tag}` }).waitFor();
      await addMember(page, first.lastName);
      await addMember(page, second.lastName);
      await page.getByRole('combobox', { name: 'Form to fill in (optional)' }).click();
      await page.getByRole('option', { name: formTitle }).click();
      await page.getByRole('button', { name: 'Invite all' }).click();
      await page.getByTestId('invite-results').getByText('2 invited, none skipped').waitFor();
      await shot('14-group-invited');
    });

    // The first accepts in the portal and lands on the form: a missing answer is shown under its field, then sent.
    const [firstMail] = await mailsTo(app, first.email, 1, WAIT);
    const client = await browser.newContext({ viewport: { width: 390, height: 844 } });
    try {
      const page = await client.newPage();
      page.setDefaultTimeout(WAIT);
      await page.goto(`${app.baseUrl}/portal/accept#token=${tokenFrom(firstMail)}`);
      await page.getByLabel(/Choose a password/).fill(`Member-${tag}-Pass1`);
      await page.getByRole('button', { name: 'Accept and open my portal' }).click();
      await page.getByRole('heading', { name: formTitle }).waitFor();
      // The form comes first once; the properties page then links back to it.
      await page.getByRole('button', { name: 'Menu' }).click();
      await page.getByRole('link', { name: 'Properties' }).click();
      await page.getByText(house.title).first().waitFor();
      await page.locator('#next-step').getByRole('link', { name: formTitle }).click();
      await page.getByRole('heading', { name: formTitle }).waitFor();
      await page.getByRole('radio', { name: 'Flat' }).check();
      await page.getByRole('button', { name: 'Send my answers' }).click();
      await page.locator('#field-budget-error').getByText('is required').waitFor();
      await page.screenshot({ path: path.join(SCREENS, '15-portal-form-errors.png'), fullPage: true });
      await page.getByLabel(/^Budget/).fill('350000');
      await page.getByLabel(/^Copy of ID/).setInputFiles({ name: 'id.png', mimeType: 'image/png', buffer: png() });
      const [answered] = await Promise.all([page.waitForResponse((response) => /\/forms\/[^/]+\/answers$/.test(response.url())), page.getByRole('button', { name: 'Send my answers' }).click()]);
      expect({ status: answered.status(), body: answered.status() === 201 ? 'ok' : await answered.text() }).toEqual({ status: 201, body: 'ok' });
      await page.getByText('Thank you: your answers were sent to your agent.').waitFor();
    } finally {
      await client.close();
    }

    // Both are in the portal and see the group's property.
    const members: Record<string, string> = {};
    members[first.documentId] = (await app.http().post('/api/client-portal/auth/login').send({ email: first.email, password: `Member-${tag}-Pass1` })).body.data.jwt;
    const [secondMail] = await mailsTo(app, second.email, 1, WAIT);
    const accepted = await app.http().post('/api/client-portal/invitations/accept').send({ token: tokenFrom(secondMail), password: `Member-${tag}-Pass2` });
    expect(accepted.status).toBe(200);
    members[second.documentId] = accepted.body.data.jwt;
    for (const jwt of Object.values(members)) {
      const properties = await app.http().get('/api/client-portal/properties').set(bearer(jwt));
      expect(properties.body.data.map((property: any) => property.documentId)).toEqual([house.documentId]);
    }

    // The agent reads the answers on the form's page and downloads the CSV.
    await session(agent, async (page, shot) => {
      await open(page, `${app.baseUrl}/admin/plugins/client-portal/forms`, page.getByRole('link', { name: formTitle }));
      await page.getByRole('link', { name: formTitle }).click();
      const sheet = page.getByTestId(`sheet-${first.documentId}`);
      await sheet.getByText(/Completed on/).waitFor();
      await sheet.getByText('350000').waitFor();
      await sheet.getByRole('link', { name: 'form-file.png' }).waitFor();
      await page.getByTestId(`sheet-${second.documentId}`).getByText('Sent').waitFor();
      await shot('16-form-answers');
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
      const csv = fs.readFileSync((await download.path())!, 'utf8');
      expect(csv.split('\n')[0]).toBe('Contact,Email,Status,Sent at,Completed at,Copy of ID,Budget,Kind of home');
      expect(csv).toContain(`${first.email},Completed`);
      expect(csv).toContain(',form-file.png,350000,Flat');
    });

    await session(agent, async (page, shot) => {
      const search = page.getByRole('searchbox', { name: 'Search' });
      await open(page, `${app.baseUrl}/admin/plugins/client-portal/portal-users`, search);
      await search.fill(second.email);
      const row = page.getByTestId(/^portal-user-/).filter({ hasText: second.email });
      await row.getByRole('button', { name: 'Remove from portal' }).click();
      const confirm = page.getByRole('alertdialog');
      await confirm.getByText(/history stay/).waitFor();
      await shot('17-remove-from-portal');
      await confirm.getByRole('button', { name: 'Remove from portal' }).click();
      await eventually(async () => (await page.getByTestId(/^portal-user-/).filter({ hasText: second.email }).count()) === 0, 'the removed member leaves the list', WAIT);
    });
    expect((await app.http().get('/api/client-portal/me').set(bearer(members[second.documentId]))).status).toBe(401);
    expect((await app.http().get('/api/client-portal/me').set(bearer(members[first.documentId]))).status).toBe(200);
  }, TEST_TIMEOUT);
});
