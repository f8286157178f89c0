#!/usr/bin/env node
/**
 * `npm run bench -- --scale`: the production layout on this machine — two instances on one PostgreSQL, rate limits
 * in Redis, behind nginx (Debian's package) — against one instance behind the same nginx. Measures the combined
 * portal-read throughput (runs interleaved) and shows the per-client rate limits holding through the proxy: one
 * budget per client address across both instances, another address with a budget of its own.
 */
const crypto = require('crypto');
const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');
const { spawn, execFileSync } = require('child_process');
const { root, runScenario } = require('../lib/boot');
const measure = require('../lib/measure');
const { startInstance, interleaved, machineIdle, processCpu } = measure;
// The load generator shares the two cores with what it measures: wrk (C) spends about a tenth of the CPU per
// request that autocannon (Node) does. BENCH_SCALE_LOAD=autocannon measures with autocannon instead.
const LOAD_TOOL = process.env.BENCH_SCALE_LOAD || 'wrk';
const loadRun = { wrk: measure.wrkRun, autocannon: measure.loadRun }[LOAD_TOOL];
const { result, note, round } = require('../lib/result');

const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((file) => fs.existsSync(file));
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const DURATION = Number(process.env.BENCH_DURATION_SEC || 5);
const ROUNDS = Number(process.env.BENCH_SCALE_ROUNDS || 5);
const WARMUP_MAX_PAIRS = Number(process.env.BENCH_SCALE_WARMUP_MAX_PAIRS || 8);
const WARMUP_STEADY = 1.03;
const INFO_LIMIT = 20;
/** The processes the instances share the cores with, by command name (their CPU is printed per request). */
const SHARED = ['postgres', 'nginx', 'redis-server'];

const freePort = () =>
  new Promise((resolve) => {
    const server = http.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/** nginx in the foreground with one server per upstream list: { url(name), stop() }. */
const startNginx = async (upstreams) => {
  const dir = path.join(root, '.tmp', `bench-nginx-${process.pid}`);
  fs.mkdirSync(dir, { recursive: true });
  const ports = {};
  const servers = [];
  for (const [name, targets] of Object.entries(upstreams)) {
    ports[name] = await freePort();
    servers.push(`  upstream ${name} { ${targets.map((target) => `server ${target};`).join(' ')} keepalive 32; }
  server {
    listen 127.0.0.1:${ports[name]};
    location / {
      proxy_pass http://${name};
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
    }
  }`);
  }
  const conf = path.join(dir, 'nginx.conf');
  fs.writeFileSync(
    conf,
    `daemon off;
worker_processes 1;
pid ${path.join(dir, 'nginx.pid')};
error_log ${path.join(dir, 'error.log')} warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fastcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
${servers.join('\n')}
}
`,
  );
  execFileSync(NGINX, ['-t', '-q', '-c', conf, '-p', dir]);
  const child = spawn(NGINX, ['-c', conf, '-p', dir], { stdio: 'inherit' });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  let gone = false;
  exited.then(() => {
    gone = true;
  });
  const stop = async () => {
    if (!gone) child.kill('SIGQUIT');
    await exited;
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const port of Object.values(ports)) {
      for (let tries = 0; ; tries += 1) {
        if (gone) throw new Error(`nginx exited at start (a port taken meanwhile?): ${fs.existsSync(path.join(dir, 'error.log')) ? fs.readFileSync(path.join(dir, 'error.log'), 'utf8') : ''}`);
        const up = await new Promise((resolve) => http.get(`http://127.0.0.1:${port}/`, (res) => resolve(res.resume() && true)).on('error', () => resolve(false)));
        if (up) break;
        if (tries > 200) throw new Error('nginx did not answer within 5 s');
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: (name) => `http://127.0.0.1:${ports[name]}`, stop };
};

/** GET `url` from the loopback address `localAddress` (another client, as nginx sees it); answers the status. */
const statusFrom = (url, localAddress) => new Promise((resolve, reject) => http.get(url, { localAddress }, (res) => resolve(res.resume() && res.statusCode)).on('error', reject));

runScenario(async (db) => {
  if (db !== 'postgres') throw new Error('the scale layout runs on PostgreSQL: npm run bench -- --scale');
  if (!NGINX) throw new Error('nginx is not installed: apt-get install -y nginx-light (Debian), then run again');
  if (!loadRun) throw new Error(`BENCH_SCALE_LOAD must be wrk or autocannon, not ${LOAD_TOOL}`);
  if (LOAD_TOOL === 'wrk' && !measure.wrkInstalled) throw new Error('wrk is not installed: apt-get install -y wrk (Debian), then run again (or BENCH_SCALE_LOAD=autocannon)');
  const env = {
    APP_KEYS: `${crypto.randomBytes(16).toString('base64')},${crypto.randomBytes(16).toString('base64')}`,
    JWT_SECRET: crypto.randomBytes(16).toString('base64'),
    ADMIN_JWT_SECRET: crypto.randomBytes(16).toString('base64'),
    API_TOKEN_SALT: crypto.randomBytes(16).toString('base64'),
    REDIS_URL,
    RATE_LIMIT_PREFIX: `bench-${crypto.randomBytes(4).toString('hex')}`,
    PORTAL_RATE_LIMITS: JSON.stringify({ portalInfo: { ip: { points: INFO_LIMIT, durationSec: 600 } } }),
    IS_PROXIED: 'true',
    TRUSTED_PROXY_HOPS: '1',
  };
  const instances = [];
  let nginx = null;
  try {
    const first = await startInstance(env);
    instances.push(first);
    const second = await startInstance(env);
    instances.push(second);
    const target = (instance) => new URL(instance.baseUrl).host;
    nginx = await startNginx({ one: [target(first)], two: [target(first), target(second)] });
    const { jwt } = await first.ask('seed');
    const read = (name) => ({ url: `${nginx.url(name)}/api/client-portal/properties?pageSize=20`, headers: { authorization: `Bearer ${jwt}` } });

    // Rate limits through the proxy: both instances share one budget per client address (Redis), and the address
    // is the one nginx saw. A second client address has its own budget.
    const info = (address) => statusFrom(`${nginx.url('two')}/api/client-portal/portals/office`, address);
    const statuses = [];
    for (let i = 0; i < INFO_LIMIT + 5; i += 1) statuses.push(await info('127.0.0.1'));
    const allowed = statuses.filter((status) => status === 200).length;
    const limited = statuses.filter((status) => status === 429).length;
    const other = await info('127.0.0.2');
    if (allowed !== INFO_LIMIT || limited !== 5 || other !== 200) throw new Error(`rate limits through the proxy: ${allowed} allowed, ${limited} limited, another client ${other}`);
    note('scale', db, `rate limits through nginx across two instances: ${INFO_LIMIT} of ${INFO_LIMIT + 5} requests from one client allowed, the other 5 answered 429; a second client address was allowed`);

    // Warm-up in pairs of runs, two instances then one, until neither layout's throughput still rises (its last two
    // runs no more than 3 % above its best run before them). Each instance opens its database connections as the load
    // needs them and tiers up its code as it runs: with a fixed warm-up, the second instance (half the load) stayed
    // colder than the first, and the rounds of two instances kept rising. Then rounds alternate the layouts (two,
    // one, one, two, …) so both meet the same machine; each run records the CPU of every part and how busy the
    // machine was.
    const withCpu = async (run) => {
      const instancesBefore = [(await first.ask('cpu')).ms, (await second.ask('cpu')).ms];
      const [sharedBefore, idleBefore, started] = [processCpu(SHARED), machineIdle(), Date.now()];
      const answer = await run();
      const elapsed = Date.now() - started;
      const [instancesAfter, sharedAfter] = [[(await first.ask('cpu')).ms, (await second.ask('cpu')).ms], processCpu(SHARED)];
      return {
        ...answer,
        instanceMs: instancesAfter.map((ms, index) => ms - instancesBefore[index]),
        sharedMs: Object.fromEntries(SHARED.map((name) => [name, sharedAfter[name] - sharedBefore[name]])),
        busy: 1 - (machineIdle() - idleBefore) / (elapsed * os.cpus().length),
      };
    };
    const measured = await interleaved(read('two'), read('one'), {
      rounds: ROUNDS,
      durationSec: DURATION,
      steady: { maxPairs: WARMUP_MAX_PAIRS, within: WARMUP_STEADY },
      load: loadRun,
      around: withCpu,
    });
    const rps = (runs) => runs.map(Math.round).join(', ');
    const { warmup } = measured;
    note('scale', db, `warm-up, runs of ${DURATION} s: ${rps(warmup.subject)} req/s with two instances, ${rps(warmup.baseline)} with one${warmup.steady ? '' : ` (still rising after ${WARMUP_MAX_PAIRS} pairs)`}`);
    const sides = { two: measured.subject.runs, one: measured.baseline.runs };
    const sum = (runs, pick) => runs.reduce((total, run) => total + pick(run), 0);
    const summary = (runs) => {
      const requests = sum(runs, (run) => run.requests);
      return {
        rps: requests / sum(runs, (run) => run.durationSec),
        errors: sum(runs, (run) => run.errors + run.non2xx),
        instanceMsPerRequest: [0, 1].map((index) => sum(runs, (run) => run.instanceMs[index]) / requests),
        sharedMsPerRequest: Object.fromEntries(SHARED.map((name) => [name, sum(runs, (run) => run.sharedMs[name]) / requests])),
        loadMsPerRequest: sum(runs, (run) => run.cpuMs) / requests,
        busy: sum(runs, (run) => run.busy) / runs.length,
      };
    };
    const [subject, baseline] = [summary(sides.two), summary(sides.one)];
    if (subject.errors || baseline.errors) throw new Error(`errors under load: ${subject.errors} with two instances, ${baseline.errors} with one`);
    const perRequest = (side) =>
      `instances ${side.instanceMsPerRequest.map((ms) => ms.toFixed(2)).join(' + ')} ms, PostgreSQL ${side.sharedMsPerRequest.postgres.toFixed(2)} ms, nginx ${side.sharedMsPerRequest.nginx.toFixed(2)} ms, Redis ${side.sharedMsPerRequest['redis-server'].toFixed(2)} ms, load generator (${LOAD_TOOL}) ${side.loadMsPerRequest.toFixed(2)} ms`;
    note('scale', db, `CPU per request, one instance: ${perRequest(baseline)}; machine ${Math.round(baseline.busy * 100)} % busy of ${os.cpus().length} cores`);
    note('scale', db, `CPU per request, two instances: ${perRequest(subject)}; machine ${Math.round(subject.busy * 100)} % busy (all of them share the cores)`);
    note('scale', db, `rounds of ${DURATION} s: ${rps(sides.two.map((run) => run.rps))} req/s with two instances, ${rps(sides.one.map((run) => run.rps))} with one`);
    result({
      name: 'portal reads, two instances behind nginx',
      db,
      value: round(subject.rps, 0),
      unit: 'req/s',
      baseline: round(baseline.rps, 0),
      baselineLabel: 'one instance behind the same nginx',
      ratio: round(subject.rps / baseline.rps),
      goal: { on: 'ratio', op: '>=', target: 1.3, text: 'ratio ≥ 1.3' },
    });
  } finally {
    await nginx?.stop();
    await Promise.all(instances.map((instance) => instance.stop()));
  }
});
