#!/usr/bin/env node
/**
 * Memory: resident memory of an instance with the plugin, after a bulk invite and under portal-read load, next to a
 * plain Strapi instance with the same content types and the same data (the plugin replaced by a stand-in that only
 * declares its content types: no routes, services, middlewares or jobs), after Strapi's own createMany of the same
 * rows and under Strapi's own REST find. Each in its own process, one after the other, on the same database; three
 * rounds of each, and their medians compared.
 */
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { root, runScenario } = require('../lib/boot');
const { loadRun, median, startInstance } = require('../lib/measure');
const { result, note, round } = require('../lib/result');

const DURATION = Number(process.env.BENCH_DURATION_SEC || 5) * 2;
const ROUNDS = Number(process.env.BENCH_MEMORY_ROUNDS || 3);
const STRAPI_FIND = '/api/properties?populate[photos]=true&pagination[pageSize]=20&sort=title:asc';

/** The stand-in plugin: the real plugin's content types and user fields, nothing else. */
const plainPlugin = () => {
  const dir = path.join(root, '.tmp', 'bench-plain-plugin');
  fs.mkdirSync(dir, { recursive: true });
  const dist = path.join(root, 'src', 'plugins', 'client-portal', 'dist', 'server');
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: 'strapi-plugin-client-portal-plain', version: '0.0.0', private: true, strapi: { kind: 'plugin', name: 'client-portal' }, exports: { './package.json': './package.json', './strapi-server': './strapi-server.js' } }, null, 2),
  );
  fs.writeFileSync(
    path.join(dir, 'strapi-server.js'),
    `const plugin = require(${JSON.stringify(path.join(dist, 'index.js'))});
const real = plugin.default ?? plugin;
const { portalAccountAttributes, portalAccountIndexes } = require(${JSON.stringify(path.join(dist, 'content-types', 'portal-account.js'))});
module.exports = {
  contentTypes: real.contentTypes,
  config: { default: {}, validator: () => undefined },
  // config/middlewares.ts names the plugin's upload-limits middleware: a pass-through here.
  middlewares: { uploads: () => (ctx, next) => next() },
  register({ strapi }) {
    const user = strapi.contentType('plugin::users-permissions.user');
    user.attributes = { ...user.attributes, ...portalAccountAttributes };
    user.indexes = [...(user.indexes ?? []), ...portalAccountIndexes];
  },
};
`,
  );
  return dir;
};

runScenario(async (db) => {
  const secrets = { APP_KEYS: `${crypto.randomBytes(16).toString('base64')},${crypto.randomBytes(16).toString('base64')}`, JWT_SECRET: crypto.randomBytes(16).toString('base64'), ADMIN_JWT_SECRET: crypto.randomBytes(16).toString('base64'), API_TOKEN_SALT: crypto.randomBytes(16).toString('base64') };

  // Resident memory depends on when V8 last collected, so each side runs ROUNDS times, each in a new process on the
  // same database, and the medians are compared. All plugin rounds come first: a plain instance's boot drops the
  // users-permissions grants of routes it does not have, and the plugin grants each action only once. The client is
  // seeded once; its JWT serves every round.
  let jwt = null;
  const rounds = { afterBulk: [], pluginPeak: [], pluginFindPeak: [], plainAfterWrite: [], plainPeak: [] };
  const rates = { portal: [], pluginFind: [], strapi: [] };
  const clean = (side, run) => {
    if (run.non2xx || run.errors) throw new Error(`errors under load (${side}): ${run.non2xx} non-2xx, ${run.errors} errors`);
    return Math.round(run.rps);
  };
  for (let round = 0; round < ROUNDS; round += 1) {
    // With the plugin: a bulk invite, then portal reads under load.
    const plugin = await startInstance({ ...secrets, BENCH_ROLE: 'plugin' });
    if (!jwt) jwt = (await plugin.ask('seed')).jwt;
    rounds.afterBulk.push((await plugin.ask('bulk')).rssMb);
    await plugin.ask('sample-start');
    const portalLoad = await loadRun({ url: `${plugin.baseUrl}/api/client-portal/properties?pageSize=20`, headers: { authorization: `Bearer ${jwt}` } }, { durationSec: DURATION });
    rounds.pluginPeak.push((await plugin.ask('sample-stop')).rssMb);
    await plugin.stop();
    rates.portal.push(clean('plugin', portalLoad));

    // With the plugin, the same request as the plain instance below (Strapi's own find): what the plugin adds to
    // one instance, whichever request it serves.
    const same = await startInstance({ ...secrets, BENCH_ROLE: 'plugin' });
    const sameToken = await same.ask('token');
    await same.ask('bulk');
    await same.ask('sample-start');
    const findLoad = await loadRun({ url: `${same.baseUrl}${STRAPI_FIND}`, headers: { authorization: `Bearer ${sameToken.apiToken}` } }, { durationSec: DURATION });
    rounds.pluginFindPeak.push((await same.ask('sample-stop')).rssMb);
    await same.stop();
    rates.pluginFind.push(clean('plugin, Strapi find', findLoad));
  }
  for (let round = 0; round < ROUNDS; round += 1) {
    // Plain: the same database (content types and data), Strapi's own write and read of the same rows.
    const plain = await startInstance({ ...secrets, BENCH_ROLE: 'plain', BENCH_PLAIN_PLUGIN_DIR: plainPlugin() });
    const plainToken = await plain.ask('token');
    rounds.plainAfterWrite.push((await plain.ask('create-many')).rssMb);
    await plain.ask('sample-start');
    const strapiLoad = await loadRun({ url: `${plain.baseUrl}${STRAPI_FIND}`, headers: { authorization: `Bearer ${plainToken.apiToken}` } }, { durationSec: DURATION });
    rounds.plainPeak.push((await plain.ask('sample-stop')).rssMb);
    await plain.stop();
    rates.strapi.push(clean('plain', strapiLoad));
  }
  note('memory', db, `resident memory in MB, ${ROUNDS} rounds each (the medians are the figures): after 10,000 rows written ${rounds.afterBulk.join(', ')} with the plugin, ${rounds.plainAfterWrite.join(', ')} plain; peak under read load ${rounds.pluginPeak.join(', ')} with the plugin (portal reads, ${rates.portal.join(', ')} req/s), ${rounds.pluginFindPeak.join(', ')} with the plugin (Strapi's find, ${rates.pluginFind.join(', ')} req/s), ${rounds.plainPeak.join(', ')} plain (Strapi's find, ${rates.strapi.join(', ')} req/s)`);
  const afterBulk = median(rounds.afterBulk);
  const plainAfterWrite = median(rounds.plainAfterWrite);
  const pluginPeak = median(rounds.pluginPeak);
  const plainPeak = median(rounds.plainPeak);
  const pluginFindPeak = median(rounds.pluginFindPeak);
  result({
    name: 'memory after a bulk invite of 10,000',
    db,
    value: afterBulk,
    unit: 'MB',
    baseline: plainAfterWrite,
    baselineLabel: "plain Strapi, same content types and data, after createMany of 10,000",
    ratio: round(afterBulk / plainAfterWrite),
    goal: { on: 'ratio', op: '<=', target: 1.15, text: 'ratio ≤ 1.15' },
  });
  result({
    name: 'memory under portal-read load',
    db,
    value: pluginPeak,
    unit: 'MB',
    baseline: plainPeak,
    baselineLabel: "plain Strapi under its own REST find of the same properties",
    ratio: round(pluginPeak / plainPeak),
    goal: { on: 'ratio', op: '<=', target: 1.15, text: 'ratio ≤ 1.15' },
  });
  result({
    name: "memory under Strapi's own read load",
    db,
    value: pluginFindPeak,
    unit: 'MB',
    baseline: plainPeak,
    baselineLabel: 'plain Strapi under the same REST find (the plugin\'s instance after its bulk invite)',
    ratio: round(pluginFindPeak / plainPeak),
    goal: { on: 'ratio', op: '<=', target: 1.15, text: 'ratio ≤ 1.15' },
  });
});
