#!/usr/bin/env node
/**
 * Bulk invite of N contacts (invitations, relation links, outbox and activity rows; SMTP not involved) against:
 *  - the absolute goal (≤ 1.5 s on SQLite, ≤ 2 s on PostgreSQL; the median of three runs), next to knex
 *    batchInsert of N bare rows (the database's own pace, printed as the baseline);
 *  - the single-invite service, one invitation at a time, timed on 1,000 contacts and extrapolated to N (said so).
 * Statements are counted for 1,000 and for N invites: they grow per batch, not per row.
 */
const crypto = require('crypto');
const { bootStrapi, runScenario, statementCounter, time } = require('../lib/boot');
const { result, note, round } = require('../lib/result');
const { median } = require('../lib/measure');
const { contactRows } = require('../lib/seed');

const N = Number(process.env.BENCH_CONTACTS || 10000);
const SINGLE = Number(process.env.BENCH_SINGLE_CONTACTS || 1000);
const BULK_RUNS = Number(process.env.BENCH_BULK_RUNS || 3);
const GOAL_SECONDS = { sqlite: 1.5, postgres: 2 };

runScenario(async (db) => {
  const { strapi } = await bootStrapi();
  try {
    const contacts = strapi.db.query('api::contact.contact');
    const invitations = strapi.plugin('client-portal').service('invitations');
    const counter = statementCounter(strapi);

    // The database's own pace: N bare rows through knex batchInsert (one table, no relations).
    const knex = strapi.db.connection;
    const schema = strapi.db.getSchemaName();
    await knex.schema.withSchema(schema || undefined).createTable('bench_rows', (table) => {
      table.increments('id');
      table.string('email');
      table.string('token_hash');
      table.datetime('created_at');
    });
    const bare = await time(() =>
      knex.batchInsert(schema ? `${schema}.bench_rows` : 'bench_rows', Array.from({ length: N }, (_, i) => ({ email: `row-${i}@client.test`, token_hash: crypto.randomBytes(32).toString('hex'), created_at: new Date() })), 500),
    );

    // Warm-up: the first invite compiles templates and fills caches.
    const warm = contactRows(10, 'warm');
    await contacts.createMany({ data: warm });
    await invitations.bulk({ contacts: warm.map((row) => row.documentId), portalRole: 'buyer' }, {});

    // Statements for 1,000 invites, then the timed N.
    const small = contactRows(SINGLE, 'small');
    await contacts.createMany({ data: small });
    counter.reset();
    await invitations.bulk({ contacts: small.map((row) => row.documentId), portalRole: 'buyer' }, {});
    const smallStatements = counter.count;

    // The median of BULK_RUNS bulk invites, each of N new contacts (one run is at the mercy of a noisy machine).
    const runs = [];
    let bulkStatements = 0;
    for (let run = 0; run < BULK_RUNS; run += 1) {
      const rows = contactRows(N, `bulk${run}`);
      await contacts.createMany({ data: rows });
      counter.reset();
      const timed = await time(() => invitations.bulk({ contacts: rows.map((row) => row.documentId), portalRole: 'buyer' }, {}));
      bulkStatements = counter.count;
      if (timed.result.invited.length !== N) throw new Error(`expected ${N} invited, got ${timed.result.invited.length} (${JSON.stringify(timed.result.skipped.slice(0, 3))})`);
      runs.push(timed.ms);
      // Its statistics refresh runs after the answer, in the background: not into the next run.
      await invitations.settled();
    }
    const bulk = { ms: median(runs) };
    const [outboxRows, activityRows] = await Promise.all([
      strapi.db.query('plugin::client-portal.outbox-message').count({ where: { template: 'invitation' } }),
      strapi.db.query('plugin::client-portal.activity').count({ where: { type: 'invited' } }),
    ]);
    const expected = N * BULK_RUNS + SINGLE + warm.length;
    if (outboxRows !== expected || activityRows !== expected) throw new Error(`expected ${expected} outbox and activity rows, got ${outboxRows} and ${activityRows}`);

    // One at a time through the single-invite service, on SINGLE contacts.
    const singles = contactRows(SINGLE, 'single');
    await contacts.createMany({ data: singles });
    const single = await time(async () => {
      for (const row of singles) await invitations.create({ contact: row.documentId, portalRole: 'buyer' }, {});
    });
    const singleExtrapolated = (single.ms / SINGLE) * N;

    note('bulk invite', db, `${N.toLocaleString('en')} invites, ${BULK_RUNS} runs: ${runs.map((ms) => `${round(ms / 1000)} s`).join(', ')} (the median is the figure)`);
    note('bulk invite', db, `statements: ${smallStatements} for ${SINGLE.toLocaleString('en')} invites, ${bulkStatements} for ${N.toLocaleString('en')} (they grow per batch of rows, not per row)`);
    result({
      name: `bulk invite of ${N.toLocaleString('en')}`,
      db,
      value: round(bulk.ms / 1000),
      unit: 's',
      baseline: round(bare.ms / 1000),
      baselineLabel: `knex batchInsert of ${N.toLocaleString('en')} bare rows`,
      ratio: round(bulk.ms / bare.ms, 1),
      goal: { on: 'value', op: '<=', target: GOAL_SECONDS[db], text: `≤ ${GOAL_SECONDS[db]} s` },
    });
    result({
      name: `bulk invite vs one at a time`,
      db,
      value: round(bulk.ms / 1000),
      unit: 's',
      baseline: round(singleExtrapolated / 1000, 1),
      baselineLabel: `single-invite service, ${SINGLE.toLocaleString('en')} timed (${round(single.ms / 1000, 1)} s), extrapolated to ${N.toLocaleString('en')}`,
      ratio: round(singleExtrapolated / bulk.ms, 1),
      goal: { on: 'ratio', op: '>=', target: 20, text: '≥ 20× faster' },
    });
  } finally {
    await strapi.destroy();
  }
});
