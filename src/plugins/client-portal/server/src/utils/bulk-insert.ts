import type { Core } from '@strapi/strapi';
import { namedTable, rawTable } from './db';

type Knex = any;
type Row = Record<string, unknown>;

export interface InsertOptions {
  /** Columns to answer for each inserted row (skipped rows are left out; the order is the database's, so match rows by a key). */
  returning?: string[];
  /** Skip rows that would break this unique column (a pending invite created meanwhile, say). */
  ignoreConflictOn?: string;
}

/** Rows per statement: SQLite binds at most 32,766 values per statement; PostgreSQL binds one array per column. */
const SQLITE_MAX_VALUES = 32_000;
const SQLITE_MAX_ROWS = 1_000;
const POSTGRES_BATCH_ROWS = 5_000;
/** Targets per look-up of their last link position (an IN list). */
const LOOKUP_CHUNK = 5_000;

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

/** PostgreSQL column types per table (`character varying(255)`, `jsonb`, …), read once per table and schema. */
const columnTypes = new Map<string, Promise<Record<string, string>>>();
const postgresTypes = (trx: Knex, qualified: string) => {
  let types = columnTypes.get(qualified);
  if (!types) {
    types = trx
      .raw('select attname, format_type(atttypid, atttypmod) as type from pg_attribute where attrelid = ?::regclass and attnum > 0 and not attisdropped', [qualified])
      .then((result: any) => Object.fromEntries(result.rows.map((row: any) => [row.attname, row.type])));
    types!.catch(() => columnTypes.delete(qualified));
    columnTypes.set(qualified, types!);
  }
  return types!;
};

/** A value as SQLite stores it through knex: dates as epoch milliseconds, booleans as 0/1, objects as JSON text. */
const sqliteValue = (value: unknown) => {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'object' && !Buffer.isBuffer(value)) return JSON.stringify(value);
  return value;
};

/** A value for a PostgreSQL array parameter: JSON columns take JSON text. */
const postgresValue = (value: unknown, type: string) => {
  if (value === undefined || value === null) return null;
  if ((type === 'jsonb' || type === 'json') && typeof value !== 'string') return JSON.stringify(value);
  return value;
};

/** Equal as parameters: the same primitive, or dates of the same instant. */
const sameValue = (a: unknown, b: unknown) => a === b || (a instanceof Date && b instanceof Date && a.getTime() === b.getTime());

/**
 * Inserts many rows (keyed by column name; every row has the same columns) into `table`, in the caller's
 * transaction, with a statement count that grows per batch, not per row:
 * - PostgreSQL: `INSERT … SELECT … FROM unnest($1::type[], …)`, one array per column, 5,000 rows a statement (the
 *   statement stays small however many rows it carries, so the server parses it once per batch); a column with the
 *   same value in every row of the batch is one scalar parameter instead of an array;
 * - SQLite: one multi-row `INSERT` prepared once per shape and run for every full batch (preparing a statement with
 *   thousands of placeholders costs more than running it);
 * - other databases: knex's multi-row inserts.
 * Statements sent directly are announced on the knex client's `query` event like knex's own.
 */
export const insertRows = async (strapi: Core.Strapi, trx: Knex, table: string, rows: Row[], options: InsertOptions = {}): Promise<Row[]> => {
  if (rows.length === 0) return [];
  const columns = Object.keys(rows[0]);
  const qualified = rawTable(strapi, table);
  const conflict = options.ignoreConflictOn ? ` on conflict (${quote(options.ignoreConflictOn)}) do nothing` : '';
  const returning = options.returning?.length ? ` returning ${options.returning.map(quote).join(', ')}` : '';
  const announce = (sql: string, bindings: unknown[]) => strapi.db.connection.client.emit('query', { sql, bindings, method: 'insert' });
  const answered: Row[] = [];

  const client = strapi.db.dialect.client;
  if (client === 'postgres') {
    const types = await postgresTypes(trx, qualified);
    const missing = columns.filter((column) => !types[column]);
    if (missing.length) throw new Error(`insertRows: ${table} has no column ${missing.join(', ')}`);
    const into = `insert into ${qualified} (${columns.map(quote).join(', ')}) select `;
    for (let start = 0; start < rows.length; start += POSTGRES_BATCH_ROWS) {
      const batch = rows.slice(start, start + POSTGRES_BATCH_ROWS);
      const values = columns.map((column) => batch.map((row) => postgresValue(row[column], types[column])));
      // A column with one value in every row (a timestamp, a status, a role) is sent once, not once per row:
      // less to encode here and for the server to parse.
      const constant = values.map((column) => column.every((value) => sameValue(value, column[0])));
      const varying = columns.filter((_, index) => !constant[index]);
      const select = columns.map((column, index) => (constant[index] ? `?::${types[column]}` : `u.${quote(column)}`)).join(', ');
      const from = varying.length
        ? `unnest(${varying.map((column) => `?::${types[column]}[]`).join(', ')}) as u(${varying.map(quote).join(', ')})`
        : `generate_series(1, ?::integer)`;
      const bindings = [...values.filter((_, index) => constant[index]).map((column) => column[0]), ...(varying.length ? values.filter((_, index) => !constant[index]) : [batch.length])];
      const result = await trx.raw(`${into}${select} from ${from}${conflict}${returning}`, bindings);
      if (returning) answered.push(...result.rows);
    }
    return answered;
  }

  if (client === 'sqlite') {
    const connection = await trx.client.acquireConnection();
    try {
      const perRow = Math.max(1, Math.min(SQLITE_MAX_ROWS, Math.floor(SQLITE_MAX_VALUES / columns.length)));
      const statements = new Map<number, { sql: string; statement: any }>();
      const statementFor = (count: number) => {
        let prepared = statements.get(count);
        if (!prepared) {
          const tuple = `(${columns.map(() => '?').join(', ')})`;
          const sql = `insert${conflict ? ' or ignore' : ''} into ${qualified} (${columns.map(quote).join(', ')}) values ${Array.from({ length: count }, () => tuple).join(', ')}${returning}`;
          prepared = { sql, statement: connection.prepare(sql) };
          statements.set(count, prepared);
        }
        return prepared;
      };
      for (let start = 0; start < rows.length; start += perRow) {
        const batch = rows.slice(start, start + perRow);
        const values: unknown[] = [];
        for (const row of batch) for (const column of columns) values.push(sqliteValue(row[column]));
        const { sql, statement } = statementFor(batch.length);
        announce(sql, values);
        if (returning) answered.push(...statement.all(values));
        else statement.run(values);
      }
      return answered;
    } finally {
      await trx.client.releaseConnection(connection);
    }
  }

  const size = strapi.db.dialect.getBatchInsertSize?.() ?? 500;
  for (let start = 0; start < rows.length; start += size) {
    let query = namedTable(strapi, trx, table).insert(rows.slice(start, start + size));
    if (options.ignoreConflictOn) query = query.onConflict(options.ignoreConflictOn).ignore();
    const result = await (options.returning ? query.returning(options.returning) : query);
    if (options.returning) answered.push(...result);
  }
  return answered;
};

/**
 * Inserts relation link rows for `uid.attribute` in batches: pairs of (owner id, target id).
 * Used by bulk inserts, where the Document Service would cost one round trip per row.
 */
export const insertLinks = async (
  strapi: Core.Strapi,
  trx: Knex,
  uid: string,
  attribute: string,
  pairs: Array<[number, number]>,
) => {
  if (pairs.length === 0) return;
  const attr = strapi.db.metadata.get(uid as any).attributes[attribute] as any;
  const joinTable = attr?.joinTable;
  if (!joinTable) throw new Error(`${uid}.${attribute} has no join table`);
  const table = () => namedTable(strapi, trx, joinTable.name);
  const rows = pairs.map(([ownerId, targetId]) => {
    const row: Record<string, unknown> = {
      [joinTable.joinColumn.name]: ownerId,
      [joinTable.inverseJoinColumn.name]: targetId,
    };
    if (joinTable.orderColumnName) row[joinTable.orderColumnName] = 1;
    return row;
  });
  if (joinTable.inverseOrderColumnName) {
    // Each target's links go on after its last one (as Strapi orders them), read per target through the
    // target's index — never the whole link table.
    const target = joinTable.inverseJoinColumn.name;
    const order = joinTable.inverseOrderColumnName;
    const next = new Map<number, number>();
    const targets = [...new Set(pairs.map(([, targetId]) => targetId))];
    for (let i = 0; i < targets.length; i += LOOKUP_CHUNK) {
      const found = await table().whereIn(target, targets.slice(i, i + LOOKUP_CHUNK)).groupBy(target).select(target).max({ max: order });
      for (const row of found) next.set(Number(row[target]), Number(row.max ?? 0));
    }
    for (const row of rows) {
      const targetId = Number(row[target]);
      const position = (next.get(targetId) ?? 0) + 1;
      next.set(targetId, position);
      row[order] = position;
    }
  }
  await insertRows(strapi, trx, joinTable.name, rows);
};
