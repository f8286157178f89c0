import type { TestApp } from './strapi';

export interface SentStatement {
  sql: string;
  bindings: unknown[];
}

/**
 * The SQL statements sent on the app's connection while `work` runs — knex's own, those of transactions and those
 * the plugin sends directly (bulk inserts announce theirs) — with the work's result.
 */
export const sqlDuring = async <T>(app: TestApp, work: () => Promise<T>): Promise<{ result: T; statements: SentStatement[] }> => {
  const statements: SentStatement[] = [];
  const listen = (query: { sql: string; bindings?: unknown[] }) => statements.push({ sql: query.sql, bindings: query.bindings ?? [] });
  app.strapi.db.connection.on('query', listen);
  try {
    return { result: await work(), statements };
  } finally {
    app.strapi.db.connection.off('query', listen);
  }
};
