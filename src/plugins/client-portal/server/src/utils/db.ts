import type { Core } from '@strapi/strapi';
import { randomBytes } from './random';

/**
 * Low-level database helpers for the few places that need one conditional UPDATE or batched inserts
 * (atomic claims, bulk invites). Everything else goes through the Document Service.
 */
type Knex = any;

export const isPostgres = (strapi: Core.Strapi) => strapi.db.dialect.client === 'postgres';

export const tableOf = (strapi: Core.Strapi, uid: string): string => strapi.db.metadata.get(uid as any).tableName;

/** Column name of an attribute of `attributes` (a content type's metadata), or an error naming both. */
const columnIn = (attributes: Record<string, { columnName?: string }>, uid: string, attribute: string): string => {
  const column = attributes[attribute]?.columnName;
  if (!column) throw new Error(`No column for ${uid}.${attribute}`);
  return column;
};

/** Column name of an attribute (Strapi snake-cases and may shorten names). */
export const columnOf = (strapi: Core.Strapi, uid: string, attribute: string): string =>
  columnIn(strapi.db.metadata.get(uid as any).attributes as any, uid, attribute);

/** The link table of a relation attribute (its name, owner and target columns), or an error naming both. */
export const joinTableOf = (strapi: Core.Strapi, uid: string, attribute: string): any => {
  const joinTable = (strapi.db.metadata.get(uid as any).attributes as any)[attribute]?.joinTable;
  if (!joinTable) throw new Error(`${uid}.${attribute} has no join table`);
  return joinTable;
};

/** An identifier (column, alias) quoted for raw SQL on PostgreSQL and SQLite alike. */
export const quoted = (identifier: string) => `"${identifier}"`;

/**
 * Maps `{ attribute: value }` to `{ column: value }` (bulk work maps tens of thousands of rows: the metadata is read
 * once per row, no copies on the way).
 */
export const toColumns = (strapi: Core.Strapi, uid: string, data: Record<string, unknown>) => {
  const attributes = strapi.db.metadata.get(uid as any).attributes as any;
  const row: Record<string, unknown> = {};
  for (const key in data) row[columnIn(attributes, uid, key)] = data[key];
  return row;
};

/** A knex query on the table `name` (a link table, say), in the given transaction and the configured schema. */
export const namedTable = (strapi: Core.Strapi, trx: Knex, name: string) => {
  const schema = strapi.db.getSchemaName();
  return schema ? trx(name).withSchema(schema) : trx(name);
};

/** A knex query on the content type's table, in the given transaction and the configured schema. */
export const tableQuery = (strapi: Core.Strapi, trx: Knex, uid: string) => namedTable(strapi, trx, tableOf(strapi, uid));

export const rawTable = (strapi: Core.Strapi, table: string) => {
  const schema = strapi.db.getSchemaName();
  return schema ? `"${schema}"."${table}"` : `"${table}"`;
};

/**
 * The connection a raw statement must use here: the current transaction's (when there is one — on SQLite, with its
 * single connection, a statement outside it would wait for it forever), else the pool.
 */
export const currentConnection = async (strapi: Core.Strapi): Promise<Knex> =>
  strapi.db.inTransaction() ? ((await strapi.db.transaction()) as unknown as { get: () => Knex }).get() : strapi.db.connection;

/** Runs `fn` in the current transaction, or a new one. */
export const inTransaction = <T>(strapi: Core.Strapi, fn: (trx: Knex) => Promise<T>): Promise<T> =>
  strapi.db.transaction(({ trx }) => fn(trx)) as Promise<T>;

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const ID_LENGTH = 24;

/**
 * A new documentId for rows inserted in bulk, shaped like Strapi's own (24 characters, lower-case letters and
 * digits, starting with a letter), from the secure random source's pooled bytes (bulk work makes tens of thousands).
 */
export const newDocumentId = () => {
  const bytes = randomBytes(ID_LENGTH);
  let id = ID_ALPHABET[bytes[0] % 26];
  for (let i = 1; i < ID_LENGTH; i += 1) id += ID_ALPHABET[bytes[i] % 36];
  return id;
};

/** Reads rows returned by a raw query on either dialect. */
export const rowsOf = (result: any): any[] => (Array.isArray(result) ? result : (result?.rows ?? []));

/** Of `ownerIds`, those that already have a link for `uid.attribute` (e.g. invitations already carrying a form). */
export const linkedOwners = async (strapi: Core.Strapi, trx: Knex, uid: string, attribute: string, ownerIds: number[]): Promise<Set<number>> => {
  const joinTable = joinTableOf(strapi, uid, attribute);
  const owners = new Set<number>();
  for (let i = 0; i < ownerIds.length; i += 500) {
    const rows = await namedTable(strapi, trx, joinTable.name).whereIn(joinTable.joinColumn.name, ownerIds.slice(i, i + 500)).select(joinTable.joinColumn.name);
    for (const row of rows) owners.add(Number(row[joinTable.joinColumn.name]));
  }
  return owners;
};

/**
 * Rows of `uid` whose `attribute` is one of `values`, with attributes of their to-one relation targets, in one
 * statement: LEFT JOINs from the rows through each link table's owner index. Strapi's populate reads each relation
 * with a statement of its own that starts from the target table (PostgreSQL may walk all of it), which made these
 * reads the costliest statements of the outbox's delivery recording. Answers rows by attribute name, each relation
 * as `{ ...its attributes }` or null.
 */
export const findWithTargets = async (
  strapi: Core.Strapi,
  trx: Knex,
  uid: string,
  options: { where: [attribute: string, values: Array<string | number>]; select: string[]; targets: Record<string, string[]> },
): Promise<any[]> => {
  const meta = strapi.db.metadata.get(uid as any) as any;
  const schema = strapi.db.getSchemaName();
  const qualified = (table: string) => (schema ? `${schema}.${table}` : table);
  const [whereAttribute, values] = options.where;
  const relations = Object.entries(options.targets).map(([relation, attributes], index) => {
    const attribute = meta.attributes[relation];
    const joinTable = attribute?.joinTable;
    if (!joinTable || !['oneToOne', 'manyToOne'].includes(attribute.relation)) throw new Error(`${uid}.${relation} is not a to-one relation with a link table`);
    return { relation, attributes, joinTable, target: attribute.target as string, link: `l${index}`, alias: `t${index}` };
  });
  const columns: Record<string, string> = { id: 'o.id' };
  for (const attribute of options.select) columns[attribute] = `o.${columnOf(strapi, uid, attribute)}`;
  for (const { relation, attributes, target, alias } of relations) {
    columns[`${relation}__id`] = `${alias}.id`;
    for (const attribute of attributes) columns[`${relation}__${attribute}`] = `${alias}.${columnOf(strapi, target, attribute)}`;
  }
  const whereColumn = `o.${columnOf(strapi, uid, whereAttribute)}`;
  const rows = new Map<number, any>();
  for (const batch of chunks([...new Set(values)], 500)) {
    let query = trx.from({ o: qualified(meta.tableName) }).whereIn(whereColumn, batch);
    for (const { joinTable, target, link, alias } of relations) {
      query = query
        .leftJoin({ [link]: qualified(joinTable.name) }, `${link}.${joinTable.joinColumn.name}`, 'o.id')
        .leftJoin({ [alias]: qualified(tableOf(strapi, target)) }, `${alias}.id`, `${link}.${joinTable.inverseJoinColumn.name}`);
    }
    for (const raw of await query.select(columns)) {
      const id = Number(raw.id);
      if (rows.has(id)) continue;
      const row: any = { id };
      for (const attribute of options.select) row[attribute] = raw[attribute];
      for (const { relation, attributes } of relations) {
        const targetId = raw[`${relation}__id`];
        row[relation] = targetId == null ? null : Object.fromEntries([['id', Number(targetId)], ...attributes.map((attribute) => [attribute, raw[`${relation}__${attribute}`]])]);
      }
      rows.set(id, row);
    }
  }
  return [...rows.values()];
};

/**
 * After a bulk write on PostgreSQL: refreshes the planner's statistics of the content types' tables (`withLinks`:
 * and their link tables). Until autovacuum gets to them, up to a minute later, the planner takes tables that just
 * grew by thousands of rows for tiny ones and reads them whole in hash joins; the outbox's delivery of a bulk invite
 * is exactly that minute. Best effort: a refusal (the database user does not own the tables, say) is logged and
 * changes nothing else. SQLite plans without statistics unless asked: left alone.
 */
export const refreshStatistics = async (strapi: Core.Strapi, { withLinks, alone = [] }: { withLinks: string[]; alone?: string[] }) => {
  if (!isPostgres(strapi)) return;
  const tables = new Set<string>(alone.map((uid) => tableOf(strapi, uid)));
  for (const uid of withLinks) {
    const meta = strapi.db.metadata.get(uid as any) as any;
    tables.add(meta.tableName);
    for (const attribute of Object.values(meta.attributes) as any[]) if (attribute.joinTable?.name) tables.add(attribute.joinTable.name);
  }
  try {
    await strapi.db.connection.raw(`ANALYZE ${[...tables].map((table) => rawTable(strapi, table)).join(', ')}`);
  } catch (error) {
    strapi.log.warn(`client-portal: table statistics not refreshed after a bulk write: ${(error as Error).message}`);
  }
};

/** Splits a list into chunks (for IN lists and batch inserts). */
export const chunks = <T>(items: T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

/**
 * Runs `fn` so that its failure undoes only its own writes: inside a transaction, between a SAVEPOINT and a
 * ROLLBACK TO it (PostgreSQL and SQLite), so the surrounding write (e.g. saving a deal) still commits.
 */
export const attempt = async <T>(strapi: Core.Strapi, fn: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> => {
  if (!strapi.db.inTransaction()) {
    try {
      return { ok: true, value: await strapi.db.transaction(() => fn()) };
    } catch (error) {
      return { ok: false, error };
    }
  }
  return strapi.db.transaction(async ({ trx }) => {
    const savepoint = `cp_attempt_${newDocumentId()}`;
    await trx.raw(`SAVEPOINT ${savepoint}`);
    try {
      const value = await fn();
      await trx.raw(`RELEASE SAVEPOINT ${savepoint}`);
      return { ok: true as const, value };
    } catch (error) {
      await trx.raw(`ROLLBACK TO SAVEPOINT ${savepoint}`);
      return { ok: false as const, error };
    }
  });
};
