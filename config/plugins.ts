type Env = ((key: string, fallback?: string) => string) & {
  int: (key: string, fallback?: number) => number;
  bool: (key: string, fallback?: boolean) => boolean;
  json: (key: string, fallback?: unknown) => any;
};

export default ({ env }: { env: Env }) => {
  const port = env.int('PORT', 1337);
  const publicUrl = env('PUBLIC_URL', '') || `http://localhost:${port}`;
  const smtpUser = env('SMTP_USER', '');

  return {
    'client-portal': {
      enabled: true,
      resolve: './src/plugins/client-portal',
      config: {
        // Invite, verification and reset links point here; never built from the request's Host header.
        portalUrl: env('PORTAL_URL', '') || `${publicUrl.replace(/\/$/, '')}/portal`,
        publicPortalId: env('PORTAL_PUBLIC_ID', 'office'),
        agencyName: env('AGENCY_NAME', 'Our agency'),
        invitationExpiryDays: env.int('INVITATION_EXPIRY_DAYS', 7),
        clientsCanInviteOthers: env.bool('CLIENTS_CAN_INVITE_OTHERS', false),
        resendLimitPerHour: env.int('INVITATION_RESEND_LIMIT_PER_HOUR', 5),
        temporaryPasswordLifetimeDays: env.int('TEMPORARY_PASSWORD_LIFETIME_DAYS', 7),
        // Rate limits are kept in Redis when REDIS_URL is set, so every instance shares them.
        rateLimitStore: env('REDIS_URL', '') ? 'redis' : 'memory',
        redisUrl: env('REDIS_URL', '') || null,
        rateLimitPrefix: env('RATE_LIMIT_PREFIX', 'cp'),
        // Optional overrides, e.g. {"login":{"account":{"points":5,"durationSec":900}}}
        rateLimits: env.json('PORTAL_RATE_LIMITS', {}),
        worker: {
          enabled: env.bool('OUTBOX_WORKER_ENABLED', true),
          pollIntervalMs: env.int('OUTBOX_POLL_INTERVAL_MS', 1000),
          batchSize: 50,
          maxAttempts: env.int('OUTBOX_MAX_ATTEMPTS', 8),
          claimTimeoutMs: env.int('OUTBOX_CLAIM_TIMEOUT_MS', 120000),
          retryBaseMs: env.int('OUTBOX_RETRY_BASE_MS', 5000),
          retryMaxMs: env.int('OUTBOX_RETRY_MAX_MS', 900000),
        },
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
