#!/usr/bin/env node
/**
 * Flat look-ups: the latency of invitation preview, accept and the admin invitations list (filtered by status and
 * agent; searched by email) with about 1,000 invitations in the table, then with about 100,000 — same requests,
 * same number of matching rows. Goal: within 1.2× (the indexes that keep them flat are named in the README).
 */
const crypto = require('crypto');
const path = require('path');
const { bootStrapi, root, runScenario } = require('../lib/boot');
const { median } = require('../lib/measure');
const { result, note, round } = require('../lib/result');

const SMALL = 1_000;
const LARGE = Number(process.env.BENCH_LOOKUP_ROWS || 100_000);
const PROBES = 300;
const PREVIEWS = 300;
const ACCEPTS = 60;
const LISTS = 150;

const { unseal } = require(path.join(root, 'src', 'plugins', 'client-portal', 'dist', 'server', 'utils', 'seal.js'));

process.env.PORTAL_RATE_LIMITS = JSON.stringify({ invitation: { ip: { points: 1_000_000, durationSec: 60 } } });

runScenario(async (db) => {
  const { strapi, baseUrl } = await bootStrapi({ listen: true });
  try {
    const invitations = strapi.plugin('client-portal').service('invitations');
    const contacts = strapi.db.query('api::contact.contact');
    const appKey = strapi.config.get('server.app.keys')[0];
    const superAdmin = await strapi.service('admin::role').getSuperAdmin();
    const password = `Bench-${crypto.randomBytes(6).toString('hex')}-Admin1`;
    const newAgent = (name) =>
      strapi.service('admin::user').create({ email: `${name}-${Date.now()}@agency.test`, firstname: name, lastname: 'Bench', password, isActive: true, registrationToken: null, roles: [superAdmin.id] });
    const filler = await newAgent('filler');
    const reader = await newAgent('reader');
    const login = await fetch(`${baseUrl}/admin/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: reader.email, password }) });
    const adminJwt = (await login.json()).data.token;

    let made = 0;
    const invite = async (count, tag, agentId) => {
      for (let start = 0; start < count; start += 10_000) {
        const size = Math.min(10_000, count - start);
        const now = new Date();
        const rows = Array.from({ length: size }, (_, i) => {
          const email = `${tag}-${made + i}@client.test`;
          return { documentId: crypto.randomBytes(12).toString('hex'), firstName: 'Lookup', lastName: `${tag} ${made + i}`, email, emailNormalized: email, language: 'en', type: 'client', doNotContact: false, createdAt: now, updatedAt: now };
        });
        made += size;
        await contacts.createMany({ data: rows });
        const answer = await invitations.bulk({ contacts: rows.map((row) => row.documentId), portalRole: 'buyer' }, { agentId });
        if (answer.invited.length !== size) throw new Error(`expected ${size} invited, got ${answer.invited.length}`);
      }
    };

    /** Invites PROBES contacts as a new agent; answers the agent and the probes' tokens (unsealed from their queued emails). */
    const probes = async (tag) => {
      const agent = await newAgent(`probe-${tag}`);
      await invite(PROBES, `probe-${tag}`, agent.id);
      const queued = await strapi.db.query('plugin::client-portal.outbox-message').findMany({ where: { to: { $startsWith: `probe-${tag}-` } }, select: ['sealed'] });
      const tokens = queued.map((row) => /#token=([A-Za-z0-9_-]{43})/.exec(unseal(appKey, row.sealed).link)[1]);
      return { agent, tokens };
    };

    const timed = async (count, request) => {
      const times = [];
      for (let i = 0; i < count; i += 1) {
        const started = process.hrtime.bigint();
        const res = await request(i);
        const body = await res.text();
        times.push(Number(process.hrtime.bigint() - started) / 1e6);
        if (!res.ok) throw new Error(`${res.status} ${body.slice(0, 300)}`);
      }
      return median(times);
    };
    const post = (url, body) => fetch(`${baseUrl}${url}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const admin = (url) => fetch(`${baseUrl}${url}`, { headers: { authorization: `Bearer ${adminJwt}` } });

    const measure = async ({ agent, tokens }, tag) => {
      const list = await timed(LISTS, () => admin(`/client-portal/invitations?status=pending&agent=${agent.id}&page=1&pageSize=20`));
      const search = await timed(LISTS, (i) => admin(`/client-portal/invitations?q=${encodeURIComponent(`probe-${tag}-${made - PROBES + (i % PROBES)}@`)}&page=1&pageSize=20`));
      const preview = await timed(PREVIEWS, (i) => post('/api/client-portal/invitations/preview', { token: tokens[i % tokens.length] }));
      const accept = await timed(ACCEPTS, (i) => post('/api/client-portal/invitations/accept', { token: tokens[i], password: 'a long bench passphrase 1' }));
      return { list, search, preview, accept };
    };

    /**
     * Before each measurement the database is brought to rest after the fill, the same way for both sizes: the bulk
     * invites' own statistics refresh has finished; on PostgreSQL the tables are vacuumed and analyzed (what its
     * autovacuum keeps up in production) and a checkpoint writes the fill out, so that neither autovacuum nor a
     * checkpoint of the rows just written lands in one size's timings and not the other's; SQLite keeps planner
     * statistics only when asked (ANALYZE).
     */
    const settle = async () => {
      await invitations.settled();
      if (db === 'postgres') {
        const schema = strapi.db.getSchemaName() || 'public';
        const tables = await strapi.db.connection.raw('SELECT tablename FROM pg_tables WHERE schemaname = ?', [schema]);
        await strapi.db.connection.raw(`VACUUM ANALYZE ${tables.rows.map((row) => `"${schema}"."${row.tablename}"`).join(', ')}`);
        await strapi.db.connection.raw('CHECKPOINT').catch(() => undefined); // needs superuser or pg_checkpoint: skipped without
      } else await strapi.db.connection.raw('ANALYZE');
    };

    // About 1,000 invitations in the table.
    await invite(SMALL - PROBES, 'fill', filler.id);
    await settle();
    const small = await measure(await probes('a'), 'a');
    const smallRows = await strapi.db.query('plugin::client-portal.invitation').count();

    // About 100,000.
    await invite(LARGE - smallRows - PROBES, 'fill', filler.id);
    await settle();
    const large = await measure(await probes('b'), 'b');
    const largeRows = await strapi.db.query('plugin::client-portal.invitation').count();
    note('lookups', db, `invitations in the table: ${smallRows.toLocaleString('en')}, then ${largeRows.toLocaleString('en')}; ${PROBES} matching the list filters each time`);

    const figures = [
      ['invitation preview', 'preview'],
      ['invitation accept', 'accept'],
      ['admin list: status + agent', 'list'],
      ['admin list: search by email', 'search'],
    ];
    for (const [name, key] of figures) {
      result({
        name: `${name}, ${largeRows.toLocaleString('en')} rows`,
        db,
        value: round(large[key], 1),
        unit: 'ms',
        baseline: round(small[key], 1),
        baselineLabel: `median with ${smallRows.toLocaleString('en')} rows`,
        ratio: round(large[key] / small[key]),
        goal: { on: 'ratio', op: '<=', target: 1.2, text: 'ratio ≤ 1.2' },
      });
    }
  } finally {
    await strapi.destroy();
  }
});
