#!/usr/bin/env node
/**
 * Delivery: 10,000 queued invitation emails sent by the outbox worker to a loopback SMTP sink (pooled transport),
 * none lost and none twice, against nodemailer sending as many bare messages over the same pooled transport
 * (SMTP's own pace here). On PostgreSQL, two instances share the queue: their combined rate against one instance's,
 * with the CPU use of each process and of the whole machine printed (2 cores share instances, database and sink).
 * The instances live through the whole scenario and are warmed up first, as long-running instances are; rounds of
 * one instance and of two alternate (BENCH_DELIVERY_ROUNDS each, 3 by default) and each figure is the median round.
 */
const os = require('os');
const path = require('path');
const nodemailer = require('nodemailer');
const { bootStrapi, runScenario, root } = require('../lib/boot');
const { result, note, round } = require('../lib/result');
const { startInstance, median, cpuMs, machineCpu, machineIdle, databaseCpu } = require('../lib/measure');
const { startSink } = require('../lib/smtp');
const { contactRows } = require('../lib/seed');
const { withNoDelaySocket } = require(path.join(root, 'src', 'plugins', 'client-portal', 'dist', 'server', 'utils', 'smtp-socket.js'));

const N = Number(process.env.BENCH_EMAILS || 10000);
const WARMUP = Number(process.env.BENCH_WARMUP_EMAILS ?? 2000);
const ROUNDS = Number(process.env.BENCH_DELIVERY_ROUNDS || 3);
const OUTBOX = 'plugin::client-portal.outbox-message';


runScenario(async (db) => {
  const sink = await startSink();
  const smtpEnv = { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(sink.port), SMTP_SECURE: 'false', SMTP_IGNORE_TLS: 'true', EMAIL_FROM: 'Bench Agency <portal@agency.test>', PORTAL_URL: 'https://portal.agency.test' };
  Object.assign(process.env, smtpEnv);
  const { strapi } = await bootStrapi();
  const invitations = strapi.plugin('client-portal').service('invitations');
  const contacts = strapi.db.query('api::contact.contact');

  /** Queues N invitation emails (a bulk invite of N new contacts); answers their addresses. */
  const queue = async (tag, count = N) => {
    const rows = contactRows(count, tag);
    await contacts.createMany({ data: rows });
    const answer = await invitations.bulk({ contacts: rows.map((row) => row.documentId), portalRole: 'buyer' }, {});
    if (answer.invited.length !== count) throw new Error(`expected ${count} queued, got ${answer.invited.length}`);
    await invitations.settled();
    return rows.map((row) => row.email);
  };

  /**
   * Waits until the sink has all N and none of the queue waits; answers the seconds from `started`. The sink's count
   * is read in memory and the database asked only once it is complete, so waiting costs the machine nothing.
   */
  const drained = async (started, count = N, limitMs = 600_000) => {
    const elapsedMs = () => Number(process.hrtime.bigint() - started) / 1e6;
    for (;;) {
      if (sink.total >= count) {
        const waiting = await strapi.db.query(OUTBOX).findOne({ where: { status: { $in: ['queued', 'sending'] } }, select: ['id'] });
        if (!waiting) return elapsedMs() / 1000;
      }
      if (elapsedMs() > limitMs) throw new Error(`${sink.total} of ${count} emails arrived in ${limitMs / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  /**
   * The outbox of `instances` sends one queue of N (the others' workers stay stopped); answers rate, CPU and the
   * sink's check. The queue is written while every worker is stopped, so the clock starts with a full queue.
   */
  const send = async (instances, tag, count = N) => {
    const addresses = await queue(tag, count);
    sink.reset();
    const before = await Promise.all(instances.map((instance) => instance.ask('cpu')));
    const busyBefore = machineCpu();
    const databaseBefore = databaseCpu();
    const ownBefore = cpuMs();
    const idleBefore = machineIdle();
    const started = process.hrtime.bigint();
    await Promise.all(instances.map((instance) => instance.ask('start-outbox')));
    const seconds = await drained(started, count);
    const after = await Promise.all(instances.map((instance) => instance.ask('cpu')));
    const busy = machineCpu() - busyBefore;
    const database = databaseCpu() - databaseBefore;
    const own = cpuMs() - ownBefore;
    const idle = machineIdle() - idleBefore;
    await Promise.all(instances.map((instance) => instance.ask('stop-outbox')));
    const failed = await strapi.db.query(OUTBOX).count({ where: { status: 'failed', to: { $startsWith: `${tag}-` } } });
    const { lost, twice } = sink.check(addresses);
    if (lost || twice || failed) throw new Error(`${tag}: ${lost} lost, ${twice} sent twice, ${failed} failed`);
    const statements = after.reduce((sum, answer, i) => sum + answer.statements - before[i].statements, 0);
    return { rate: count / seconds, seconds, count, statements, instanceMs: after.map((answer, i) => answer.ms - before[i].ms), busy, idle, database, own };
  };

  /** Rounds of one layout together: the median round's rate; CPU shares over all its rounds. */
  const summary = (rounds) => {
    const seconds = rounds.reduce((sum, run) => sum + run.seconds, 0);
    const share = (ms) => round((ms / 1000 / seconds) * 100, 0);
    const total = (pick) => rounds.reduce((sum, run) => sum + pick(run), 0);
    return {
      rate: median(rounds.map((run) => run.rate)),
      rounds: rounds.map((run) => round(run.rate, 0)),
      instanceCpu: rounds[0].instanceMs.map((_, i) => share(total((run) => run.instanceMs[i]))),
      machine: round((total((run) => run.busy) / total((run) => run.busy + run.idle)) * 100, 0),
      database: share(total((run) => run.database)),
      sink: share(total((run) => run.own)),
      statementsPerEmail: round(total((run) => run.statements) / total((run) => run.count)),
    };
  };

  const cpuOthers = (run) => `${db === 'postgres' ? `PostgreSQL ${run.database} %, ` : ''}sink and bench ${run.sink} %`;

  try {
    // SMTP's own pace: nodemailer's pooled transport sending N bare messages to the same sink.
    const transport = nodemailer.createTransport(withNoDelaySocket({ host: '127.0.0.1', port: sink.port, secure: false, ignoreTLS: true, pool: true, maxConnections: 5 }));
    sink.reset();
    const rawStarted = process.hrtime.bigint();
    const pending = [];
    for (let i = 0; i < N; i += 1) pending.push(transport.sendMail({ from: 'portal@agency.test', to: `raw-${i}@client.test`, subject: 'Bench', text: 'Hello' }));
    await Promise.all(pending);
    const rawRate = N / (Number(process.hrtime.bigint() - rawStarted) / 1e9);
    transport.close();

    // Long-running instances, as in production: started once, warmed up by sending WARMUP emails each (their code
    // compiled and optimized), then measured in rounds that alternate one instance and two (PostgreSQL), so both
    // layouts meet the same machine; each figure is the median round.
    const layouts = db === 'postgres' ? [1, 2] : [1];
    const instances = [];
    for (let i = 0; i < Math.max(...layouts); i += 1) instances.push(await startInstance({ ...smtpEnv, APP_KEYS: strapi.config.get('server.app.keys').join(',') }));
    try {
      if (WARMUP > 0) await send(instances, 'warmup', WARMUP * instances.length);
      const runs = new Map(layouts.map((count) => [count, []]));
      for (let r = 0; r < ROUNDS; r += 1) {
        for (const count of r % 2 === 0 ? layouts : [...layouts].reverse()) runs.get(count).push(await send(instances.slice(0, count), `r${r}-${count}`));
      }
      const one = summary(runs.get(1));
      note('delivery', db, `one instance: ${N.toLocaleString('en')} emails a round, ${ROUNDS} rounds: ${one.rounds.join(', ')} emails/s, none lost, none twice, ${one.statementsPerEmail} statements per email; CPU: instance ${one.instanceCpu[0]} %, ${cpuOthers(one)}, machine ${one.machine} % of ${os.cpus().length} cores`);
      result({
        name: `delivery of ${N.toLocaleString('en')} queued emails, one instance`,
        db,
        value: round(one.rate, 0),
        unit: 'emails/s',
        baseline: round(rawRate, 0),
        baselineLabel: 'nodemailer alone, same pooled transport and sink',
        ratio: round(one.rate / rawRate),
        goal: { on: 'value', op: '>=', target: 500, text: '≥ 500 emails/s' },
      });

      if (runs.has(2)) {
        const two = summary(runs.get(2));
        note('delivery', db, `two instances: ${N.toLocaleString('en')} emails a round, ${ROUNDS} rounds between the one-instance rounds: ${two.rounds.join(', ')} emails/s, none lost, none twice, ${two.statementsPerEmail} statements per email; CPU: instances ${two.instanceCpu.join(' % and ')} %, ${cpuOthers(two)}, machine ${two.machine} % of ${os.cpus().length} cores`);
        result({
          name: 'delivery, two instances on one database',
          db,
          value: round(two.rate, 0),
          unit: 'emails/s',
          baseline: round(one.rate, 0),
          baselineLabel: 'one instance, rounds interleaved',
          ratio: round(two.rate / one.rate),
          goal: { on: 'ratio', op: '>=', target: 1.3, text: 'ratio ≥ 1.3' },
        });
      }
    } finally {
      await Promise.all(instances.map((instance) => instance.stop()));
    }
  } finally {
    await strapi.destroy();
    await sink.close();
  }
});
