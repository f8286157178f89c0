/** The one place an email address is normalized: trim, Unicode NFC, lower-case. */
export const normalizeEmail = (value: unknown): string | null => {
  if (typeof value !== 'string') return null;
  const normalized = value.trim().normalize('NFC').toLowerCase();
  return normalized.length > 0 ? normalized : null;
};

/** The address as typed, trimmed (what agents and clients see); null when empty. Anything else is left as is. */
export const trimmedEmail = (value: unknown): unknown => {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  return trimmed.length > 0 ? trimmed : null;
};

/**
 * Fills `emailNormalized` from `email` in a write's data, and trims the stored `email`: the one rule for every
 * entry point (Document Service middleware before validation, database lifecycles for imports and raw queries).
 */
export const normalizeEmailField = (data: Record<string, unknown> | null | undefined) => {
  if (!data || typeof data !== 'object' || !('email' in data)) return;
  data.email = trimmedEmail(data.email);
  data.emailNormalized = normalizeEmail(data.email);
};
