#!/usr/bin/env node
/**
 * Flat look-ups: the latency of invitation preview, accept and the admin invitations list (filtered by status and
 * agent; searched by email) with about 1,000 invitations in the table against about 100,000 — same requests, same
 * number of matching rows. Goal: within 1.2× (the indexes that keep them flat are named in the README).
 *
 * Each size has an instance and a database of its own, filled before any measuring (bench/lib/lookup-data.js);
 * the two are then measured in alternating rounds, so both sizes meet the same machine and a change in its pace
 * cannot show up as a difference between them. Each figure is the median of all of its requests.
 */
const { runScenario, createDatabase } = require('../lib/boot');
const { median, startInstance } = require('../lib/measure');
const { result, note, round } = require('../lib/result');

const SMALL = 1_000;
const LARGE = Number(process.env.BENCH_LOOKUP_ROWS || 100_000);
const ROUNDS = Number(process.env.BENCH_LOOKUP_ROUNDS || 4);
/** Requests per size over all rounds (accepts use up one probe's token each). */
const PREVIEWS = 300;
const ACCEPTS = 60;
const LISTS = 152;

process.env.PORTAL_RATE_LIMITS = JSON.stringify({ invitation: { ip: { points: 1_000_000, durationSec: 60 } } });

runScenario(async (db) => {
  const sizes = [
    { name: 'small', rows: SMALL },
    { name: 'large', rows: LARGE },
  ];
  const drops = [];
  const instances = [];
  try {
    // Both filled first, one after the other, each in its own database.
    for (const size of sizes) {
      const database = await createDatabase(db);
      drops.push(database.drop);
      size.instance = await startInstance(database.env);
      instances.push(size.instance);
      size.data = await size.instance.ask(`lookups ${size.rows}`);
      if (size.data.error) throw new Error(size.data.error);
      const login = await fetch(`${size.instance.baseUrl}/admin/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(size.data.admin) });
      size.adminJwt = (await login.json()).data.token;
      size.times = { list: [], search: [], preview: [], accept: [] };
      size.accepted = 0;
    }

    const timed = async (times, count, request) => {
      for (let i = 0; i < count; i += 1) {
        const started = process.hrtime.bigint();
        const res = await request(i);
        const body = await res.text();
        times.push(Number(process.hrtime.bigint() - started) / 1e6);
        if (!res.ok) throw new Error(`${res.status} ${body.slice(0, 300)}`);
      }
    };

    /** One round of requests against one size: a share of each kind. */
    const measure = async (size) => {
      const { baseUrl } = size.instance;
      const { agentId, tokens, probeEmails } = size.data;
      const post = (url, body) => fetch(`${baseUrl}${url}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const admin = (url) => fetch(`${baseUrl}${url}`, { headers: { authorization: `Bearer ${size.adminJwt}` } });
      await timed(size.times.list, LISTS / ROUNDS, () => admin(`/client-portal/invitations?status=pending&agent=${agentId}&page=1&pageSize=20`));
      await timed(size.times.search, LISTS / ROUNDS, (i) => admin(`/client-portal/invitations?q=${encodeURIComponent(probeEmails[i % probeEmails.length])}&page=1&pageSize=20`));
      // Previews read the tokens that are never accepted (the first ACCEPTS are).
      await timed(size.times.preview, PREVIEWS / ROUNDS, (i) => post('/api/client-portal/invitations/preview', { token: tokens[ACCEPTS + ((i * 7) % (tokens.length - ACCEPTS))] }));
      await timed(size.times.accept, ACCEPTS / ROUNDS, () => post('/api/client-portal/invitations/accept', { token: tokens[size.accepted++], password: 'a long bench passphrase 1' }));
    };

    for (let r = 0; r < ROUNDS; r += 1) for (const size of r % 2 === 0 ? sizes : [...sizes].reverse()) await measure(size);

    const [small, large] = sizes;
    note('lookups', db, `invitations in the table: ${small.data.rows.toLocaleString('en')} against ${large.data.rows.toLocaleString('en')} (an instance and database each, measured in ${ROUNDS} alternating rounds); ${small.data.tokens.length} matching the list filters in each`);
    const figures = [
      ['invitation preview', 'preview'],
      ['invitation accept', 'accept'],
      ['admin list: status + agent', 'list'],
      ['admin list: search by email', 'search'],
    ];
    for (const [name, key] of figures) {
      const value = median(large.times[key]);
      const baseline = median(small.times[key]);
      result({
        name: `${name}, ${large.data.rows.toLocaleString('en')} rows`,
        db,
        value: round(value, 1),
        unit: 'ms',
        baseline: round(baseline, 1),
        baselineLabel: `median with ${small.data.rows.toLocaleString('en')} rows`,
        ratio: round(value / baseline),
        goal: { on: 'ratio', op: '<=', target: 1.2, text: 'ratio ≤ 1.2' },
      });
    }
  } finally {
    await Promise.all(instances.map((instance) => instance.stop().catch(() => undefined)));
    for (const drop of drops) await drop().catch(() => undefined);
  }
});
