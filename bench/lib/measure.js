/**
 * Measuring helpers shared by the scenarios: load runs (autocannon in a child process, or wrk), interleaved comparisons,
 * statements per request, resident memory and CPU use.
 */
const { execFile } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const LOAD = path.join(__dirname, 'load.js');

/** One autocannon run against `target` ({ url, method, headers, body }). */
const loadRun = (target, { connections = 10, durationSec = 5 } = {}) =>
  new Promise((resolve, reject) => {
    execFile(process.execPath, [LOAD, JSON.stringify({ ...target, connections, durationSec })], { maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`load run failed: ${stderr || error.message}`));
      resolve(JSON.parse(stdout.trim().split('\n').pop()));
    });
  });

const WRK = ['/usr/bin/wrk', '/usr/local/bin/wrk'].find((file) => fs.existsSync(file));
/** Milliseconds in a wrk duration ("812.00us", "3.21ms", "1.02s"). */
const wrkMs = (text) => {
  const found = /^([\d.]+)(us|ms|s|m|h)$/.exec(text);
  if (!found) throw new Error(`a duration of "${text}"`);
  return Number(found[1]) * { us: 0.001, ms: 1, s: 1000, m: 60000, h: 3600000 }[found[2]];
};
/**
 * One wrk run (a load generator in C, one thread) against `target` ({ url, headers }, GET only): the same answer as
 * loadRun. Its CPU time comes from the shell that waited for it (cutime + cstime in /proc/self/stat).
 */
const wrkRun = (target, { connections = 10, durationSec = 5 } = {}) =>
  new Promise((resolve, reject) => {
    if (!WRK) return reject(new Error('wrk is not installed: apt-get install -y wrk (Debian), then run again'));
    if ((target.method ?? 'GET') !== 'GET' || target.body !== undefined) return reject(new Error('wrkRun sends GET requests without a body only'));
    if (!Number.isInteger(durationSec) || durationSec < 1) return reject(new Error(`wrk runs whole seconds, not ${durationSec}`));
    const headers = Object.entries(target.headers ?? {}).flatMap(([name, value]) => ['-H', `${name}: ${value}`]);
    const args = ['-t1', `-c${connections}`, `-d${durationSec}s`, '--latency', ...headers, target.url];
    const script = '"$0" "$@"; status=$?; read -r stat < /proc/$$/stat; echo "shell-stat $stat"; exit $status';
    execFile('bash', ['-c', script, WRK, ...args], { maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`wrk failed: ${stderr || error.message}`));
      try {
        const match = (pattern) => {
          const found = pattern.exec(stdout);
          if (!found) throw new Error(`no ${pattern} in its output`);
          return found;
        };
        const [, total, elapsed] = match(/(\d+) requests in ([\d.]+\w+)/);
        const seconds = wrkMs(elapsed) / 1000;
        const percentile = (p) => wrkMs(match(new RegExp(`^\\s+${p}%\\s+(\\S+)`, 'm'))[1]);
        const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(stdout);
        const stat = match(/shell-stat (.*)/)[1];
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        resolve({
          requests: Number(total),
          durationSec: seconds,
          rps: Number(total) / seconds,
          p50: percentile(50),
          p99: percentile(99),
          errors: socket ? socket.slice(1).reduce((sum, count) => sum + Number(count), 0) : 0,
          non2xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(stdout)?.[1] ?? 0),
          cpuMs: (Number(fields[13]) + Number(fields[14])) * 10,
        });
      } catch (parseError) {
        reject(new Error(`wrk's output not understood (${parseError.message}):\n${stdout}`));
      }
    });
  });

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * Runs `subject` and `baseline` alternately (`rounds` times each), so both meet the same machine noise. Before the
 * rounds, one warm-up run of each (`warmupSec`), or with `steady` ({ maxPairs, within }) pairs of runs of both until
 * neither side's last two runs beat its best run before them by more than `within` (one slow run alone does not end
 * the warm-up; at least three pairs, at most `maxPairs`). `load` makes a
 * run (autocannon's loadRun unless told); `around(run)`, if given, makes each measured run and may add to its answer
 * (CPU spent, say). Answers per side: requests per second over all rounds, the median of the rounds' median
 * latencies, any errors or non-2xx answers (a run with errors is not a valid figure), and the runs themselves; and
 * the warm-up's requests per second per side, with `steady` false when it still rose at the end.
 */
const interleaved = async (subject, baseline, { rounds = 3, durationSec = 5, connections = 10, warmupSec = 2, steady = null, load = loadRun, around = (run) => run() } = {}) => {
  const targets = { subject, baseline };
  const sides = ['subject', 'baseline'];
  const warmup = { subject: [], baseline: [], steady: true };
  const rising = (list) => list.length < 3 || Math.max(...list.slice(-2)) > Math.max(...list.slice(0, -2)) * steady.within;
  do {
    for (const side of sides) warmup[side].push((await load(targets[side], { connections, durationSec: steady ? durationSec : warmupSec })).rps);
  } while (steady && warmup.subject.length < Math.max(3, steady.maxPairs) && (rising(warmup.subject) || rising(warmup.baseline)));
  if (steady) warmup.steady = !rising(warmup.subject) && !rising(warmup.baseline);
  const runs = { subject: [], baseline: [] };
  for (let round = 0; round < rounds; round += 1) {
    // Alternate which side goes first, so neither always follows the other.
    const order = round % 2 === 0 ? sides : [...sides].reverse();
    for (const side of order) runs[side].push(await around(() => load(targets[side], { connections, durationSec })));
  }
  const summary = (list) => ({
    rps: list.reduce((sum, run) => sum + run.requests, 0) / list.reduce((sum, run) => sum + run.durationSec, 0),
    p50: median(list.map((run) => run.p50)),
    errors: list.reduce((sum, run) => sum + run.errors + run.non2xx, 0),
    runs: list,
  });
  return { subject: summary(runs.subject), baseline: summary(runs.baseline), warmup };
};

/** Waits until the server holds no open connection (a load run's last requests have been answered). */
const idle = async (strapi, timeoutMs = 60_000) => {
  const started = Date.now();
  for (;;) {
    const open = await new Promise((resolve, reject) => strapi.server.httpServer.getConnections((error, count) => (error ? reject(error) : resolve(count))));
    if (open === 0) return;
    if (Date.now() - started > timeoutMs) throw new Error(`the server still holds ${open} connections after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

/** Waits until no statement has been sent for `quietMs` (work a load run left behind has finished). */
const quiet = async (strapi, quietMs = 300, timeoutMs = 60_000) => {
  let last = Date.now();
  const listener = () => {
    last = Date.now();
  };
  const client = strapi.db.connection.client;
  client.on('query', listener);
  const started = Date.now();
  try {
    while (Date.now() - last < quietMs) {
      if (Date.now() - started > timeoutMs) throw new Error(`statements kept coming for ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  } finally {
    client.removeListener('query', listener);
  }
};

/** Statements sent on the connection while `fn` runs (one request, say), once the server is idle and quiet. */
const statementsDuring = async (strapi, fn) => {
  await idle(strapi);
  await quiet(strapi);
  let count = 0;
  const statements = [];
  const listener = (query) => {
    count += 1;
    if (process.env.BENCH_SQL) statements.push(query.sql);
  };
  const client = strapi.db.connection.client;
  client.on('query', listener);
  try {
    await fn();
  } finally {
    client.removeListener('query', listener);
  }
  if (process.env.BENCH_SQL) process.stderr.write(`${statements.map((sql) => `  ${sql.slice(0, 200)}`).join('\n')}\n`);
  return count;
};

const rssMb = () => Math.round((process.memoryUsage().rss / 1024 / 1024) * 10) / 10;

/** CPU time (user + system, ms) of this process so far. */
const cpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

/** CPU milliseconds the machine's cores have spent busy, and idle, so far (all processes). */
const machineCpu = () => os.cpus().reduce((sum, cpu) => sum + cpu.times.user + cpu.times.nice + cpu.times.sys + cpu.times.irq, 0);
const machineIdle = () => os.cpus().reduce((sum, cpu) => sum + cpu.times.idle, 0);
/**
 * CPU milliseconds spent so far by the processes of each command name in `names` (one pass over Linux /proc; 0
 * elsewhere): { [name]: ms }.
 */
const processCpu = (names) => {
  const ticks = Object.fromEntries(names.map((name) => [name, 0]));
  try {
    for (const pid of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        if (!(name in ticks)) continue;
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        ticks[name] += Number(fields[11]) + Number(fields[12]);
      } catch {
        // gone meanwhile
      }
    }
  } catch {
    // no /proc: zeros
  }
  return Object.fromEntries(Object.entries(ticks).map(([name, count]) => [name, count * 10])); // USER_HZ is 100 on Linux
};
/** CPU milliseconds of the PostgreSQL server's processes so far. */
const databaseCpu = () => processCpu(['postgres']).postgres;
module.exports = { loadRun, interleaved, statementsDuring, idle, median, rssMb, cpuMs, machineCpu, machineIdle, databaseCpu, processCpu, wrkRun, wrkInstalled: Boolean(WRK) };

/**
 * Starts bench/lib/instance.js with `env` added to this process's; resolves once it is READY with
 * { baseUrl, rssMb, ask(command) → JSON answer, stop(), pid }.
 */
const startInstance = (env = {}) =>
  new Promise((resolve, reject) => {
    const { spawn } = require('child_process');
    const readline = require('readline');
    // --expose-gc: the memory scenario reads what stays resident after a write once garbage is collected.
    const child = spawn(process.execPath, ['--expose-gc', path.join(__dirname, 'instance.js')], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'inherit'] });
    const waiting = [];
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('READY ')) resolve({ ...JSON.parse(line.slice(6)), ask, stop, pid: child.pid });
      else if (line.startsWith('{')) waiting.shift()?.answer(JSON.parse(line));
    });
    child.on('exit', (code) => {
      if (!code) return;
      const error = new Error(`instance exited with code ${code}`);
      reject(error);
      for (const question of waiting.splice(0)) question.fail(error);
    });
    const ask = (command) =>
      new Promise((answer, fail) => {
        waiting.push({ answer, fail });
        child.stdin.write(`${command}\n`);
      });
    const stop = () =>
      new Promise((done) => {
        child.on('exit', done);
        child.stdin.write('stop\n');
      });
  });

module.exports.startInstance = startInstance;
