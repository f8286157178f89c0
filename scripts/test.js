#!/usr/bin/env node
/**
 * `npm test`: compiles the plugin's server, builds the reference portal, builds the admin panel when it is missing or stale, then runs the admin
 * component tests (jsdom, `jest.admin.config.js`) and the API, unit and browser tests (`jest --runInBand` on SQLite)
 * at the same time — they share nothing — and fails when either fails. Arguments go to the main jest run (CI passes
 * `--json --outputFile=…`). The component tests write to .tmp/tests/admin.log; their summary is printed at the end, and
 * all of it when they fail.
 */
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const jest = require.resolve('jest/bin/jest', { paths: [root] });
const step = (command, args) => spawnSync(command, args, { cwd: root, stdio: 'inherit' }).status;

if (step('npm', ['run', '-s', 'build:plugin']) !== 0) process.exit(1);
if (step('npm', ['run', '-s', 'build:portal']) !== 0) process.exit(1);
if (step(process.execPath, [path.join(__dirname, 'ensure-admin-build.js')]) !== 0) process.exit(1);

const logFile = path.join(root, '.tmp', 'tests', 'admin.log');
fs.mkdirSync(path.dirname(logFile), { recursive: true });
const log = fs.openSync(logFile, 'w');
const finished = (child) => new Promise((resolve) => child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0))));

const admin = spawn(process.execPath, [jest, '--config', 'jest.admin.config.js'], { cwd: root, stdio: ['ignore', log, log] });
const main = spawn(process.execPath, [jest, '--runInBand', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    admin.kill(signal);
    main.kill(signal);
  });
}

Promise.all([finished(admin), finished(main)]).then(([adminCode, mainCode]) => {
  fs.closeSync(log);
  const output = fs.readFileSync(logFile, 'utf8');
  const summary = output.split('\n').filter((line) => /^(Test Suites|Tests|Time):/.test(line));
  process.stdout.write(`\n--- admin component tests (${logFile}) ---\n${adminCode === 0 ? summary.join('\n') : output}\n`);
  process.exit(adminCode === 0 && mainCode === 0 ? 0 : 1);
});
