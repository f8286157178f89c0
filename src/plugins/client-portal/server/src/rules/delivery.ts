/** Outbox delivery rules: which failures are final, what the agent reads, and when to try again. */

/** A template that cannot be rendered (the email templates' TemplateError): never better on a retry. */
const isTemplateError = (error: any): error is { part: string; message: string } => error?.name === 'TemplateError';

/** SMTP reply codes >= 500 and errors that cannot get better by waiting. */
export const isPermanentFailure = (error: any): boolean => {
  if (isTemplateError(error)) return true;
  const code = Number(error?.responseCode);
  if (Number.isFinite(code) && code >= 500) return true;
  if (Number.isFinite(code) && code >= 400) return false;
  return error?.code === 'EENVELOPE' || error?.code === 'EMESSAGE';
};

/** What the agent sees: the server's reply, else the error message. Never the message body. */
export const describeFailure = (error: any): string => {
  if (isTemplateError(error)) return `Template error in ${error.part}: ${error.message}`;
  const text = error?.response || error?.message || String(error);
  return String(text).slice(0, 1000);
};

/**
 * Delay before retry number `attempts` (1, 2, …): `baseMs` doubling per attempt up to `maxMs`, times a jitter
 * between 0.5 and 1.5 (`random` in [0, 1]) so many failed messages do not all come back at once.
 */
export const retryDelayMs = (attempts: number, baseMs: number, maxMs: number, random: number) => {
  const base = Math.min(baseMs * 2 ** Math.max(0, attempts - 1), maxMs);
  return Math.round(base * (0.5 + Math.min(1, Math.max(0, random))));
};
