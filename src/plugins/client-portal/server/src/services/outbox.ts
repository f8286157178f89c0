import crypto from 'crypto';
import os from 'os';
import type { Core } from '@strapi/strapi';
import { UID } from '../constants';
import { getConfig, getService } from '../utils';
import { columnOf, inTransaction, isPostgres, rawTable, rowsOf, tableOf, toColumns } from '../utils/db';
import { insertRows } from '../utils/bulk-insert';
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

type OutcomeListener = (message: { subjectDocumentId: string; template: string; to: string }, outcome: DeliveryOutcome) => Promise<void>;

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

    /** Atomically claims due messages (and messages whose sender died) under the claim token `owner`. */
    async claim(limit = config().batchSize, owner = newClaimToken()): Promise<any[]> {
      const uid = UID.outboxMessage;
      const table = rawTable(strapi, tableOf(strapi, uid));
      const c = (attribute: string) => `"${columnOf(strapi, uid, attribute)}"`;
      const at = now();
      const stale = new Date(at.getTime() - config().claimTimeoutMs);
      const lock = isPostgres(strapi) ? ' FOR UPDATE SKIP LOCKED' : '';
      const sql =
        `UPDATE ${table} SET ${c('status')} = 'sending', ${c('claimedAt')} = ?, ${c('claimedBy')} = ?, ` +
        `${c('attempts')} = COALESCE(${c('attempts')}, 0) + 1, ${c('updatedAt')} = ? ` +
        `WHERE "id" IN (SELECT "id" FROM ${table} WHERE ` +
        `(${c('status')} = 'queued' AND (${c('nextAttemptAt')} IS NULL OR ${c('nextAttemptAt')} <= ?)) ` +
        `OR (${c('status')} = 'sending' AND ${c('claimedAt')} < ?) ` +
        `ORDER BY "id" LIMIT ?${lock}) RETURNING "id"`;
      const ids = rowsOf(await strapi.db.connection.raw(sql, [at, owner, at, at, stale, limit])).map((row) => Number(row.id));
      if (ids.length === 0) return [];
      return strapi.db.query(uid).findMany({ where: { id: { $in: ids } }, orderBy: { id: 'asc' } });
    },

    /**
     * Renders and sends one claimed message, then records the outcome — only while the claim `owner` still holds
     * (the answer's `recorded` is false when another worker took the message over meanwhile).
     */
    async deliver(message: any, owner: string, settings?: PortalSettings): Promise<(DeliveryOutcome & { recorded: boolean }) | null> {
      const uid = UID.outboxMessage;
      // Still ours? The claim is refreshed right before sending: a message that waited in a batch longer than the
      // claim timeout, or was taken over meanwhile, is not sent by this worker (null).
      const { count: held } = await strapi.db.query(uid).updateMany({ where: { id: message.id, claimedBy: owner, status: 'sending' }, data: { claimedAt: now() } });
      if (held !== 1) return null;
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
      const mine = () => strapi.db.query(uid).updateMany({ where: { id: message.id, claimedBy: owner, status: 'sending' }, data });
      const listener = message.subjectUid ? listeners.get(message.subjectUid) : undefined;
      let recorded = false;
      try {
        recorded = await strapi.db.transaction(async () => {
          if ((await mine()).count !== 1) return false;
          if (listener && message.subjectDocumentId) {
            await listener({ subjectDocumentId: message.subjectDocumentId, template: message.template, to: message.to }, outcome);
          }
          return true;
        });
      } catch (error: any) {
        // The subject could not be updated: record the message's own outcome anyway (still only on our claim), so
        // it is never sent again.
        strapi.log.error(`client-portal outbox: recording the outcome of message ${message.id} failed: ${error?.message ?? error}`);
        recorded = (await mine()).count === 1;
      }
      if (!recorded) strapi.log.warn(`client-portal outbox: message ${message.id} was taken over by another worker; its outcome is theirs to record`);
      return { ...outcome, recorded };
    },

    /** Claims one batch and delivers it (a few at a time, over the pooled SMTP connections). Returns how many it sent or failed. */
    async runOnce(owner = newClaimToken()): Promise<number> {
      const batch = await service.claim(config().batchSize, owner);
      if (batch.length === 0) return 0;
      // Sender, agency name and templates: read once per batch, not once per email.
      const settings = await getService(strapi, 'settings').get();
      const concurrency = 5;
      let next = 0;
      let delivered = 0;
      await Promise.all(
        Array.from({ length: Math.min(concurrency, batch.length) }, async () => {
          while (next < batch.length) {
            const message = batch[next];
            next += 1;
            if ((await service.deliver(message, owner, settings))?.recorded) delivered += 1;
          }
        }),
      );
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
