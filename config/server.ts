type Env = ((key: string, fallback?: string) => string) & {
  int: (key: string, fallback?: number) => number;
  bool: (key: string, fallback?: boolean) => boolean;
  array: (key: string, fallback?: string[]) => string[];
};

export default ({ env }: { env: Env }) => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  // The public address of this server (emails, admin links). Invite links use PORTAL_URL instead.
  url: env('PUBLIC_URL', ''),
  // Behind a reverse proxy: trust X-Forwarded-For, but only the TRUSTED_PROXY_HOPS right-most entries (the ones
  // your own proxies appended), so an address the client writes into the header buys nothing.
  proxy: { koa: env.bool('IS_PROXIED', false), maxIpsCount: env.int('TRUSTED_PROXY_HOPS', 1) },
  app: {
    keys: env.array('APP_KEYS'),
  },
  cron: {
    enabled: env.bool('CRON_ENABLED', true),
  },
});
