import { useTestApp } from '../helpers/strapi';
import { bearer, createPortalUser, type Agent } from '../helpers/users';
import { createContact, portalAgent, roleOf } from '../helpers/portal';

let agent: Agent;

const app = useTestApp();

beforeAll(async () => {
  agent = await portalAgent(app);
});

/** Minimal RFC 4180 reader for the assertions (quoted fields may hold commas and quotes). */
const parseCsv = (text: string) =>
  text
    .trim()
    .split(/\r?\n/)
    .map((line) => [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)].slice(0, -1).map((m) => m[1].replace(/^"|"$/g, '').replace(/""/g, '"')));

describe('portal users for agents', () => {
  it('lists with activation status, last login, invited at, role and responsible agent; filters by status', async () => {
    const buyer = await roleOf(app, 'buyer');
    const invitedContact = await createContact(app, { firstName: 'Invited, "Quoted"', owner: agent.id });
    await app.strapi.plugin('client-portal').service('invitations').create({ contact: invitedContact.documentId, portalRole: 'buyer' });
    await app.strapi.db.query('plugin::client-portal.invitation').updateMany({ where: { email: invitedContact.email }, data: { status: 'accepted', pendingKey: null } });
    const active = await createPortalUser(app, invitedContact.documentId, { portalRole: buyer.id, owner: agent.id, firstName: 'Invited, "Quoted"' });
    await app.http().post('/api/client-portal/auth/login').send({ email: active.email, password: active.password });
    const draft = await createPortalUser(app, (await createContact(app)).documentId, { portalStatus: 'draft' });
    const blocked = await createPortalUser(app, (await createContact(app)).documentId, { blocked: true });

    const all = await app.http().get('/client-portal/portal-users').set(bearer(agent.jwt));
    expect(all.status).toBe(200);
    const row = all.body.data.find((u: any) => u.email === active.email);
    expect(row).toMatchObject({
      activationStatus: 'active',
      role: { key: 'buyer' },
      responsibleAgent: { email: agent.email },
      contact: { documentId: invitedContact.documentId },
    });
    expect(row.lastLoginAt).toBeTruthy();
    expect(row.invitedAt).toBeTruthy();
    expect(JSON.stringify(all.body)).not.toMatch(/"password"|contactKey/);

    const drafts = await app.http().get('/client-portal/portal-users?status=draft').set(bearer(agent.jwt));
    expect(drafts.body.data.map((u: any) => u.email)).toEqual([draft.email]);
    const blockedOnes = await app.http().get('/client-portal/portal-users?status=blocked').set(bearer(agent.jwt));
    expect(blockedOnes.body.data.map((u: any) => u.email)).toEqual([blocked.email]);
    const search = await app.http().get(`/client-portal/portal-users?q=${encodeURIComponent(draft.email.slice(0, 12))}`).set(bearer(agent.jwt));
    expect(search.body.data.map((u: any) => u.email)).toEqual([draft.email]);
    expect((await app.http().get('/client-portal/portal-users?pageSize=500').set(bearer(agent.jwt))).status).toBe(400);

    // Role (portal role key) and responsible agent (admin user id) filters, on the list and the export.
    const byRole = await app.http().get('/client-portal/portal-users?role=buyer').set(bearer(agent.jwt));
    expect(byRole.status).toBe(200);
    expect(byRole.body.data.map((u: any) => u.email)).toEqual([active.email]);
    expect((await app.http().get('/client-portal/portal-users?role=no-such-role').set(bearer(agent.jwt))).body.data).toEqual([]);
    const byAgent = await app.http().get(`/client-portal/portal-users?agent=${agent.id}`).set(bearer(agent.jwt));
    expect(byAgent.status).toBe(200);
    expect(byAgent.body.data.map((u: any) => u.email)).toEqual([active.email]);
    expect(byAgent.body.meta.pagination.total).toBe(1);
    expect((await app.http().get(`/client-portal/portal-users?agent=${agent.id}&status=draft`).set(bearer(agent.jwt))).body.data).toEqual([]);
    const badAgent = await app.http().get('/client-portal/portal-users?agent=abc').set(bearer(agent.jwt));
    expect(badAgent.status).toBe(400);
    expect(badAgent.body.error.message).toMatch(/agent/);
    const filteredCsv = await app.http().get(`/client-portal/portal-users/export?role=buyer&agent=${agent.id}`).set(bearer(agent.jwt)).buffer(true).parse((res, done) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      res.on('end', () => done(null, text));
    });
    expect(filteredCsv.status).toBe(200);
    expect(parseCsv(filteredCsv.body as string).slice(1).map((cells) => cells[0])).toEqual([active.email]);

    const csv = await app.http().get('/client-portal/portal-users/export').set(bearer(agent.jwt)).buffer(true).parse((res, done) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      res.on('end', () => done(null, text));
    });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="portal-users-\d{4}-\d{2}-\d{2}\.csv"/);
    const table = parseCsv(csv.body as string);
    expect(table[0]).toEqual(['Email', 'First name', 'Last name', 'Activation status', 'Last login', 'Invited at', 'Role', 'Responsible agent', 'Client groups', 'Created by', 'Created at']);
    const line = table.find((cells) => cells[0] === active.email)!;
    expect(line[1]).toBe('Invited, "Quoted"');
    expect(line[3]).toBe('active');
    expect(line[4]).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(line[5]).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(line[6]).toBe('Buyer');
    expect(line[7]).toContain('PortalAgent');
    expect(table.find((cells) => cells[0] === blocked.email)![3]).toBe('blocked');
    expect(table).toHaveLength(4);
  });

  it('the CSV neutralises cells that a spreadsheet would run as a formula', async () => {
    const formulas = ['=HYPERLINK("https://attacker.test","Click")', '+31 20 555', '-2+3', '@SUM(A1:A9)', '\tTabbed', '\rReturn'];
    const made = [];
    for (const [index, name] of formulas.entries()) {
      made.push(await createPortalUser(app, (await createContact(app)).documentId, { firstName: name, lastName: `Formula${index}`, email: `formula-${index}@client.test` }));
    }
    const csv = await app.http().get('/client-portal/portal-users/export').set(bearer(agent.jwt)).buffer(true).parse((res, done) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      res.on('end', () => done(null, text));
    });
    const table = parseCsv((csv.body as string).replace(/\r(?!\n)/g, '\\r'));
    for (const [index, user] of made.entries()) {
      const line = table.find((cells) => cells[0] === user.email)!;
      expect(line[1].startsWith("'")).toBe(true);
      expect(line[1].slice(1).replace('\\r', '\r')).toBe(formulas[index]);
    }
    expect(csv.body).not.toMatch(/(^|,)=HYPERLINK/m);
  });

  it('export needs the export action; the list needs read', async () => {
    const reader = await portalAgent(app, ['read']);
    expect((await app.http().get('/client-portal/portal-users').set(bearer(reader.jwt))).status).toBe(200);
    expect((await app.http().get('/client-portal/portal-users/export').set(bearer(reader.jwt))).status).toBe(403);
    const exporter = await portalAgent(app, ['portal-users.export']);
    expect((await app.http().get('/client-portal/portal-users').set(bearer(exporter.jwt))).status).toBe(403);
  });
});
