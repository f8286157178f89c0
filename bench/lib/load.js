#!/usr/bin/env node
/**
 * One load run with autocannon, in its own process so the load generator does not share the server's event loop.
 * argv[2]: JSON { url, method?, headers?, body?, connections, durationSec }. Prints one JSON line:
 * { requests, durationSec, rps, p50, p99, errors, non2xx, cpuMs } (cpuMs: the load generator's own CPU time during the
 * run, without starting Node and loading autocannon).
 */
const autocannon = require('autocannon');

const options = JSON.parse(process.argv[2]);
const started = process.cpuUsage();
autocannon(
  {
    url: options.url,
    method: options.method ?? 'GET',
    headers: options.headers ?? {},
    body: options.body,
    connections: options.connections ?? 10,
    duration: options.durationSec ?? 5,
  },
  (error, result) => {
    if (error) {
      console.error(error);
      process.exit(1);
    }
    const used = process.cpuUsage(started);
    const seconds = result.duration;
    process.stdout.write(
      `${JSON.stringify({
        requests: result.requests.total,
        durationSec: seconds,
        rps: result.requests.total / seconds,
        p50: result.latency.p50,
        p99: result.latency.p99,
        errors: result.errors + result.timeouts,
        non2xx: result.non2xx,
        cpuMs: (used.user + used.system) / 1000,
      })}\n`,
    );
  },
);
