#!/usr/bin/env node
/**
 * `npm run bench`: every scenario on SQLite and PostgreSQL (or one with `--db sqlite|postgres`), each in a fresh
 * process on a fresh database, against a baseline measured in the same run. Prints one table (figure, baseline,
 * ratio, goal, met) and writes bench/results.json. Benchmarks are not tests: nothing here fails `npm test`.
 *
 *   npm run bench                          all scenarios, both databases
 *   npm run bench -- --db postgres         one database
 *   npm run bench -- --only bulk-invite    some scenarios (comma-separated names of bench/scenarios/*.js)
 *   npm run bench -- --scale               the two-instance layout behind nginx (PostgreSQL and Redis)
 *
 * BENCH_DURATION_SEC / BENCH_ROUNDS set the length of each load run and how many interleaved rounds are made.
 */
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');
process.chdir(root);

const args = process.argv.slice(2);
const option = (name) => {
  const index = args.indexOf(`--${name}`);
  if (index >= 0) return args[index + 1];
  const inline = args.find((arg) => arg.startsWith(`--${name}=`));
  return inline ? inline.slice(name.length + 3) : undefined;
};

const SCENARIOS = ['bulk-invite', 'portal-reads', 'lookups', 'delivery', 'memory'];
const available = (name) => fs.existsSync(path.join(__dirname, 'scenarios', `${name}.js`));
const scale = args.includes('--scale');
const only = option('only')?.split(',').map((name) => name.trim());
const scenarios = scale ? ['scale'] : (only ?? SCENARIOS).filter(available);
const unknown = (only ?? []).filter((name) => !available(name));
if (unknown.length) {
  console.error(`Unknown scenario: ${unknown.join(', ')} (there are: ${SCENARIOS.filter(available).join(', ')})`);
  process.exit(2);
}
const dbOption = option('db');
if (dbOption && !['sqlite', 'postgres'].includes(dbOption)) {
  console.error('--db must be sqlite or postgres');
  process.exit(2);
}
const databases = scale ? ['postgres'] : dbOption ? [dbOption] : ['sqlite', 'postgres'];

const machine = () => ({
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model?.trim() ?? 'unknown',
  memoryGb: Math.round(os.totalmem() / 1024 ** 3),
  platform: `${os.type()} ${os.release()}`,
  node: process.version,
  loadAverage: os.loadavg().map((value) => Math.round(value * 100) / 100),
});

/** Runs one scenario in its own process; answers its figures and notes. */
const runOne = (name, db, appDirs) =>
  new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [path.join(__dirname, 'scenarios', `${name}.js`), `--db=${db}`], {
      env: { ...process.env, BENCH_APP_DIRS: JSON.stringify(appDirs) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const results = [];
    const notes = [];
    let buffer = '';
    child.stdout.on('data', (chunk) => {
      buffer += chunk;
      let newline;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        if (line.startsWith('BENCH_RESULT ')) results.push(JSON.parse(line.slice(13)));
        else if (line.startsWith('BENCH_NOTE ')) notes.push(JSON.parse(line.slice(11)));
        else if (line.trim()) process.stdout.write(`  ${line}\n`);
      }
    });
    child.on('exit', (code) => resolve({ name, db, code, seconds: Math.round((Date.now() - started) / 1000), results, notes }));
  });

const pad = (value, width) => String(value).padEnd(width);
const printTable = (rows) => {
  const header = ['figure', 'db', 'value', 'baseline', 'ratio', 'goal', 'met'];
  const lines = rows.map((row) => [row.name, row.db, `${row.value} ${row.unit}`, `${row.baseline} ${row.unit}`, `${row.ratio}×`, row.goal, row.met ? 'yes' : 'NO']);
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => String(line[column]).length)));
  const line = (cells) => `| ${cells.map((cell, column) => pad(cell, widths[column])).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
  for (const cells of lines) console.log(line(cells));
};

const file = path.join(__dirname, 'results.json');

const main = async () => {
  // Compile the app once; every scenario process boots from the compiled directories.
  const { compileStrapi } = require('@strapi/strapi');
  const appDirs = await compileStrapi();
  const runs = [];
  for (const name of scenarios) {
    for (const db of databases) {
      console.log(`— ${name} on ${db}`);
      const run = await runOne(name, db, appDirs);
      for (const entry of run.notes) console.log(`  ${entry.name}: ${entry.text}`);
      if (run.code !== 0) console.log(`  ${name} on ${db} FAILED (exit code ${run.code})`);
      runs.push(run);
    }
  }
  const date = new Date().toISOString();
  const results = runs.flatMap((run) => run.results.map((entry) => ({ scenario: run.name, ...entry })));
  console.log('');
  printTable(results);
  const failed = runs.filter((run) => run.code !== 0);
  const missed = results.filter((entry) => !entry.met);
  console.log(`\n${results.length} figures, ${results.length - missed.length} meet their goal${failed.length ? `; ${failed.length} scenario runs failed: ${failed.map((run) => `${run.name}/${run.db}`).join(', ')}` : ''}`);

  const host = machine();
  // A partial run (--only, --db) keeps the earlier figures of the scenarios and databases it did not run, as long
  // as those scenarios still exist (bench/scenarios/*.js).
  const ran = new Set(runs.map((run) => `${run.name}/${run.db}`));
  const previous = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : { results: [], notes: [] };
  const keep = (entry) => available(entry.scenario) && !ran.has(`${entry.scenario}/${entry.db}`);
  const kept = (previous.results ?? []).filter(keep);
  const keptNotes = (previous.notes ?? []).filter(keep);
  const payload = {
    date,
    machine: host,
    results: [...kept, ...results.map((entry) => ({ ...entry, machine: host, date }))],
    notes: [...keptNotes, ...runs.flatMap((run) => run.notes.map((entry) => ({ scenario: run.name, ...entry, date })))],
    failed: failed.map((run) => ({ scenario: run.name, db: run.db, exitCode: run.code })),
  };
  fs.writeFileSync(file, `${JSON.stringify(payload, null, 2)}\n`);
  console.log(`written to ${path.relative(root, file)}`);
  process.exit(failed.length ? 1 : 0);
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
