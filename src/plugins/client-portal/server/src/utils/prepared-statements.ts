import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import { isPostgres } from './db';

/**
 * Server-side prepared statements on PostgreSQL. Knex sends every statement unnamed, so PostgreSQL parses and plans
 * it anew each time: for a portal read (15 short statements) planning took more of the server's CPU than running
 * them. Here each statement is named after a hash of its text, so node-postgres parses it once per connection and
 * PostgreSQL may keep its plan (a generic plan after five runs when it costs no more than a custom one — the usual
 * `plan_cache_mode = auto`).
 *
 * Each connection keeps at most `limit` statements, the least recently used deallocated first, so statements whose
 * text varies (lists of ids of every length) cannot fill the server's memory. Only single SELECT, INSERT, UPDATE,
 * DELETE and WITH statements with up to MAX_BINDINGS parameters are named; bulk writes and schema changes stay
 * unnamed. After a schema change at run time a prepared statement may no longer fit its table ("cached plan must not
 * change result type"): that statement fails once, and the connection then prepares its statements anew.
 *
 * Poolers in transaction mode that do not track prepared statements (PgBouncer before 1.21) need this off:
 * `DATABASE_PREPARED_STATEMENTS=0`.
 */
const MAX_BINDINGS = 256;
const NAMEABLE = /^\s*(select|insert|update|delete|with)\b/i;
const WRAPPED = Symbol.for('client-portal.preparedStatements');

interface Kept {
  /** Names this connection has prepared (or is preparing), least recently used first. */
  names: Map<string, true>;
  /** Bumped when a statement stopped fitting its table: later statements get new names. */
  generation: number;
}

const kept = new WeakMap<object, Kept>();

const keptOn = (connection: object): Kept => {
  let state = kept.get(connection);
  if (!state) {
    state = { names: new Map(), generation: 0 };
    kept.set(connection, state);
  }
  return state;
};

/** A statement's name: the same text always gets the same name, on every connection and instance. */
export const statementName = (sql: string, generation = 0) => `cp_${crypto.createHash('sha1').update(sql).digest('hex').slice(0, 24)}${generation ? `_${generation}` : ''}`;

/** Whether a statement is named (prepared): one single DML statement with a bounded number of parameters. */
export const isNameable = (sql: string, bindings: unknown[] | undefined) => NAMEABLE.test(sql) && !sql.includes(';') && (bindings?.length ?? 0) <= MAX_BINDINGS;

const isStalePlan = (error: any) => error?.code === '0A000' && /cached plan must not change result type/i.test(String(error?.message));

/**
 * Sends `sql` on the node-postgres connection behind the statements already queued there, and calls `then` once the
 * server has run it (not when it fails, e.g. in a transaction that already failed).
 */
const runBehind = (connection: any, sql: string, then: () => void) =>
  connection.query(sql, (error: unknown) => {
    if (!error) then();
  });

/** The limit of a Strapi's knex client, kept on its config: knex's transaction clients share that object. */
const LIMIT = Symbol.for('client-portal.preparedStatements.limit');

/**
 * Names the statements of this Strapi's PostgreSQL connections (see above); `limit` statements per connection,
 * 0 for none. Does nothing on SQLite. Answers whether it is on.
 *
 * Knex runs a transaction's statements through a client made from the dialect's prototype (not from this Strapi's
 * client object), so `_query` is wrapped on the prototype, once per process, and names statements only for clients
 * whose config carries a limit.
 */
export const usePreparedStatements = (strapi: Core.Strapi, limit: number): boolean => {
  if (!isPostgres(strapi) || limit <= 0) return false;
  const client = strapi.db.connection.client as any;
  client.config[LIMIT] = limit;
  const prototype = Object.getPrototypeOf(client);
  if (prototype[WRAPPED]) return true;
  const send = prototype._query;
  prototype[WRAPPED] = true;
  prototype._query = function named(this: any, connection: any, query: { sql?: string; bindings?: unknown[]; options?: Record<string, unknown> }) {
    const max = this.config?.[LIMIT] as number | undefined;
    if (!max || !query.sql || query.options?.name || !isNameable(query.sql, query.bindings)) return send.call(this, connection, query);
    const state = keptOn(connection);
    const name = statementName(query.sql, state.generation);
    state.names.delete(name);
    state.names.set(name, true);
    if (state.names.size > max) {
      const oldest = state.names.keys().next().value as string;
      state.names.delete(oldest);
      // Statements already queued under that name run first; the client forgets it once the server has.
      runBehind(connection, `DEALLOCATE "${oldest}"`, () => {
        delete connection.connection.parsedStatements[oldest];
      });
    }
    query.options = { ...query.options, name };
    return send.call(this, connection, query).catch((error: unknown) => {
      // A statement the server refused to prepare (a missing table, say) is not kept there: never deallocate it,
      // which would fail, and fail the transaction it ran in.
      if (!connection.connection.parsedStatements[name]) state.names.delete(name);
      if (isStalePlan(error)) {
        // The table changed under a kept plan: this connection prepares its statements anew under new names. The
        // old ones are dropped too, unless this happened in a transaction, which has failed; then they stay on the
        // server, outside the limit, until the connection closes or a later stale plan drops them all.
        state.generation += 1;
        state.names.clear();
        runBehind(connection, 'DEALLOCATE ALL', () => {
          connection.connection.parsedStatements = {};
        });
      }
      throw error;
    });
  };
  return true;
};
