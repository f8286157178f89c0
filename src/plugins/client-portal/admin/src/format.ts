/** Dates as agents read them, in the admin's language; "—" for none. */
export const formatDate = (value: string | null | undefined, locale?: string, withTime = true) =>
  value
    ? new Intl.DateTimeFormat(locale, withTime ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'medium' }).format(new Date(value))
    : '—';
