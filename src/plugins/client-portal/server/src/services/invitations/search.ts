import type { Core } from '@strapi/strapi';
import { UID } from '../../constants';
import { isPostgres, rawTable, tableOf, columnOf } from '../../utils/db';
import { normalizeEmail } from '../../utils/email';

/**
 * The invitations list's search: invitations whose email, first name or last name starts with what the agent typed
 * (any case). Each of the three is a prefix match on an index made for it (`ensureSearchIndexes`), so a search costs
 * the same with a thousand invitations as with a million — a match anywhere inside would read every row.
 */
export const searchWhere = (strapi: Core.Strapi, q: string): Record<string, unknown> => {
  const email = normalizeEmail(q) ?? q.toLowerCase();
  // SQLite's LIKE ignores case already (and only then uses the NOCASE indexes); PostgreSQL's needs LOWER() on both sides.
  const name = isPostgres(strapi) ? { $startsWithi: q } : { $startsWith: q };
  return { $or: [{ emailNormalized: { $startsWith: email } }, { firstName: name }, { lastName: name }] };
};

/**
 * The indexes behind `searchWhere`, made once (IF NOT EXISTS) on boot. Strapi's schema cannot say how a column is
 * compared, and leaves indexes it did not make alone. PostgreSQL: pattern-ops indexes, which serve LIKE 'prefix%'
 * whatever the database's collation (on the lower-cased names, as `$startsWithi` compares them). SQLite: NOCASE
 * indexes, which serve its case-blind LIKE.
 */
export const ensureSearchIndexes = async (strapi: Core.Strapi) => {
  const table = tableOf(strapi, UID.invitation);
  const qualified = rawTable(strapi, table);
  const column = (attribute: string) => `"${columnOf(strapi, UID.invitation, attribute)}"`;
  const statements = isPostgres(strapi)
    ? [
        `CREATE INDEX IF NOT EXISTS "cp_invitations_email_prefix_idx" ON ${qualified} (${column('emailNormalized')} varchar_pattern_ops)`,
        `CREATE INDEX IF NOT EXISTS "cp_invitations_first_name_prefix_idx" ON ${qualified} ((LOWER(CAST(${column('firstName')} AS VARCHAR))) varchar_pattern_ops)`,
        `CREATE INDEX IF NOT EXISTS "cp_invitations_last_name_prefix_idx" ON ${qualified} ((LOWER(CAST(${column('lastName')} AS VARCHAR))) varchar_pattern_ops)`,
      ]
    : [
        `CREATE INDEX IF NOT EXISTS "cp_invitations_email_prefix_idx" ON ${qualified} (${column('emailNormalized')} COLLATE NOCASE)`,
        `CREATE INDEX IF NOT EXISTS "cp_invitations_first_name_prefix_idx" ON ${qualified} (${column('firstName')} COLLATE NOCASE)`,
        `CREATE INDEX IF NOT EXISTS "cp_invitations_last_name_prefix_idx" ON ${qualified} (${column('lastName')} COLLATE NOCASE)`,
      ];
  for (const statement of statements) await strapi.db.connection.raw(statement);
};
