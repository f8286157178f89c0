import { useTestApp } from '../helpers/strapi';
import { statementName, usePreparedStatements } from '../../src/plugins/client-portal/server/src/utils/prepared-statements';
import { tableOf } from '../../src/plugins/client-portal/server/src/utils/db';

/**
 * PostgreSQL statements are prepared once per connection and kept (parse and plan once), at most LIMIT per
 * connection; SQLite is left as it is.
 */
const LIMIT = 4;
const app = useTestApp({ env: { DATABASE_PREPARED_STATEMENTS: String(LIMIT), OUTBOX_WORKER_ENABLED: 'false' } });
const postgres = process.env.DATABASE_CLIENT === 'postgres';
const CONTACT = 'api::contact.contact';

const knex = () => app.strapi.db.connection;
const contacts = () => knex()(tableOf(app.strapi, CONTACT));

/** Runs `fn` on one connection of the pool, released afterwards. */
const onOneConnection = async <T>(fn: (connection: any) => Promise<T>): Promise<T> => {
  const connection = await knex().client.acquireConnection();
  try {
    return await fn(connection);
  } finally {
    await knex().client.releaseConnection(connection);
  }
};

/** The statements kept prepared on a connection, or on a transaction's (`trx`), by name. */
const preparedOn = async (connection: any, trx?: any): Promise<Map<string, { statement: string; runs: number }>> => {
  // An unnamed statement (it has a ';'), so it does not count itself.
  const query = knex().raw('SELECT name, statement, generic_plans + custom_plans AS runs FROM pg_prepared_statements;');
  const { rows } = await (trx ? query.transacting(trx) : query.connection(connection));
  return new Map(rows.map((row: any) => [row.name, { statement: row.statement, runs: Number(row.runs) }]));
};

if (postgres) {
  it('parses a statement once per connection, keeps it under a name of its text and runs it again with the same answers', async () => {
    await app.strapi.db.query(CONTACT).create({ data: { firstName: 'Ada', lastName: 'Prepared', email: 'ada.prepared@client.test' } });
    await onOneConnection(async (connection) => {
      const read = () => contacts().select('email').where('email', 'ada.prepared@client.test').connection(connection);
      const sql = read().toSQL().toNative().sql;
      const answers = [await read(), await read(), await read()];
      expect(answers.every((rows) => rows.length === 1 && rows[0].email === 'ada.prepared@client.test')).toBe(true);
      const kept = (await preparedOn(connection)).get(statementName(sql));
      expect(kept).toEqual({ statement: sql, runs: 3 });
    });
  });

  it("prepares the statements of Strapi's transactions too (the document service runs in one)", async () => {
    await app.strapi.db.transaction(async ({ trx }) => {
      const read = () => app.strapi.db.query(CONTACT).findMany({ where: { email: 'ada.prepared@client.test' }, select: ['email'] });
      expect(await read()).toHaveLength(1);
      expect(await read()).toHaveLength(1);
      const kept = [...(await preparedOn(null, trx)).values()].filter(({ statement }) => /from "[^"]*"\."contacts"|from "contacts"/.test(statement) && statement.includes('"email"'));
      expect(kept.map(({ runs }) => runs)).toContain(2);
    });
  });

  it(`keeps at most ${LIMIT} statements on a connection, dropping the least recently used`, async () => {
    await onOneConnection(async (connection) => {
      // Five different texts (lists of ids of five lengths); the first is used again before the others come.
      const read = (count: number) => contacts().select('id').whereIn('id', Array.from({ length: count }, (_, i) => i + 1)).connection(connection);
      const name = (count: number) => statementName(read(count).toSQL().toNative().sql);
      for (const count of [1, 2, 3, 1, 4, 5]) await read(count);
      const kept = await preparedOn(connection);
      const ours = [...kept.keys()].filter((key) => key.startsWith('cp_'));
      expect(ours.length).toBeLessThanOrEqual(LIMIT);
      expect(kept.has(name(2))).toBe(false); // least recently used
      for (const count of [1, 4, 5]) expect(kept.has(name(count))).toBe(true);
      // A dropped statement is prepared again when it comes back.
      expect(await read(2)).toEqual(expect.any(Array));
      expect((await preparedOn(connection)).get(name(2))?.runs).toBe(1);
    });
  });

  it('never drops a statement the server refused to prepare, so a later transaction on the connection goes through', async () => {
    await onOneConnection(async (connection) => {
      const read = (count: number) => contacts().select('id').whereIn('id', Array.from({ length: count }, (_, i) => i + 100)).connection(connection);
      for (const count of [1, 2, 3, 4]) await read(count);
      await expect(knex()('no_such_table').select('id').where('id', 1).connection(connection)).rejects.toThrow(/no_such_table/);
      const sql = (text: string) => knex().raw(text).connection(connection);
      await sql('BEGIN');
      try {
        // Four new statements push every older name out, the refused one included.
        for (const count of [5, 6, 7, 8]) expect(await read(count)).toEqual([]);
        await sql('COMMIT');
      } catch (error) {
        await sql('ROLLBACK');
        throw error;
      }
    });
  });

  it('leaves statements with a semicolon, bulk writes and schema changes unprepared', async () => {
    await onOneConnection(async (connection) => {
      const rows = Array.from({ length: 300 }, (_, i) => ({ first_name: 'Bulk', last_name: `Row ${i}`, email: `bulk-${i}@client.test` }));
      const insert = contacts().insert(rows).connection(connection);
      const sql = insert.toSQL().toNative().sql;
      await insert; // 900 parameters
      await knex().raw('SELECT 1;').connection(connection);
      const kept = await preparedOn(connection);
      expect(kept.has(statementName(sql))).toBe(false);
      expect(kept.has(statementName('SELECT 1;'))).toBe(false);
      await contacts().where('first_name', 'Bulk').del();
    });
  });

  it('prepares a statement anew once its table has changed under it, after failing once, in a transaction or not', async () => {
    const table = tableOf(app.strapi, CONTACT);
    await onOneConnection(async (connection) => {
      const read = () => contacts().select('*').limit(1).connection(connection);
      const sql = (text: string) => knex().raw(text).connection(connection);
      await read();
      await read();
      try {
        await knex().schema.alterTable(table, (t) => t.string('extra_one'));
        // In a transaction the failure fails the transaction, and the kept statements cannot be dropped there.
        await sql('BEGIN');
        await expect(read()).rejects.toThrow(/cached plan must not change result type/);
        await sql('ROLLBACK');
        expect((await read())[0]).toHaveProperty('extra_one');
        expect((await read())[0]).toHaveProperty('extra_one');

        await knex().schema.alterTable(table, (t) => t.string('extra_two'));
        await expect(read()).rejects.toThrow(/cached plan must not change result type/);
        expect((await read())[0]).toHaveProperty('extra_two');
      } finally {
        await knex().schema.alterTable(table, (t) => {
          t.dropColumn('extra_one');
          t.dropColumn('extra_two');
        });
      }
    });
  });
} else {
  it('leaves SQLite as it is: nothing is prepared by name', () => {
    const client = app.strapi.db.connection.client as any;
    const send = client._query;
    expect(usePreparedStatements(app.strapi, 200)).toBe(false);
    expect(client._query).toBe(send);
    expect(Object.getOwnPropertySymbols(client.config)).toEqual([]);
  });
}
