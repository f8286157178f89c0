#!/usr/bin/env node
/**
 * Flat look-ups: the latency of invitation preview, accept and the admin invitations list (filtered by status and
 * agent; searched by email) with about 1,000 invitations in the table against about 100,000 — same requests, same
 * number of matching rows. Goal: within 1.2× (the indexes that keep them flat are named in the README).
 *
 * Each size has a database of its own, filled before any measuring (bench/lib/lookup-data.js). Then, four times, a fresh
 * instance per size is started on it, both warmed up alike and measured in alternating rounds: both sizes meet the
 * same machine (a change in its pace cannot show up as a difference between them), and neither keeps a process
 * that happens to run faster or carries the fill's heap. Each figure is the median of all of its requests.
 */
const { runScenario, createDatabase } = require('../lib/boot');
const { median, startInstance } = require('../lib/measure');
const { result, note, round } = require('../lib/result');

const SMALL = 1_000;
const LARGE = Number(process.env.BENCH_LOOKUP_ROWS || 100_000);
const SESSIONS = 4;
const ROUNDS_PER_SESSION = 2;
/** Requests per size over all rounds (accepts use up one probe's token each); the warm-up adds a tenth of each per session. */
const PREVIEWS = 300;
const ACCEPTS = 60;
const LISTS = 152;
const WARMUP_SHARE = 0.1;
const ACCEPT_POOL = 100;

process.env.PORTAL_RATE_LIMITS = JSON.stringify({ invitation: { ip: { points: 1_000_000, durationSec: 60 } } });

runScenario(async (db) => {
  const sizes = [
    { name: 'small', rows: SMALL },
    { name: 'large', rows: LARGE },
  ];
  const drops = [];
  let running = [];
  const stopAll = async () => {
    await Promise.all(running.map((instance) => instance.stop().catch(() => undefined)));
    running = [];
  };
  /** A fresh instance on `size`'s database, its admin logged in. */
  const serve = async (size) => {
    size.instance = await startInstance(size.env);
    running.push(size.instance);
    const login = await fetch(`${size.instance.baseUrl}/admin/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(size.data.admin) });
    size.adminJwt = (await login.json()).data.token;
  };
  try {
    // Both filled first, one after the other, each in its own database by an instance of its own.
    for (const size of sizes) {
      const database = await createDatabase(db);
      drops.push(database.drop);
      size.env = database.env;
      const filler = await startInstance(size.env);
      running.push(filler);
      size.data = await filler.ask(`lookups ${size.rows}`);
      if (size.data.error) throw new Error(size.data.error);
      await stopAll();
      size.sessions = []; // per session, the times of each kind of request
      size.accepted = 0;
    }

    const timed = async (times, count, request) => {
      for (let i = 0; i < count; i += 1) {
        const started = process.hrtime.bigint();
        const res = await request(i);
        const body = await res.text();
        if (times) times.push(Number(process.hrtime.bigint() - started) / 1e6);
        if (!res.ok) throw new Error(`${res.status} ${body.slice(0, 300)}`);
      }
    };

    /** One round of requests against one size: a share of each kind (recorded unless it is the warm-up). */
    const measure = async (size, share, record = true) => {
      const { baseUrl } = size.instance;
      const { agentId, tokens, probeEmails } = size.data;
      const post = (url, body) => fetch(`${baseUrl}${url}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const admin = (url) => fetch(`${baseUrl}${url}`, { headers: { authorization: `Bearer ${size.adminJwt}` } });
      const times = (key) => (record ? size.sessions.at(-1)[key] : null);
      await timed(times('list'), Math.round(LISTS * share), () => admin(`/client-portal/invitations?status=pending&agent=${agentId}&page=1&pageSize=20`));
      await timed(times('search'), Math.round(LISTS * share), (i) => admin(`/client-portal/invitations?q=${encodeURIComponent(probeEmails[i % probeEmails.length])}&page=1&pageSize=20`));
      // Previews read tokens that are never accepted (accepts take theirs from the first ACCEPT_POOL).
      await timed(times('preview'), Math.round(PREVIEWS * share), (i) => post('/api/client-portal/invitations/preview', { token: tokens[ACCEPT_POOL + ((i * 7) % (tokens.length - ACCEPT_POOL))] }));
      await timed(times('accept'), Math.round(ACCEPTS * share), () => post('/api/client-portal/invitations/accept', { token: tokens[size.accepted++], password: 'a long bench passphrase 1' }));
    };

    // Sessions of fresh instances, one per size, started together and warmed up alike; in each, rounds alternate
    // between the sizes. A new pair per session, so neither size keeps a process that happens to run faster.
    for (let session = 0; session < SESSIONS; session += 1) {
      for (const size of sizes) {
        await serve(size);
        size.sessions.push({ list: [], search: [], preview: [], accept: [] });
      }
      for (const size of sizes) await measure(size, WARMUP_SHARE, false);
      for (let r = 0; r < ROUNDS_PER_SESSION; r += 1) {
        for (const size of (session + r) % 2 === 0 ? sizes : [...sizes].reverse()) await measure(size, 1 / (SESSIONS * ROUNDS_PER_SESSION));
      }
      await stopAll();
    }

    const [small, large] = sizes;
    // The ratio of each session alone (its own requests' medians), printed to show how far the pairs of instances differ.
    const sessionRatios = (key) => small.sessions.map((session, i) => `${round(median(large.sessions[i][key]) / median(session[key]))}×`);
    note('lookups', db, `ratio per session: preview ${sessionRatios('preview').join(' / ')}, accept ${sessionRatios('accept').join(' / ')}, status + agent ${sessionRatios('list').join(' / ')}, search ${sessionRatios('search').join(' / ')}`);
    note('lookups', db, `invitations in the table: ${small.data.rows.toLocaleString('en')} against ${large.data.rows.toLocaleString('en')} (a database each; ${SESSIONS} pairs of fresh instances, ${ROUNDS_PER_SESSION} alternating rounds each); ${small.data.tokens.length} matching the list filters in each`);
    const figures = [
      ['invitation preview', 'preview'],
      ['invitation accept', 'accept'],
      ['admin list: status + agent', 'list'],
      ['admin list: search by email', 'search'],
    ];
    for (const [name, key] of figures) {
      const value = median(large.sessions.flatMap((session) => session[key]));
      const baseline = median(small.sessions.flatMap((session) => session[key]));
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
    await stopAll();
    for (const drop of drops) await drop().catch(() => undefined);
  }
});
