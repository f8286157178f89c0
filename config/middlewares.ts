type Env = ((key: string, fallback?: string) => string) & {
  int: (key: string, fallback?: number) => number;
  array: (key: string, fallback?: string[]) => string[];
};

const originOf = (url: string) => {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
};

export default ({ env }: { env: Env }) => {
  const port = env.int('PORT', 1337);
  const publicUrl = env('PUBLIC_URL', '') || `http://localhost:${port}`;
  const portalUrl = env('PORTAL_URL', '') || `${publicUrl.replace(/\/$/, '')}/portal`;
  // CORS: the portal's origin, this server's own and the origins listed in CORS_ORIGINS (comma-separated); no other
  // origin is reflected.
  const origins = [...new Set([portalUrl, publicUrl, ...env.array('CORS_ORIGINS', [])].map(originOf).filter((origin): origin is string => !!origin))];

  return [
    'strapi::logger',
    'strapi::errors',
    'strapi::security',
    { name: 'strapi::cors', config: { origin: origins, headers: ['Content-Type', 'Authorization', 'Origin', 'Accept', 'Idempotency-Key'], expose: ['Retry-After', 'Idempotent-Replayed'] } },
    'strapi::poweredBy',
    // The reference portal at /portal (portal/dist), with its own Content Security Policy.
    'global::portal',
    'strapi::query',
    // Multipart limits of the portal API (before the body parser): files only where a route takes one.
    'plugin::client-portal.uploads',
    'strapi::body',
    'strapi::session',
    'strapi::favicon',
    'strapi::public',
  ];
};
