import { z } from 'zod';
import { LANGUAGES, LIMITS, PERMISSION_FLAGS } from '../constants';

const roleKey = z.string().regex(new RegExp(LIMITS.roleKeyPattern), 'must be lower-case letters, digits or "-", 2–50 characters, starting with a letter');
const flagName = z.string().regex(/^[a-z][A-Za-z0-9]{1,49}$/, 'must be a camelCase name');

/** A portal role given in config (`roles`); flags not listed are false. */
const roleSchema = z.strictObject({
  key: roleKey,
  name: z.string().min(1).max(100),
  description: z.string().max(1000).optional(),
  permissions: z.record(flagName, z.boolean()),
});

/** Invitation validity in days (1–30), shared by config, settings and the invite API. */
export const expiryDaysSchema = z
  .number()
  .int('must be a whole number of days')
  .min(LIMITS.invitationExpiryDaysMin, `must be at least ${LIMITS.invitationExpiryDaysMin}`)
  .max(LIMITS.invitationExpiryDaysMax, `must be at most ${LIMITS.invitationExpiryDaysMax}`);

const bucket = z.strictObject({ points: z.number().int().min(1).max(1_000_000), durationSec: z.number().int().min(1).max(86_400 * 7) });
const limitPair = z.strictObject({ account: bucket.optional(), ip: bucket.optional() });

/** Rate limits per action, each per account (email) and per client IP. */
export const RATE_LIMIT_ACTIONS = ['login', 'register', 'verify', 'resendCode', 'forgotPassword', 'resetPassword', 'invitation', 'portalInfo'] as const;
export type RateLimitAction = (typeof RATE_LIMIT_ACTIONS)[number];

export const configSchema = z.strictObject({
  /** Where invite, verification and reset links point: the bundled reference portal or your own frontend. */
  portalUrl: z.url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL' }),
  /** Portal switched on. When off, logins and registrations are refused with a clear reason. */
  portalEnabled: z.boolean(),
  /** The office's public portal id, carried by self-registration links. */
  publicPortalId: z.string().regex(/^[A-Za-z0-9_-]{3,64}$/, 'must be 3–64 letters, digits, "_" or "-"'),
  /** Agency name shown in emails and on the portal. */
  agencyName: z.string().min(1).max(200),
  invitationExpiryDays: expiryDaysSchema,
  clientsCanInviteOthers: z.boolean(),
  defaultAutoInviteRole: roleKey,
  defaultLanguage: z.enum(LANGUAGES),
  temporaryPasswordLifetimeDays: z.number().int().min(1).max(30),
  resendLimitPerHour: z.number().int().min(1).max(100),
  /** Extra roles and permission flags registered from config (code can call the roles service too). */
  roles: z.array(roleSchema),
  permissionFlags: z.array(flagName),
  /**
   * PostgreSQL: how many prepared statements each database connection keeps (parsed and planned once, least
   * recently used dropped first); 0 sends every statement unprepared (poolers in transaction mode).
   */
  preparedStatements: z.number().int().min(0).max(10_000),
  /** Outbox worker: run in this instance (turn off on instances that must not send mail). */
  worker: z.strictObject({
    enabled: z.boolean(),
    pollIntervalMs: z.number().int().min(50).max(60_000),
    batchSize: z.number().int().min(1).max(500),
    /**
     * Outcomes recorded per transaction while a batch is sent: fewer commits the larger it is, and the more emails an
     * instance killed mid-batch leaves sent but unrecorded (sent again by another worker).
     */
    recordGroup: z.number().int().min(1).max(500),
    maxAttempts: z.number().int().min(1).max(50),
    claimTimeoutMs: z.number().int().min(200).max(3_600_000),
    /** First retry delay; doubles per attempt up to retryMaxMs, with ±50 % jitter. */
    retryBaseMs: z.number().int().min(10).max(3_600_000),
    retryMaxMs: z.number().int().min(10).max(86_400_000),
  }),
  /** Temporary password lifetime and code validity. */
  codeLifetimeMinutes: z.number().int().min(1).max(60),
  codeMaxAttempts: z.number().int().min(1).max(20),
  codeMaxDailyFailures: z.number().int().min(1).max(10_000),
  /** `memory` (one instance) or `redis` (shared by every instance; needs redisUrl). */
  rateLimitStore: z.enum(['memory', 'redis']),
  redisUrl: z.string().nullable(),
  /** Prefix of the rate-limit keys (several offices may share one Redis). */
  rateLimitPrefix: z.string().regex(/^[A-Za-z0-9:_-]{1,60}$/, 'must be 1–60 letters, digits, ":", "_" or "-"'),
  rateLimits: z.partialRecord(z.enum(RATE_LIMIT_ACTIONS), limitPair),
  /** How often the expiry job runs (cron rule). */
  expiryCron: z.string().min(9).max(100),
  /** Lifetime of signed file links (avatars, photos, voice notes, documents); access is checked again on each fetch. */
  fileLinkTtlSeconds: z.number().int().min(10).max(86_400),
  /** Self-registrations whose email is not verified within this many hours are deleted by the scheduled job. */
  draftLifetimeHours: z.number().int().min(1).max(24 * 30),
  /** Invitations a client may send to others per day (UTC). */
  clientInvitesPerDay: z.number().int().min(1).max(1000),
  /** The health report says `degraded` once the oldest email waiting in the outbox is older than this. */
  healthMaxQueueAgeSeconds: z.number().int().min(10).max(7 * 86_400),
});

export type PluginConfig = z.infer<typeof configSchema>;

export const defaultConfig: PluginConfig = {
  portalUrl: 'http://localhost:1337/portal',
  portalEnabled: true,
  publicPortalId: 'office',
  agencyName: 'Our agency',
  invitationExpiryDays: LIMITS.invitationExpiryDaysDefault,
  clientsCanInviteOthers: false,
  defaultAutoInviteRole: 'buyer',
  defaultLanguage: 'en',
  temporaryPasswordLifetimeDays: 7,
  resendLimitPerHour: 5,
  roles: [],
  permissionFlags: [],
  preparedStatements: 200,
  worker: {
    enabled: true,
    pollIntervalMs: 1000,
    batchSize: 50,
    recordGroup: 25,
    maxAttempts: 8,
    claimTimeoutMs: 120_000,
    retryBaseMs: 5_000,
    retryMaxMs: 900_000,
  },
  expiryCron: '*/5 * * * *',
  fileLinkTtlSeconds: 900,
  draftLifetimeHours: 24,
  clientInvitesPerDay: 10,
  healthMaxQueueAgeSeconds: 900,
  codeLifetimeMinutes: 10,
  codeMaxAttempts: 5,
  codeMaxDailyFailures: 100,
  rateLimitStore: 'memory',
  redisUrl: null,
  rateLimitPrefix: 'cp',
  rateLimits: {},
};

/** nodemailer's own defaults, used when the email provider options leave a timeout unset. */
const NODEMAILER_TIMEOUTS = { connectionTimeout: 120_000, greetingTimeout: 30_000, socketTimeout: 600_000 };

/**
 * The outbox claim must outlive any send: a claim older than `claimTimeoutMs` is taken over by another worker, so
 * if one send could take longer (SMTP connection + greeting + socket timeouts), a slow message could be sent twice.
 * Returns the problem, naming the settings, or null.
 */
export const claimTimeoutProblem = (claimTimeoutMs: number, smtp: Partial<typeof NODEMAILER_TIMEOUTS> = {}): string | null => {
  const limits = { ...NODEMAILER_TIMEOUTS, ...Object.fromEntries(Object.entries(smtp).filter(([, value]) => typeof value === 'number')) };
  const longestSend = limits.connectionTimeout + limits.greetingTimeout + limits.socketTimeout;
  if (claimTimeoutMs > longestSend) return null;
  return (
    `client-portal config "worker.claimTimeoutMs" (OUTBOX_CLAIM_TIMEOUT_MS = ${claimTimeoutMs} ms) must exceed the longest SMTP send, ` +
    `SMTP_CONNECTION_TIMEOUT_MS + SMTP_GREETING_TIMEOUT_MS + SMTP_SOCKET_TIMEOUT_MS = ${limits.connectionTimeout} + ${limits.greetingTimeout} + ` +
    `${limits.socketTimeout} = ${longestSend} ms: otherwise a slow email is taken over by another worker and sent twice`
  );
};

/** Formats zod issues as "field: message" lines naming each bad setting. */
export const describeConfigErrors = (error: z.ZodError): string =>
  error.issues
    .map((issue) => `client-portal config "${issue.path.join('.') || '(root)'}": ${issue.message}`)
    .join('\n');

/** Throws an Error naming every invalid setting. Used by Strapi at boot. */
export const validateConfig = (config: unknown): PluginConfig => {
  const result = configSchema.safeParse(config);
  if (!result.success) {
    throw new Error(describeConfigErrors(result.error));
  }
  const builtIn = new Set<string>(PERMISSION_FLAGS);
  const clash = result.data.permissionFlags.find((flag) => builtIn.has(flag));
  if (clash) {
    throw new Error(`client-portal config "permissionFlags": "${clash}" is already a built-in permission flag`);
  }
  return result.data;
};

export default {
  default: defaultConfig,
  validator: (config: unknown) => {
    validateConfig(config);
  },
};
