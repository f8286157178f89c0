import type { Core } from '@strapi/strapi';
import { UID } from '../constants';
import { getConfig, getService } from '../utils';
import { columnOf, tableQuery } from '../utils/db';

export interface HealthReport {
  status: 'ok' | 'degraded' | 'down';
  database: { status: 'up' | 'down'; client: string; latencyMs: number | null };
  outbox: {
    /** Emails waiting to be sent (queued, retrying or being sent). */
    queued: number;
    /** Of those, how many failed at least once and wait for a retry. */
    retrying: number;
    /** Age in seconds of the oldest email still waiting; null when none waits. */
    oldestQueuedAgeSeconds: number | null;
    /** Whether this instance runs the outbox worker. */
    worker: boolean;
  } | null;
  rateLimits: { store: 'memory' | 'redis'; status: 'up' | 'down' };
  uptimeSeconds: number;
}

/**
 * What load balancers and monitoring ask: is the database reachable (readiness), how deep is the email queue and how
 * old is its oldest email (an outbox that stopped sending shows here first), and whether the shared rate-limit store
 * answers. Two cheap statements: `select 1` and one aggregate over the outbox's status index.
 */
const healthService = ({ strapi }: { strapi: Core.Strapi }) => {
  const startedAt = Date.now();

  const database = async (): Promise<HealthReport['database']> => {
    const client = strapi.db.dialect.client;
    const started = process.hrtime.bigint();
    try {
      await strapi.db.connection.raw('select 1');
      return { status: 'up', client, latencyMs: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10 };
    } catch {
      return { status: 'down', client, latencyMs: null };
    }
  };

  const outbox = async (): Promise<HealthReport['outbox']> => {
    const c = (attribute: string) => columnOf(strapi, UID.outboxMessage, attribute);
    const [row] = await tableQuery(strapi, strapi.db.connection, UID.outboxMessage)
      .whereIn(c('status'), ['queued', 'sending'])
      .select(
        strapi.db.connection.raw('count(*) as ??', ['queued']),
        strapi.db.connection.raw(`sum(case when ?? > 0 then 1 else 0 end) as ??`, [c('attempts'), 'retrying']),
        strapi.db.connection.raw('min(??) as ??', [c('createdAt'), 'oldest']),
      );
    const oldest = row?.oldest == null ? null : new Date(row.oldest);
    const now = getService(strapi, 'clock').now().getTime();
    return {
      queued: Number(row?.queued ?? 0),
      retrying: Number(row?.retrying ?? 0),
      oldestQueuedAgeSeconds: oldest && !Number.isNaN(oldest.getTime()) ? Math.max(0, Math.round((now - oldest.getTime()) / 1000)) : null,
      worker: getConfig(strapi).worker.enabled,
    };
  };

  return {
    /** Liveness: the process answers. */
    live() {
      return { status: 'ok' as const, uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) };
    },

    /** Readiness: the database answers (the instance can serve requests). */
    async ready() {
      const db = await database();
      return { ready: db.status === 'up', database: db };
    },

    /** The full report; `degraded` when the rate-limit store is down or the oldest queued email is older than allowed. */
    async report(): Promise<HealthReport> {
      const [db, rateLimits] = await Promise.all([database(), getService(strapi, 'rate-limit').storeStatus()]);
      const queue = db.status === 'up' ? await outbox().catch(() => null) : null;
      const maxAge = getConfig(strapi).healthMaxQueueAgeSeconds;
      const stale = !!queue && queue.oldestQueuedAgeSeconds !== null && queue.oldestQueuedAgeSeconds > maxAge;
      const status = db.status === 'down' ? 'down' : stale || !queue || rateLimits.status === 'down' ? 'degraded' : 'ok';
      return { status, database: db, outbox: queue, rateLimits, uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) };
    },
  };
};

export type HealthService = ReturnType<typeof healthService>;
declare module '../utils' { interface PortalServices { health: HealthService } }

export default healthService;
