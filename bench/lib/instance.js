#!/usr/bin/env node
/**
 * One Strapi instance in its own process for the benchmarks that need several (delivery, memory, scale), on the
 * database, SMTP and secrets of its environment (instances of one office share their secrets). It prints
 * `READY {"baseUrl","rssMb"}` once booted, then answers each stdin command with one JSON line:
 *   seed          20 properties with photos offered to a client: { jwt }
 *   bulk          a bulk invite of 10,000 new contacts: { rssMb } (resident once garbage is collected)
 *   create-many   Strapi's own createMany of 10,000 contacts: { rssMb } (the same)
 *   token         a read-only API token: { apiToken }
 *   start-outbox  starts the outbox worker: { ok }
 *   stop-outbox   stops it once its current batch is done: { ok }
 *   lookups N     about N invitations and 300 probes for the look-ups benchmark (bench/lib/lookup-data.js)
 *   cpu           CPU time of this process so far, and the SQL statements sent on its connection: { ms, statements }
 *   sample-start / sample-stop   peak resident memory in between, sampled every 100 ms: { rssMb }
 *   stop          stops the instance
 */
const readline = require('readline');
const { bootStrapi, baseEnv, statementCounter } = require('./boot');
const { cpuMs, rssMb } = require('./measure');
const { contactRows } = require('./seed');

const N = 10_000;
/**
 * Resident memory in MB once the garbage is collected (the process runs with --expose-gc): read right after a write,
 * it depended on whether V8 had collected yet (the same bulk invite gave 318–397 MB in one run).
 */
const retainedMb = () => {
  global.gc?.();
  return rssMb();
};
(async () => {
  for (const [key, value] of Object.entries(baseEnv())) if (process.env[key] === undefined) process.env[key] = value;
  const { strapi, baseUrl } = await bootStrapi({ listen: true });
  const statements = statementCounter(strapi);
  const answer = (value) => process.stdout.write(`${JSON.stringify(value)}\n`);
  process.stdout.write(`READY ${JSON.stringify({ baseUrl, rssMb: rssMb() })}\n`);
  let peak = 0;
  let sampler = null;
  const commands = {
    seed: async () => ({ jwt: (await require('./seed').seedPortal(strapi)).jwt, rssMb: rssMb() }),
    bulk: async () => {
      const rows = contactRows(N, `bulk-${process.pid}`);
      await strapi.db.query('api::contact.contact').createMany({ data: rows });
      await strapi.plugin('client-portal').service('invitations').bulk({ contacts: rows.map((row) => row.documentId), portalRole: 'buyer' }, {});
      await strapi.plugin('client-portal').service('invitations').settled();
      return { rssMb: retainedMb() };
    },
    'create-many': async () => {
      await strapi.db.query('api::contact.contact').createMany({ data: contactRows(N, `plain-${process.pid}`) });
      return { rssMb: retainedMb() };
    },
    token: async () => ({ apiToken: (await strapi.service('admin::api-token').create({ name: `bench-${Date.now()}`, type: 'read-only', lifespan: null, permissions: [] })).accessKey }),
    'start-outbox': async () => {
      strapi.plugin('client-portal').service('outbox').start();
      return { ok: true };
    },
    'stop-outbox': async () => {
      await strapi.plugin('client-portal').service('outbox').stop();
      return { ok: true };
    },
    lookups: async (rows) => require('./lookup-data').prepareLookups(strapi, Number(rows)),
    cpu: async () => ({ ms: Math.round(cpuMs()), statements: statements.count }),
    'sample-start': async () => {
      peak = rssMb();
      sampler = setInterval(() => {
        peak = Math.max(peak, rssMb());
      }, 100);
      return { ok: true };
    },
    'sample-stop': async () => {
      clearInterval(sampler);
      return { rssMb: Math.max(peak, rssMb()) };
    },
  };
  for await (const line of readline.createInterface({ input: process.stdin })) {
    if (line === 'stop') break;
    const [name, ...args] = line.split(' ');
    const command = commands[name];
    answer(command ? await command(...args) : { error: `unknown command ${line}` });
  }
  await strapi.destroy();
  process.exit(0);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
