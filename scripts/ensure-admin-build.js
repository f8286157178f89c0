#!/usr/bin/env node
/**
 * Builds the admin panel (dist/build) when it is missing or older than the plugin's admin code, so the admin
 * browser tests run against the current UI. `npm run build` does the same unconditionally.
 */
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const root = path.resolve(__dirname, '..');
const built = path.join(root, 'dist', 'build', 'index.html');

const newest = (dir) => {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
  }
  return latest;
};

const sources = [path.join(root, 'src', 'plugins', 'client-portal', 'admin', 'src'), path.join(root, 'src', 'admin')].filter((dir) => fs.existsSync(dir));
const stale = !fs.existsSync(built) || sources.some((dir) => newest(dir) > fs.statSync(built).mtimeMs) || fs.statSync(path.join(root, 'package-lock.json')).mtimeMs > fs.statSync(built).mtimeMs;

if (stale) {
  console.log('Building the admin panel for the browser tests (about a minute)…');
  const result = spawnSync(path.join(root, 'node_modules', '.bin', 'strapi'), ['build'], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  process.exit(result.status ?? 1);
}
