/** The one place an email address is normalized: trim, Unicode NFC, lower-case. */
export const normalizeEmail = (value: unknown): string | null => {
  if (typeof value !== 'string') return null;
  const normalized = value.trim().normalize('NFC').toLowerCase();
  return normalized.length > 0 ? normalized : null;
};
