#!/usr/bin/env node
/** Regenerates types/generated and fails when they differ from what is committed. */
const { execFileSync, spawnSync } = require('child_process');
const path = require('path');

const root = path.resolve(__dirname, '..');
const run = spawnSync('npm', ['run', '-s', 'types:generate'], { cwd: root, stdio: 'inherit', env: { ...process.env, LOG_LEVEL: 'error' } });
if (run.status !== 0) process.exit(run.status ?? 1);
const diff = execFileSync('git', ['status', '--porcelain', '--', 'types/generated'], { cwd: root, encoding: 'utf8' });
if (diff.trim()) {
  console.error('types/generated is out of date; run `npm run types:generate` and commit the result:\n' + diff);
  process.exit(1);
}
console.log('types/generated is current.');
