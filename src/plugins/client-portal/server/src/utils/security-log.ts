import type { Core } from '@strapi/strapi';
import { PORTAL_ACCOUNT_STRATEGIES } from '../constants';

/** Security events worth a line in the log: who (account id), from where (IP), what; never a secret. */
export type SecurityEvent =
  | 'login_failed'
  | 'code_failed'
  | 'code_burnt'
  | 'rate_limited'
  | 'policy_denied'
  | 'session_rejected'
  | 'logout'
  | 'logout_all'
  | 'password_changed'
  | 'password_reset'
  | 'file_link_refused'
  | 'upload_refused';

/** Field names that must never reach the log, whatever a caller passes. */
const SECRET_FIELDS = /pass(word)?|token|code|secret|jwt|authorization|cookie/i;

/**
 * Writes one structured line, `client-portal.security {"event":…,"accountId":…,"ip":…,…}`, at warn level for
 * refusals and info for normal session events. The account and IP come from the current request unless given.
 */
export const securityEvent = (strapi: Core.Strapi, event: SecurityEvent, fields: Record<string, unknown> = {}) => {
  const ctx = strapi.requestContext.get() as any;
  const user = PORTAL_ACCOUNT_STRATEGIES.has(ctx?.state?.auth?.strategy?.name) ? ctx.state.user : null;
  const safe = Object.fromEntries(Object.entries(fields).filter(([name]) => !SECRET_FIELDS.test(name)));
  const line = {
    event,
    accountId: user?.id ?? null,
    ip: ctx?.request?.ip ?? null,
    // The route pattern, never the concrete path (a file link's path carries its signature).
    ...(ctx ? { method: ctx.method, route: ctx._matchedRoute ?? null } : {}),
    ...safe,
    at: new Date().toISOString(),
  };
  const level = event === 'logout' || event === 'logout_all' || event === 'password_changed' || event === 'password_reset' ? 'info' : 'warn';
  strapi.log[level](`client-portal.security ${JSON.stringify(line)}`);
};
