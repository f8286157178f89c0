import crypto from 'crypto';
import { useTestApp } from '../helpers/strapi';
import { sqlDuring } from '../helpers/sql';
import { bearer, createPortalUser, type Agent } from '../helpers/users';
import { createContact, createProperty, manyContacts, outboxIdle, portalAgent, refuseActivityOf } from '../helpers/portal';
import { insertRows } from '../../src/plugins/client-portal/server/src/utils/bulk-insert';
import { columnOf, tableOf } from '../../src/plugins/client-portal/server/src/utils/db';

const CONTACT = 'api::contact.contact';
const INVITATION = 'plugin::client-portal.invitation';

let agent: Agent;

const postgres = process.env.DATABASE_CLIENT === 'postgres';
/** PostgreSQL: when each table of this test's schema was last analyzed on request (ms since the epoch). */
const lastAnalyzed = async (): Promise<Record<string, number>> => {
  const result = await app.strapi.db.connection.raw('SELECT relname, last_analyze FROM pg_stat_user_tables WHERE schemaname = ?', [app.strapi.db.getSchemaName()]);
  return Object.fromEntries(result.rows.map((row: any) => [row.relname, row.last_analyze ? new Date(row.last_analyze).getTime() : 0]));
};

// A thousand emails in a burst on a loaded machine: the suite's 3 s SMTP socket timeout (kept short for the failure
// tests) could expire while the sink is still answering, and the retry would deliver a second copy of an email the
// sink already took — SMTP's own at-least-once edge, not the outbox's. Here the socket may wait 30 s.
const app = useTestApp({ env: { SMTP_SOCKET_TIMEOUT_MS: '30000' } });

beforeAll(async () => {
  agent = await portalAgent(app);
});

describe('bulk invite', () => {
  it('answers per contact for 1,200 contacts: invited, or not invited with the reason; one email each', async () => {
    const property = await createProperty(app);
    const tag = crypto.randomBytes(3).toString('hex');
    const ok = await manyContacts(app, 1000, (i) => ({ email: `bulk-${tag}-${i}@client.test`, emailNormalized: `bulk-${tag}-${i}@client.test` }));
    const noEmail = await manyContacts(app, 40, () => ({ email: null }));
    const quiet = await manyContacts(app, 40, (i) => ({ email: `quiet-${tag}-${i}@client.test`, doNotContact: true }));
    const pending: string[] = [];
    for (let i = 0; i < 10; i += 1) {
      const contact = await createContact(app);
      await app.strapi.plugin('client-portal').service('invitations').create({ contact: contact.documentId, portalRole: 'buyer', property: property.documentId });
      pending.push(contact.documentId);
    }
    const users: string[] = [];
    for (let i = 0; i < 10; i += 1) {
      const contact = await createContact(app);
      await createPortalUser(app, contact.documentId);
      await app.strapi.documents('api::deal.deal').create({ data: { contact: contact.documentId, property: property.documentId } as any });
      users.push(contact.documentId);
    }
    const unknown = ['does-not-exist-1', 'does-not-exist-2'];
    await outboxIdle(app);
    app.smtp.clear();

    const contacts = [...ok, ...noEmail, ...quiet, ...pending, ...users, ...unknown, ok[0], ok[1]];
    const analyzedBefore = postgres ? await lastAnalyzed() : {};
    const res = await app.http().post('/client-portal/invitations/bulk').set(bearer(agent.jwt)).send({ contacts, portalRole: 'buyer', property: property.documentId });
    expect(res.status).toBe(200);
    const { invited, skipped } = res.body.data;
    expect(invited).toHaveLength(1000);
    expect(new Set(invited.map((i: any) => i.contact))).toEqual(new Set(ok));
    const reasons = (list: string[], reason: string) =>
      list.every((id) => skipped.some((s: any) => s.contact === id && s.reason === reason));
    expect(reasons(noEmail, 'no_email')).toBe(true);
    expect(reasons(quiet, 'do_not_contact')).toBe(true);
    expect(reasons(pending, 'invite_pending')).toBe(true);
    expect(reasons(users, 'already_portal_user')).toBe(true);
    expect(reasons(unknown, 'unknown_contact')).toBe(true);
    expect(skipped.filter((s: any) => s.reason === 'duplicate').map((s: any) => s.contact)).toEqual([ok[0], ok[1]]);
    expect(skipped.find((s: any) => s.reason === 'no_email').message).toBe('An email address is required to send an invite');
    expect(skipped).toHaveLength(40 + 40 + 10 + 10 + 2 + 2);
    if (postgres) {
      // The planner's statistics of the tables the invite grew are refreshed right after it answers (not a minute
      // later by autovacuum): the delivery that follows reads them through their indexes.
      await app.strapi.plugin('client-portal').service('invitations').settled();
      const analyzedAfter = await lastAnalyzed();
      for (const table of ['cp_invitations', 'cp_invitations_contact_lnk', 'cp_outbox_messages', 'cp_activities', 'cp_activities_contact_lnk']) {
        expect({ table, refreshed: (analyzedAfter[table] ?? 0) > (analyzedBefore[table] ?? 0) }).toEqual({ table, refreshed: true });
      }
    }

    // Stored like single invites: relations, pending key, role, one activity each.
    const stored = await app.strapi.db.query(INVITATION).findMany({
      where: { contact: { documentId: { $in: ok.slice(0, 50) } } },
      populate: { contact: true, property: true, portalRole: true, invitedByAgent: true },
    });
    expect(stored).toHaveLength(50);
    for (const inv of stored) {
      expect(inv).toMatchObject({ status: 'pending', deliveryStatus: expect.any(String), portalRole: { key: 'buyer' }, property: { documentId: property.documentId }, invitedByAgent: { id: agent.id } });
      expect(inv.documentId).toEqual(expect.any(String));
      expect(inv.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    }
    const activities = await app.strapi.db.query('plugin::client-portal.activity').count({ where: { type: 'invited', contact: { documentId: { $in: ok } } } });
    expect(activities).toBe(1000);

    // The same call again invites nobody: all pending now.
    const again = await app.http().post('/client-portal/invitations/bulk').set(bearer(agent.jwt)).send({ contacts: ok.slice(0, 100), portalRole: 'buyer', property: property.documentId });
    expect(again.body.data.invited).toHaveLength(0);
    expect(again.body.data.skipped.every((s: any) => s.reason === 'invite_pending')).toBe(true);

    // Every invited contact gets exactly one email.
    await outboxIdle(app, 120_000);
    expect(app.smtp.messages).toHaveLength(1000);
    expect(new Set(app.smtp.messages.map((m) => m.to[0])).size).toBe(1000);
    const listed = await app.http().get(`/client-portal/invitations?property=${property.documentId}&status=invited&pageSize=100`).set(bearer(agent.jwt));
    expect(listed.body.meta.pagination.total).toBe(1010);
  }, 180_000);

  it('validates the request, naming the field', async () => {
    const bad = async (body: Record<string, unknown>, field: string) => {
      const res = await app.http().post('/client-portal/invitations/bulk').set(bearer(agent.jwt)).send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.message.startsWith(`${field}:`)).toBe(true);
    };
    await bad({ contacts: [], portalRole: 'buyer' }, 'contacts');
    await bad({ contacts: 'abc', portalRole: 'buyer' }, 'contacts');
    await bad({ contacts: Array.from({ length: 10_001 }, (_, i) => `c${i}`), portalRole: 'buyer' }, 'contacts');
    await bad({ contacts: ['x'], portalRole: 'nope' }, 'portalRole');
    await bad({ contacts: ['x'], portalRole: 'buyer', property: 'nope' }, 'property');
  });
});

describe('bulk invite failing half-way', () => {
  it('writes nothing when the database refuses a row of the last chunk: no invitation, link, email or activity', async () => {
    const tag = crypto.randomBytes(3).toString('hex');
    const contacts = await manyContacts(app, 6000, (i) => ({ email: `half-${tag}-${i}@client.test`, emailNormalized: `half-${tag}-${i}@client.test` }));
    const restore = await refuseActivityOf(app, `half-${tag}-5999@client.test`);
    try {
      const failure = await app.strapi.plugin('client-portal').service('invitations').bulk({ contacts, portalRole: 'buyer' }, { agentId: agent.id }).then(() => null, (error: unknown) => error);
      // (SQLite's errors come from another realm: matched by message, not by class.)
      expect(String((failure as Error)?.message)).toMatch(/injected failure/);
    } finally {
      await restore();
    }
    expect(await app.strapi.db.query(INVITATION).count({ where: { email: { $startsWith: `half-${tag}-` } } })).toBe(0);
    expect(await app.strapi.db.query(INVITATION).count({ where: { contact: { documentId: { $in: contacts.slice(0, 100) } } } })).toBe(0);
    expect(await app.strapi.db.query('plugin::client-portal.outbox-message').count({ where: { to: { $startsWith: `half-${tag}-` } } })).toBe(0);
    expect(await app.strapi.db.query('plugin::client-portal.activity').count({ where: { summary: { $contains: `half-${tag}-` } } })).toBe(0);

    // Nothing is left half-done: the same invite goes through once the database accepts it.
    const answer = await app.strapi.plugin('client-portal').service('invitations').bulk({ contacts: contacts.slice(0, 10), portalRole: 'buyer' }, { agentId: agent.id });
    expect(answer.invited).toHaveLength(10);
  });
});

describe('rows written in bulk', () => {
  const OUTBOX = 'plugin::client-portal.outbox-message';

  it('read back through the query engine like the rows it writes itself: JSON, dates, numbers, nulls', async () => {
    const input = { template: 'invitation' as const, to: 'same-row@client.test', language: 'nl', payload: { firstName: 'Zoë "Z" \\ Ĳssel', expiryDays: 7, nested: { list: [1, 'two', null] } }, subjectUid: INVITATION, subjectDocumentId: 'bulk-row-check' };
    const outbox = app.strapi.plugin('client-portal').service('outbox');
    // The worker must not claim the rows before they are read back.
    await outbox.stop();
    await outbox.enqueueMany([input]);
    const own = await app.strapi.db.query(OUTBOX).create({ data: { ...input, subjectDocumentId: 'engine-row-check', status: 'queued', attempts: 0 } });
    const bulk = await app.strapi.db.query(OUTBOX).findOne({ where: { subjectDocumentId: 'bulk-row-check' } });
    const engine = await app.strapi.db.query(OUTBOX).findOne({ where: { id: own.id } });
    const comparable = (row: any) => ({ template: row.template, to: row.to, language: row.language, payload: row.payload, status: row.status, attempts: row.attempts, nextAttemptAt: row.nextAttemptAt, sentAt: row.sentAt });
    expect(comparable(bulk)).toEqual(comparable(engine));
    expect(typeof bulk.createdAt).toBe(typeof engine.createdAt);
    expect(Math.abs(new Date(bulk.createdAt).getTime() - Date.now())).toBeLessThan(60_000);
    expect(bulk.documentId).toMatch(/^[a-z0-9-]{24,36}$/);
    await app.strapi.db.query(OUTBOX).deleteMany({ where: { subjectDocumentId: { $in: ['bulk-row-check', 'engine-row-check'] } } });
  });

  it('keep each row as given when columns share one value across rows, and send such a value once (PostgreSQL)', async () => {
    const c = (attribute: string) => columnOf(app.strapi, OUTBOX, attribute);
    const at = (ms: number) => new Date(Date.UTC(2026, 0, 2, 3, 4, 5, ms));
    // Equal but distinct Date objects and equal JSON count as one value; 'to' and 'sentAt' vary.
    const row = (key: string, index: number) => ({
      [c('documentId')]: `bulk-shared-${key}`,
      [c('template')]: 'invitation',
      [c('to')]: `${key}@client.test`,
      [c('status')]: 'queued',
      [c('attempts')]: 2,
      [c('payload')]: { shared: true, list: [1, 'two'] },
      [c('nextAttemptAt')]: at(0),
      [c('sentAt')]: index === 1 ? null : at(index),
      [c('language')]: null,
    });
    // The worker must not claim the rows before they are read back.
    await app.strapi.plugin('client-portal').service('outbox').stop();
    const { statements: sent } = await sqlDuring(app, async () => {
      await app.strapi.db.transaction(({ trx }) => insertRows(app.strapi, trx, tableOf(app.strapi, OUTBOX), ['a', 'b', 'c'].map(row)));
      // Every column the same in every row (no column varies at all).
      const same = { ...row('same', 0), [c('to')]: 'same@client.test' };
      await app.strapi.db.transaction(({ trx }) => insertRows(app.strapi, trx, tableOf(app.strapi, OUTBOX), [same, { ...same }]));
    });
    const rows = await app.strapi.db.query(OUTBOX).findMany({ where: { documentId: { $startsWith: 'bulk-shared-' } }, orderBy: { id: 'asc' } });
    expect(rows.map((entry: any) => [entry.documentId, entry.to, entry.sentAt === null ? null : new Date(entry.sentAt).getTime()])).toEqual([
      ['bulk-shared-a', 'a@client.test', at(0).getTime()],
      ['bulk-shared-b', 'b@client.test', null],
      ['bulk-shared-c', 'c@client.test', at(2).getTime()],
      ['bulk-shared-same', 'same@client.test', at(0).getTime()],
      ['bulk-shared-same', 'same@client.test', at(0).getTime()],
    ]);
    for (const entry of rows) {
      expect(entry).toMatchObject({ template: 'invitation', status: 'queued', attempts: 2, payload: { shared: true, list: [1, 'two'] }, language: null });
      expect(new Date(entry.nextAttemptAt).getTime()).toBe(at(0).getTime());
    }
    if (postgres) {
      const inserts = sent.filter((query) => /^insert into/i.test(query.sql));
      expect(inserts).toHaveLength(2);
      // One array per varying column (document id, address, sent at), the other values once each.
      expect(inserts[0].bindings.filter(Array.isArray)).toHaveLength(3);
      expect(inserts[0].bindings.filter((value) => !Array.isArray(value))).toHaveLength(6);
      expect(inserts[1].bindings.filter(Array.isArray)).toHaveLength(0);
    }
    await app.strapi.db.query(OUTBOX).deleteMany({ where: { documentId: { $startsWith: 'bulk-shared-' } } });
  });

  it('skip a row whose unique column is taken and answer only the rows written', async () => {
    const c = (attribute: string) => columnOf(app.strapi, OUTBOX, attribute);
    const row = (key: string) => ({ [c('documentId')]: `bulk-unique-${key}`, [c('template')]: 'invitation', [c('to')]: `${key}@client.test`, [c('status')]: 'queued', [c('attempts')]: 0, [c('dedupeKey')]: `bulk-dedupe-${key}`, [c('payload')]: { key } });
    const answered = await app.strapi.db.transaction(({ trx }) =>
      insertRows(app.strapi, trx, tableOf(app.strapi, OUTBOX), [row('a'), row('b')], { ignoreConflictOn: c('dedupeKey'), returning: ['id', c('dedupeKey')] }),
    );
    expect(answered.map((entry: any) => entry[c('dedupeKey')]).sort()).toEqual(['bulk-dedupe-a', 'bulk-dedupe-b']);
    const again = await app.strapi.db.transaction(({ trx }) =>
      insertRows(app.strapi, trx, tableOf(app.strapi, OUTBOX), [{ ...row('b'), [c('documentId')]: 'bulk-unique-b2' }, row('c')], { ignoreConflictOn: c('dedupeKey'), returning: ['id', c('dedupeKey')] }),
    );
    expect(again.map((entry: any) => entry[c('dedupeKey')])).toEqual(['bulk-dedupe-c']);
    expect(await app.strapi.db.query(OUTBOX).count({ where: { dedupeKey: { $startsWith: 'bulk-dedupe-' } } })).toBe(3);
    const [c1] = await app.strapi.db.query(OUTBOX).findMany({ where: { dedupeKey: 'bulk-dedupe-c' } });
    expect(c1.payload).toEqual({ key: 'c' });
    await app.strapi.db.query(OUTBOX).deleteMany({ where: { dedupeKey: { $startsWith: 'bulk-dedupe-' } } });
  });
});
