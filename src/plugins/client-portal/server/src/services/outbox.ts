import crypto from 'crypto';
import os from 'os';
import type { Core } from '@strapi/strapi';
import { UID } from '../constants';
import { getConfig, getService } from '../utils';
import { columnOf, inTransaction, isPostgres, rawTable, rowsOf, tableOf, tableQuery, toColumns } from '../utils/db';
import { insertRows } from '../utils/bulk-insert';
import { groupCommit } from '../utils/group-commit';
import { seal, unseal } from '../utils/seal';
import { renderEmail, type TemplateKey } from '../emails';
import { describeFailure, isPermanentFailure, retryDelayMs } from '../rules/delivery';
import { senderOf, type PortalSettings } from './settings';

export interface OutboxInput {
  template: TemplateKey;
  to: string;
  language?: string | null;
  /** Non-secret template variables. */
  payload?: Record<string, unknown>;
  /** Secret template variables (links with tokens, codes): sealed at rest, wiped once sent. */
  secrets?: Record<string, unknown>;
  subjectUid?: string;
  subjectDocumentId?: string;
  /** Makes the enqueue idempotent. */
  dedupeKey?: string;
  /** The worker resolves the recipient at send time with the resolver of this name (see `onResolve`). */
  resolve?: string;
}

/**
 * What a resolver makes of a message queued with `resolve`: the email to send, or null to drop it (the address has
 * no account of that kind). Resolvers run in the worker, so the request that queued the message did the same work
 * whatever the address.
 */
export type ResolvedMessage = { to: string; language?: string | null; payload?: Record<string, unknown>; secrets?: Record<string, unknown>; subjectUid?: string; subjectDocumentId?: string };
type Resolver = (address: string) => Promise<ResolvedMessage | null>;

export type DeliveryOutcome =
  | { state: 'sent'; attempts: number }
  | { state: 'retrying'; attempts: number; error: string; nextAttemptAt: Date }
  | { state: 'failed'; attempts: number; error: string };

/** Called with a group of outcomes about one kind of subject, in the transaction that records them. */
type OutcomeListener = (outcomes: Array<{ message: { subjectDocumentId: string; template: string; to: string }; outcome: DeliveryOutcome }>) => Promise<void>;

/** One message's outcome on its way to the database. */
interface Recording {
  message: any;
  outcome: DeliveryOutcome;
  data: Record<string, unknown>;
}

/** How deliver keeps its claim and records its outcome: one message at a time, or grouped (see `runOnce`). */
interface DeliveryPath {
  hold: (id: number) => Promise<boolean>;
  record: (recording: Recording) => Promise<boolean>;
  /** Told once the SMTP server has answered, before the outcome is recorded. */
  sent?: () => void;
}

/**
 * Email outbox: rows written in the caller's transaction, sent by a worker that claims them atomically
 * (FOR UPDATE SKIP LOCKED on PostgreSQL), retries transient failures with backoff and jitter, stops on 5xx,
 * and reclaims rows whose sender died. Several instances may run the worker at once.
 *
 * Fencing: every claim carries a token of its own (`claimedBy`). A message is sent only after its claim was
 * refreshed under that token, and its outcome (the row's status, and through the listener the invitation's
 * delivery state, activity and events) is recorded only by a conditional update on that same token, in one
 * transaction: a worker that lost its claim (stalled longer than `claimTimeoutMs`) records nothing.
 */
const outboxService = ({ strapi }: { strapi: Core.Strapi }) => {
  const workerId = `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;
  const listeners = new Map<string, OutcomeListener>();
  const resolvers = new Map<string, Resolver>();
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  let busy: Promise<void> | null = null;

  const appKey = () => {
    const keys = strapi.config.get('server.app.keys') as string[] | undefined;
    if (!keys?.length) throw new Error('APP_KEYS is not set: the outbox cannot seal secrets');
    return keys[0];
  };

  const config = () => getConfig(strapi).worker;
  /** The portal clock: real time, moved by tests (claims and retries are decided by it). */
  const now = () => getService(strapi, 'clock').now();

  const backoff = (attempts: number) => retryDelayMs(attempts, config().retryBaseMs, config().retryMaxMs, crypto.randomInt(0, 1001) / 1000);

  const toRow = (input: OutboxInput) => ({
    template: input.template,
    to: input.to,
    language: input.language ?? null,
    payload: input.payload ?? {},
    sealed: input.secrets ? seal(appKey(), input.secrets) : null,
    status: 'queued',
    attempts: 0,
    subjectUid: input.subjectUid ?? null,
    subjectDocumentId: input.subjectDocumentId ?? null,
    dedupeKey: input.dedupeKey ?? null,
    resolve: input.resolve ?? null,
  });

  /** A new claim token: this worker, and a random part, so no two claims (even of one worker) share one. */
  const newClaimToken = () => `${workerId}:${crypto.randomBytes(6).toString('hex')}`;

  /** Of `ids`, those still claimed under `owner` (and `data` written to them, when given): one statement. */
  const whereHeld = async (connection: any, ids: number[], owner: string, data: Record<string, unknown>): Promise<Set<number>> => {
    if (ids.length === 0) return new Set();
    const uid = UID.outboxMessage;
    const rows = await tableQuery(strapi, connection, uid)
      .whereIn('id', ids)
      .where(columnOf(strapi, uid, 'claimedBy'), owner)
      .where(columnOf(strapi, uid, 'status'), 'sending')
      .update(toColumns(strapi, uid, data), ['id']);
    return new Set(rowsOf(rows).map((row: any) => Number(row.id ?? row)));
  };

  /**
   * Writes the outcomes of a group of messages — each only while its claim is still ours — and hands them to their
   * subject's listener, all in one transaction. Delivered messages share one statement. Answers, per message,
   * whether it was recorded.
   */
  const recordOutcomes = async (recordings: Recording[], owner: string): Promise<boolean[]> => {
    const uid = UID.outboxMessage;
    const write = async (connection: any) => {
      const sent = recordings.filter((recording) => recording.outcome.state === 'sent');
      const held = await whereHeld(connection, sent.map((recording) => recording.message.id), owner, sent[0]?.data ?? {});
      for (const recording of recordings) {
        if (recording.outcome.state === 'sent') continue;
        const { count } = await strapi.db.query(uid).updateMany({ where: { id: recording.message.id, claimedBy: owner, status: 'sending' }, data: recording.data });
        if (count === 1) held.add(recording.message.id);
      }
      return held;
    };
    try {
      return await strapi.db.transaction(async ({ trx }) => {
        const held = await write(trx);
        const bySubject = new Map<string, Recording[]>();
        for (const recording of recordings) {
          const { subjectUid, subjectDocumentId } = recording.message;
          if (!held.has(recording.message.id) || !subjectUid || !subjectDocumentId || !listeners.has(subjectUid)) continue;
          bySubject.set(subjectUid, [...(bySubject.get(subjectUid) ?? []), recording]);
        }
        for (const [subjectUid, group] of bySubject) await listeners.get(subjectUid)!(group.map(({ message, outcome }) => ({ message, outcome })));
        return recordings.map((recording) => held.has(recording.message.id));
      });
    } catch (error: any) {
      // One message's subject could not be updated: each message of the group is recorded on its own.
      if (recordings.length > 1) return (await Promise.all(recordings.map((recording) => recordOutcomes([recording], owner)))).flat();
      // Then the message's own outcome is recorded anyway (still only on our claim), so it is never sent again.
      strapi.log.error(`client-portal outbox: recording the outcome of message ${recordings[0].message.id} failed: ${error?.message ?? error}`);
      const held = await strapi.db.transaction(({ trx }) => write(trx));
      return [held.has(recordings[0].message.id)];
    }
  };

  /** One message at a time: its own claim refresh and its own transaction. */
  const singly = (owner: string): DeliveryPath => ({
    hold: async (id) => (await whereHeld(strapi.db.connection, [id], owner, { claimedAt: now() })).has(id),
    record: async (recording) => (await recordOutcomes([recording], owner))[0],
  });

  /**
   * The senders of one batch share statements: a claim refresh is needed only once the claim has aged (the batch
   * waited on slow SMTP), and outcomes are recorded in groups of `recordGroup` while the senders go on sending. The
   * price: an instance killed mid-batch leaves its sent but unrecorded emails (at most the sends in flight and two
   * groups) to be sent again by another — none is lost.
   */
  const grouped = (owner: string, claimedAt: Date, recordGroup: number, sending: () => boolean) => {
    const refreshed = singly(owner).hold;
    const hold = async (id: number) => now().getTime() - claimedAt.getTime() < config().claimTimeoutMs / 4 || refreshed(id);
    const record = groupCommit((recordings: Recording[]) => recordOutcomes(recordings, owner), (waiting) => waiting >= recordGroup || !sending());
    return { hold, record };
  };

  /** As many sends at once as the SMTP pool has connections (nodemailer's default pool: 5). */
  const sendersAtOnce = () => {
    const email = strapi.config.get('plugin::email') as { provider?: string; providerOptions?: { pool?: boolean; maxConnections?: number } } | undefined;
    const smtp = email?.provider === 'nodemailer' ? email.providerOptions : undefined;
    if (smtp && !smtp.pool) return 1;
    return Math.max(1, smtp?.maxConnections ?? 5);
  };

  const service = {
    workerId,

    /** Writes one message in the current transaction (call inside the transaction that caused it). */
    async enqueue(input: OutboxInput) {
      const row = await strapi.db.query(UID.outboxMessage).create({ data: toRow(input) });
      service.nudgeAfterCommit();
      return row;
    },

    /** Batched enqueue for bulk work. */
    async enqueueMany(inputs: OutboxInput[]) {
      if (inputs.length === 0) return;
      const now = new Date();
      const rows = inputs.map((input) => toColumns(strapi, UID.outboxMessage, { ...toRow(input), documentId: crypto.randomUUID(), createdAt: now, updatedAt: now }));
      await inTransaction(strapi, (trx) => insertRows(strapi, trx, tableOf(strapi, UID.outboxMessage), rows));
      service.nudgeAfterCommit();
    },

    /** Resolves the recipient of messages queued with `resolve: name` (e.g. accounts resolve reset-code emails). */
    onResolve(name: string, resolver: Resolver) {
      resolvers.set(name, resolver);
    },

    /** Called with the outcome of every message about `subjectUid` (e.g. invitations update their delivery state). */
    onOutcome(subjectUid: string, listener: OutcomeListener) {
      listeners.set(subjectUid, listener);
    },

    newClaimToken,

    /**
     * Atomically claims due messages (first those whose sender died) under the claim token `owner`: one statement
     * per status, each walking that status through an index, so the claim's cost does not grow with the sent
     * history. Oldest first; on PostgreSQL due retries first, then new messages in the order they were written (the
     * status + next attempt index's order — its planner would otherwise walk the primary key through every sent row).
     */
    async claim(limit = config().batchSize, owner = newClaimToken()): Promise<any[]> {
      const uid = UID.outboxMessage;
      const table = rawTable(strapi, tableOf(strapi, uid));
      const c = (attribute: string) => `"${columnOf(strapi, uid, attribute)}"`;
      const at = now();
      const stale = new Date(at.getTime() - config().claimTimeoutMs);
      const postgres = isPostgres(strapi);
      const take = async (due: string, dueParams: unknown[], order: string, count: number): Promise<number[]> => {
        const sql =
          `UPDATE ${table} SET ${c('status')} = 'sending', ${c('claimedAt')} = ?, ${c('claimedBy')} = ?, ` +
          `${c('attempts')} = COALESCE(${c('attempts')}, 0) + 1, ${c('updatedAt')} = ? ` +
          `WHERE "id" IN (SELECT "id" FROM ${table} WHERE ${due} ORDER BY ${order} LIMIT ?${postgres ? ' FOR UPDATE SKIP LOCKED' : ''}) RETURNING "id"`;
        return rowsOf(await strapi.db.connection.raw(sql, [at, owner, at, ...dueParams, count])).map((row) => Number(row.id));
      };
      const ids = await take(`${c('status')} = 'sending' AND ${c('claimedAt')} < ?`, [stale], '"id"', limit);
      if (ids.length < limit) {
        const due = `${c('status')} = 'queued' AND (${c('nextAttemptAt')} IS NULL OR ${c('nextAttemptAt')} <= ?)`;
        ids.push(...(await take(due, [at], postgres ? c('nextAttemptAt') : '"id"', limit - ids.length)));
      }
      if (ids.length === 0) return [];
      return strapi.db.query(uid).findMany({ where: { id: { $in: ids } }, orderBy: { id: 'asc' } });
    },

    /**
     * Renders and sends one claimed message, then records the outcome — only while the claim `owner` still holds
     * (the answer's `recorded` is false when another worker took the message over meanwhile).
     */
    async deliver(message: any, owner: string, settings?: PortalSettings, path: DeliveryPath = singly(owner)): Promise<(DeliveryOutcome & { recorded: boolean }) | null> {
      const uid = UID.outboxMessage;
      // Still ours? The claim is refreshed right before sending: a message that waited in a batch longer than the
      // claim timeout, or was taken over meanwhile, is not sent by this worker (null).
      if (!(await path.hold(message.id))) return null;
      if (message.resolve) {
        const resolver = resolvers.get(message.resolve);
        const resolved = resolver ? await resolver(message.to) : null;
        if (!resolved) {
          // Nobody to write to: the message is dropped (only while it is still ours).
          const { count } = await strapi.db.query(uid).deleteMany({ where: { id: message.id, claimedBy: owner, status: 'sending' } });
          return { state: 'sent', attempts: message.attempts, recorded: count === 1 };
        }
        const merged = { ...message, ...resolved, payload: { ...(message.payload ?? {}), ...(resolved.payload ?? {}) } };
        message = { ...merged, sealed: resolved.secrets ? seal(appKey(), resolved.secrets) : message.sealed, resolve: null };
        // Kept resolved from here on: a retry sends the same code to the same address.
        await strapi.db.query(uid).updateMany({
          where: { id: message.id, claimedBy: owner, status: 'sending' },
          data: { to: message.to, language: message.language ?? null, payload: message.payload, sealed: message.sealed, resolve: null, subjectUid: message.subjectUid ?? null, subjectDocumentId: message.subjectDocumentId ?? null },
        });
      }
      settings ??= await getService(strapi, 'settings').get();
      let outcome: DeliveryOutcome;
      let data: Record<string, unknown>;
      try {
        const secrets = message.sealed ? unseal(appKey(), message.sealed) : {};
        const variables = { agencyName: settings.agencyName, ...(message.payload ?? {}), ...secrets };
        const email = renderEmail(message.template, message.language, variables, settings.emailTemplates);
        const from = senderOf(settings);
        await strapi.plugin('email').service('email').send({ to: message.to, ...(from ? { from } : {}), ...email });
        outcome = { state: 'sent', attempts: message.attempts };
        data = { status: 'sent', sentAt: now(), sentBy: owner, sealed: null, lastError: null, claimedBy: null };
      } catch (error: any) {
        const description = describeFailure(error);
        if (isPermanentFailure(error) || message.attempts >= config().maxAttempts) {
          outcome = { state: 'failed', attempts: message.attempts, error: description };
          data = { status: 'failed', lastError: description, sealed: null, claimedBy: null };
        } else {
          const nextAttemptAt = new Date(now().getTime() + backoff(message.attempts));
          outcome = { state: 'retrying', attempts: message.attempts, error: description, nextAttemptAt };
          data = { status: 'queued', lastError: description, nextAttemptAt, claimedBy: null };
        }
        strapi.log.warn(`client-portal outbox: message ${message.id} (${message.template}) ${outcome.state}: ${description}`);
      }
      // The row and its subject (e.g. the invitation's delivery state, activity, events) are written in one
      // transaction, and only when the claim is still ours: "outbox idle" means every outcome is visible, and a
      // worker that lost its claim records nothing.
      path.sent?.();
      const recorded = await path.record({ message, outcome, data });
      if (!recorded) strapi.log.warn(`client-portal outbox: message ${message.id} was taken over by another worker; its outcome is theirs to record`);
      return { ...outcome, recorded };
    },

    /**
     * Claims one batch and delivers it, as many at once as the SMTP pool has connections; claim refreshes and
     * outcomes that arrive together share their statements. Returns how many it sent or failed.
     */
    async runOnce(owner = newClaimToken()): Promise<number> {
      const claimedAt = now();
      const batch = await service.claim(config().batchSize, owner);
      if (batch.length === 0) return 0;
      // Sender, agency name and templates: read once per batch, not once per email.
      const settings = await getService(strapi, 'settings').get();
      let senders = Math.min(sendersAtOnce(), batch.length);
      const path = grouped(owner, claimedAt, config().recordGroup, () => senders > 0);
      const deliveries: Array<Promise<{ recorded: boolean } | null>> = [];
      let next = 0;
      // Each sender moves on to its next message once the SMTP server has answered; outcomes are recorded behind.
      await Promise.all(
        Array.from({ length: senders }, async () => {
          try {
            while (next < batch.length) {
              const message = batch[next];
              next += 1;
              await new Promise<void>((moveOn) => {
                const delivery = service.deliver(message, owner, settings, { ...path, sent: moveOn }).finally(moveOn);
                delivery.catch(() => undefined); // seen by the Promise.all below
                deliveries.push(delivery);
              });
            }
          } finally {
            senders -= 1;
            path.record.poke();
          }
        }),
      );
      const delivered = (await Promise.all(deliveries)).filter((result) => result?.recorded).length;
      return delivered;
    },

    start() {
      if (running) return;
      running = true;
      service.schedule(0);
    },

    schedule(delay: number) {
      if (!running) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        if (busy) return;
        busy = service
          .runOnce()
          .then((count) => {
            busy = null;
            service.schedule(count > 0 ? 0 : config().pollIntervalMs);
          })
          .catch((error) => {
            busy = null;
            strapi.log.error(`client-portal outbox worker: ${error?.message ?? error}`);
            service.schedule(config().pollIntervalMs);
          });
      }, delay);
      timer.unref?.();
    },

    /**
     * Drops the still-queued emails of a subject (an invitation whose link died: resent, revoked or expired). A
     * message already being sent is left to finish.
     */
    async dropQueued(subjectUid: string, subjectDocumentIds: string[]) {
      if (subjectDocumentIds.length === 0) return 0;
      const { count } = await strapi.db.query(UID.outboxMessage).deleteMany({
        where: { subjectUid, subjectDocumentId: { $in: subjectDocumentIds }, status: 'queued' },
      });
      return count;
    },

    /** Wakes the worker once the current transaction has committed. */
    nudgeAfterCommit() {
      if (!running) return;
      const wake = () => service.schedule(20);
      if (strapi.db.inTransaction()) {
        strapi.db.transaction(({ onCommit }) => {
          onCommit(wake);
          return Promise.resolve();
        });
      } else wake();
    },

    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      timer = null;
      if (busy) await busy.catch(() => undefined);
    },

    isRunning: () => running,
  };

  return service;
};

export default outboxService;
export type OutboxService = ReturnType<typeof outboxService>;

declare module '../utils' { interface PortalServices { outbox: OutboxService } }
