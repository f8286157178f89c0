#!/usr/bin/env node
/**
 * Compiles the plugin's server (TypeScript → src/plugins/client-portal/dist/server), then removes compiled files whose
 * source is gone: a module that became a folder (services/invitations.ts → services/invitations/) would otherwise be
 * shadowed by its stale .js, which Node resolves first. Safe to run twice at once (both suites of CI do).
 */
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const plugin = path.join(__dirname, '..', 'src', 'plugins', 'client-portal');
const sources = path.join(plugin, 'server', 'src');
const output = path.join(plugin, 'dist', 'server');

execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(plugin, 'server', 'tsconfig.build.json')], { stdio: 'inherit' });

/** The source a compiled file came from: x.js / x.js.map ← x.ts, x.json ← x.json. */
const sourceOf = (relative) => {
  if (relative.endsWith('.js.map')) return relative.slice(0, -'.js.map'.length) + '.ts';
  if (relative.endsWith('.js')) return relative.slice(0, -'.js'.length) + '.ts';
  return relative;
};

const prune = (dir) => {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      prune(full);
      if (fs.readdirSync(full).length === 0) fs.rmSync(full, { recursive: true, force: true });
    } else if (!fs.existsSync(path.join(sources, sourceOf(path.relative(output, full))))) {
      fs.rmSync(full, { force: true });
    }
  }
};
if (fs.existsSync(output)) prune(output);
