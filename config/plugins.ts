type Env = ((key: string, fallback?: string) => string) & {
  int: (key: string, fallback?: number) => number;
  bool: (key: string, fallback?: boolean) => boolean;
  json: (key: string, fallback?: unknown) => any;
};

/**
 * Where files are kept: this server's disk outside public/ (`PRIVATE_UPLOAD_DIR`, default private/uploads), or with
 * `UPLOAD_STORE=s3` a private S3 bucket (or any S3-compatible server) through @strapi/provider-upload-aws-s3.
 */
const uploadStore = (env: Env) => {
  const store = env('UPLOAD_STORE', 'local');
  if (store === 'local') return { directory: env('PRIVATE_UPLOAD_DIR', 'private/uploads') };
  if (store !== 's3') throw new Error(`UPLOAD_STORE must be "local" or "s3" (got "${store}")`);
  const endpoint = env('S3_ENDPOINT', '');
  return {
    store: {
      provider: 'aws-s3',
      providerOptions: {
        rootPath: env('S3_ROOT_PATH', ''),
        s3Options: {
          region: env('S3_REGION', 'us-east-1'),
          ...(endpoint ? { endpoint, forcePathStyle: env.bool('S3_FORCE_PATH_STYLE', true) } : {}),
          credentials: { accessKeyId: env('S3_ACCESS_KEY_ID', ''), secretAccessKey: env('S3_SECRET_ACCESS_KEY', '') },
          params: { ACL: 'private', Bucket: env('S3_BUCKET', ''), signedUrlExpires: 60 },
        },
      },
    },
  };
};

export default ({ env }: { env: Env }) => {
  const port = env.int('PORT', 1337);
  const publicUrl = env('PUBLIC_URL', '') || `http://localhost:${port}`;
  const smtpUser = env('SMTP_USER', '');

  return {
    'client-portal': {
      enabled: true,
      // BENCH_PLAIN_PLUGIN_DIR: the memory benchmark's stand-in with the same content types and no behaviour.
      resolve: env('BENCH_PLAIN_PLUGIN_DIR', '') || './src/plugins/client-portal',
      config: {
        // Invite, verification and reset links point here; never built from the request's Host header.
        portalUrl: env('PORTAL_URL', '') || `${publicUrl.replace(/\/$/, '')}/portal`,
        publicPortalId: env('PORTAL_PUBLIC_ID', 'office'),
        agencyName: env('AGENCY_NAME', 'Our agency'),
        invitationExpiryDays: env.int('INVITATION_EXPIRY_DAYS', 7),
        // When the maintenance job runs (expiry, drafts, sessions); seconds may be given as a sixth field.
        expiryCron: env('MAINTENANCE_CRON', '*/5 * * * *'),
        clientsCanInviteOthers: env.bool('CLIENTS_CAN_INVITE_OTHERS', false),
        // GET /api/client-portal/health says "degraded" once the oldest queued email is older than this.
        healthMaxQueueAgeSeconds: env.int('HEALTH_MAX_QUEUE_AGE_SECONDS', 900),
        resendLimitPerHour: env.int('INVITATION_RESEND_LIMIT_PER_HOUR', 5),
        temporaryPasswordLifetimeDays: env.int('TEMPORARY_PASSWORD_LIFETIME_DAYS', 7),
        // Rate limits are kept in Redis when REDIS_URL is set, so every instance shares them.
        rateLimitStore: env('REDIS_URL', '') ? 'redis' : 'memory',
        redisUrl: env('REDIS_URL', '') || null,
        rateLimitPrefix: env('RATE_LIMIT_PREFIX', 'cp'),
        // Optional overrides, e.g. {"login":{"account":{"points":5,"durationSec":900}}}
        rateLimits: env.json('PORTAL_RATE_LIMITS', {}),
        // Lifetime of signed links to client files (avatars, viewing photos, voice notes, documents).
        fileLinkTtlSeconds: env.int('FILE_LINK_TTL_SECONDS', 900),
        // PostgreSQL statements kept prepared per connection; 0 with a pooler in transaction mode (PgBouncer < 1.21).
        preparedStatements: env.int('DATABASE_PREPARED_STATEMENTS', 200),
        worker: {
          enabled: env.bool('OUTBOX_WORKER_ENABLED', true),
          pollIntervalMs: env.int('OUTBOX_POLL_INTERVAL_MS', 1000),
          batchSize: env.int('OUTBOX_BATCH_SIZE', 50),
          recordGroup: env.int('OUTBOX_RECORD_GROUP', 25),
          maxAttempts: env.int('OUTBOX_MAX_ATTEMPTS', 8),
          claimTimeoutMs: env.int('OUTBOX_CLAIM_TIMEOUT_MS', 120000),
          retryBaseMs: env.int('OUTBOX_RETRY_BASE_MS', 5000),
          retryMaxMs: env.int('OUTBOX_RETRY_MAX_MS', 900000),
        },
      },
    },
    // Every file of the media library is private: kept outside public/ (or in a private S3 bucket) and reachable only
    // through short-lived signed links that are checked against the caller's access when fetched.
    upload: {
      config: {
        // (The memory benchmark's plain stand-in has no file links to sign: it keeps Strapi's own local provider.)
        ...(env('BENCH_PLAIN_PLUGIN_DIR', '') ? {} : { provider: 'strapi-provider-upload-client-portal', providerOptions: uploadStore(env) }),
        // Files uploaded by agents in the media library: never active content.
        security: { deniedTypes: ['text/html', 'application/xhtml+xml', 'image/svg+xml', 'application/javascript', 'text/javascript', 'application/x-sh'] },
      },
    },
    'users-permissions': {
      config: {
        jwtSecret: env('JWT_SECRET'),
        jwtManagement: 'legacy-support',
        jwt: { expiresIn: env('JWT_EXPIRES_IN', '7d') },
        ratelimit: { enabled: env.bool('UP_RATELIMIT_ENABLED', true) },
      },
    },
    graphql: {
      config: {
        endpoint: '/graphql',
        shadowCRUD: true,
        landingPage: env('NODE_ENV', 'development') !== 'production',
        depthLimit: 10,
        defaultLimit: 25,
        maxLimit: 100,
        amountLimit: 100,
        apolloServer: { introspection: env('NODE_ENV', 'development') !== 'production' },
      },
    },
    email: {
      config: {
        provider: 'nodemailer',
        providerOptions: {
          host: env('SMTP_HOST', '127.0.0.1'),
          port: env.int('SMTP_PORT', 1025),
          secure: env.bool('SMTP_SECURE', false),
          ...(smtpUser ? { auth: { user: smtpUser, pass: env('SMTP_PASS', '') } } : {}),
          // Local catchers have no certificate; a real relay should set SMTP_SECURE or keep STARTTLS.
          ignoreTLS: env.bool('SMTP_IGNORE_TLS', false),
          pool: true,
          maxConnections: env.int('SMTP_MAX_CONNECTIONS', 5),
          connectionTimeout: env.int('SMTP_CONNECTION_TIMEOUT_MS', 10000),
          greetingTimeout: env.int('SMTP_GREETING_TIMEOUT_MS', 10000),
          socketTimeout: env.int('SMTP_SOCKET_TIMEOUT_MS', 20000),
        },
        settings: {
          defaultFrom: env('EMAIL_FROM', 'Client Portal <portal@localhost>'),
          defaultReplyTo: env('EMAIL_REPLY_TO', env('EMAIL_FROM', 'Client Portal <portal@localhost>')),
        },
      },
    },
  };
};
