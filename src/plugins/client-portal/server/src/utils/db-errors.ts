/** True when a database error is a unique-constraint violation (SQLite or PostgreSQL). */
export const isUniqueViolation = (error: unknown): boolean => {
  const e = error as { code?: string; message?: string; cause?: { code?: string } } | null;
  if (!e) return false;
  const code = e.code ?? e.cause?.code;
  if (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return true;
  return typeof e.message === 'string' && /UNIQUE constraint failed|duplicate key value violates unique constraint/i.test(e.message);
};
