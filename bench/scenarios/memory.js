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
  /** The peak resident memory of `instance` under a load run on `target`, and the run. */
  const peakUnder = async (instance, target) => {
    await instance.ask('sample-start');
    const run = await loadRun(target, { durationSec: DURATION });
    return { peak: (await instance.ask('sample-stop')).rssMb, run };
  };
  const strapiFind = async (instance) => ({ url: `${instance.baseUrl}${STRAPI_FIND}`, headers: { authorization: `Bearer ${(await instance.ask('token')).apiToken}` } });
  /** Keeps a peak and its run's rate (once the instance has stopped); a run with errors is not a valid figure. */
  const record = (name, rate, { peak, run }) => {
    if (run.non2xx || run.errors) throw new Error(`errors under load (${rate}): ${run.non2xx} non-2xx, ${run.errors} errors`);
    rounds[name].push(peak);
    rates[rate].push(Math.round(run.rps));
  };
  for (let round = 0; round < ROUNDS; round += 1) {
    // With the plugin: a bulk invite, then portal reads under load.
    const plugin = await startInstance({ ...secrets, BENCH_ROLE: 'plugin' });
    if (!jwt) jwt = (await plugin.ask('seed')).jwt;
    rounds.afterBulk.push((await plugin.ask('bulk')).rssMb);
    const portalReads = await peakUnder(plugin, { url: `${plugin.baseUrl}/api/client-portal/properties?pageSize=20`, headers: { authorization: `Bearer ${jwt}` } });
    await plugin.stop();
    record('pluginPeak', 'portal', portalReads);

    // With the plugin, the same request as the plain instance below (Strapi's own find): what the plugin adds to
    // one instance, whichever request it serves.
    const same = await startInstance({ ...secrets, BENCH_ROLE: 'plugin' });
    const sameTarget = await strapiFind(same);
    await same.ask('bulk');
    const sameReads = await peakUnder(same, sameTarget);
    await same.stop();
    record('pluginFindPeak', 'pluginFind', sameReads);
  }
  for (let round = 0; round < ROUNDS; round += 1) {
    // Plain: the same database (content types and data), Strapi's own write and read of the same rows.
    const plain = await startInstance({ ...secrets, BENCH_ROLE: 'plain', BENCH_PLAIN_PLUGIN_DIR: plainPlugin() });
    const plainTarget = await strapiFind(plain);
    rounds.plainAfterWrite.push((await plain.ask('create-many')).rssMb);
    const plainReads = await peakUnder(plain, plainTarget);
    await plain.stop();
    record('plainPeak', 'strapi', plainReads);
  }
  note('memory', db, `resident memory in MB, ${ROUNDS} rounds each (the medians are the figures): after 10,000 rows written ${rounds.afterBulk.join(', ')} with the plugin, ${rounds.plainAfterWrite.join(', ')} plain; peak under read load ${rounds.pluginPeak.join(', ')} with the plugin (portal reads, ${rates.portal.join(', ')} req/s), ${rounds.pluginFindPeak.join(', ')} with the plugin (Strapi's find, ${rates.pluginFind.join(', ')} req/s), ${rounds.plainPeak.join(', ')} plain (Strapi's find, ${rates.strapi.join(', ')} req/s)`);
  /** One figure: the median of `subject`'s rounds against the median of `baseline`'s, at most 1.15×. */
  const compare = (name, subject, baseline, baselineLabel) => {
    const [value, base] = [median(rounds[subject]), median(rounds[baseline])];
    result({ name, db, value, unit: 'MB', baseline: base, baselineLabel, ratio: round(value / base), goal: { on: 'ratio', op: '<=', target: 1.15, text: 'ratio ≤ 1.15' } });
  };
  compare('memory after a bulk invite of 10,000', 'afterBulk', 'plainAfterWrite', 'plain Strapi, same content types and data, after createMany of 10,000');
  compare('memory under portal-read load', 'pluginPeak', 'plainPeak', 'plain Strapi under its own REST find of the same properties');
  compare("memory under Strapi's own read load", 'pluginFindPeak', 'plainPeak', "plain Strapi under the same REST find (the plugin's instance after its bulk invite)");
});
