/**
 * Data for the flat look-ups benchmark, made inside the instance that serves it: about `rows` invitations (bulk
 * invites of new contacts by a filler agent), then PROBES more by a probe agent of their own — the rows the measured
 * requests find — and the database brought to rest. Answers what the requests need: the probe agent's id, the
 * probes' invitation tokens (unsealed from their queued emails), an admin to log in as, and the row count.
 */
const crypto = require('crypto');
const path = require('path');
const { root } = require('./boot');
const { contactRows } = require('./seed');

const { unseal } = require(path.join(root, 'src', 'plugins', 'client-portal', 'dist', 'server', 'utils', 'seal.js'));

const PROBES = 300;

const prepareLookups = async (strapi, rows) => {
  const invitations = strapi.plugin('client-portal').service('invitations');
  const contacts = strapi.db.query('api::contact.contact');
  const appKey = strapi.config.get('server.app.keys')[0];
  const superAdmin = await strapi.service('admin::role').getSuperAdmin();
  const password = `Bench-${crypto.randomBytes(6).toString('hex')}-Admin1`;
  const newAgent = (name) =>
    strapi.service('admin::user').create({ email: `${name}-${Date.now()}@agency.test`, firstname: name, lastname: 'Bench', password, isActive: true, registrationToken: null, roles: [superAdmin.id] });
  const filler = await newAgent('filler');
  const reader = await newAgent('reader');

  let made = 0;
  const invite = async (count, tag, agentId) => {
    for (let start = 0; start < count; start += 10_000) {
      const size = Math.min(10_000, count - start);
      const batch = contactRows(size, tag, made);
      made += size;
      await contacts.createMany({ data: batch });
      const answer = await invitations.bulk({ contacts: batch.map((row) => row.documentId), portalRole: 'buyer' }, { agentId });
      if (answer.invited.length !== size) throw new Error(`expected ${size} invited, got ${answer.invited.length}`);
    }
  };

  await invite(rows - PROBES, 'fill', filler.id);
  const agent = await newAgent('probe');
  await invite(PROBES, 'probe', agent.id);
  const queued = await strapi.db.query('plugin::client-portal.outbox-message').findMany({ where: { to: { $startsWith: 'probe-' } }, select: ['sealed', 'to'] });
  const tokens = queued.map((row) => /#token=([A-Za-z0-9_-]{43})/.exec(unseal(appKey, row.sealed).link)[1]);
  const probeEmails = queued.map((row) => row.to);

  // The database brought to rest after the fill: the bulk invites' own statistics refresh has finished; on
  // PostgreSQL the tables are vacuumed and analyzed (what its autovacuum keeps up in production) and a checkpoint
  // writes the fill out; SQLite keeps planner statistics only when asked (ANALYZE).
  await invitations.settled();
  if (strapi.db.dialect.client === 'postgres') {
    const schema = strapi.db.getSchemaName() || 'public';
    const tables = await strapi.db.connection.raw('SELECT tablename FROM pg_tables WHERE schemaname = ?', [schema]);
    await strapi.db.connection.raw(`VACUUM ANALYZE ${tables.rows.map((row) => `"${schema}"."${row.tablename}"`).join(', ')}`);
    await strapi.db.connection.raw('CHECKPOINT').catch(() => undefined); // needs superuser or pg_checkpoint: skipped without
  } else await strapi.db.connection.raw('ANALYZE');

  const count = await strapi.db.query('plugin::client-portal.invitation').count();
  return { agentId: agent.id, tokens, probeEmails, admin: { email: reader.email, password }, rows: count };
};

module.exports = { prepareLookups };
