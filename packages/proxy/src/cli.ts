#!/usr/bin/env node
// carbontrack-proxy: serves the embedding proxy until SIGINT/SIGTERM, configured from the
// environment so that the account's password never appears in argv (visible to every process
// of the machine). One JSON line per answer and per event on stdout. Bad settings exit with 2.
import { parseArgs } from 'node:util';
import { EnvironmentError, proxyOptionsFromEnv } from './env-options.js';
import { serveProxy } from './node.js';
import type { ProxyOptions } from './proxy-options.js';

const HELP = `Usage: carbontrack-proxy [--port <n>] [--host <addr>]

Environment:
  CARBONTRACK_UPSTREAM            carbonTRACK API root (required), e.g. https://apiv2.carbontrack.com.au
  CARBONTRACK_USERNAME            the account the proxy signs in with (required)
  CARBONTRACK_PASSWORD            its password (required; read from here only, never from argv)
  CARBONTRACK_PUBLIC_ORIGINS      the proxy's own origins, comma-separated (also the only Host names served)
  CARBONTRACK_ALLOWED_ORIGINS     other origins allowed to call it, comma-separated
  CARBONTRACK_TRUST_PROXY         proxies in front: a hop count (1 for a load balancer) or addresses, comma-separated
  CARBONTRACK_DEADLINE_MS         longest a browser waits for one answer (default 10000)
  CARBONTRACK_CACHE_TTL_MS        how long an answer is reused (default 15000; 0 turns the cache off)
  CARBONTRACK_CACHE_MAX_BYTES     most bytes of answers kept (default 33554432)
  CARBONTRACK_STALE_IF_ERROR_MS   how long past its TTL a good answer may stand in for a failed upstream (default 300000)
  CARBONTRACK_RATE_LIMIT          requests per client per minute (default 600; 0 = off)
  CARBONTRACK_REDIS_URL           a Redis several instances share (cache, in-flight fetches, rate budgets), e.g. redis://127.0.0.1:6379
  PORT                            port when --port is not given (default 8788)
`;

function main(): void {
  let values: { port?: string; host?: string; help?: boolean };
  try {
    values = parseArgs({
      args: process.argv.slice(2),
      strict: true,
      options: { port: { type: 'string' }, host: { type: 'string' }, help: { type: 'boolean' } },
    }).values;
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
    return;
  }
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  let options: ProxyOptions & { port: number; host: string };
  try {
    options = {
      ...proxyOptionsFromEnv(process.env),
      port: portFrom(values.port ?? process.env.PORT),
      host: values.host ?? '127.0.0.1',
      log: (entry) => process.stdout.write(`${JSON.stringify(entry)}\n`),
    };
  } catch (error) {
    if (error instanceof EnvironmentError) {
      fail(error.message);
      return;
    }
    throw error;
  }
  const redisUrl = process.env.CARBONTRACK_REDIS_URL;
  const withStore = redisUrl
    ? import('./redis-store.js').then(async ({ redisStore }) => {
        const store = redisStore(redisUrl);
        // Connected before the first request, or after 3 s on memory (it connects in the background).
        await Promise.race([store.ready, new Promise((resolve) => setTimeout(resolve, 3_000))]);
        return { ...options, store };
      })
    : Promise.resolve(options);
  withStore.then(serveProxy).then(
    (running) => {
      process.stdout.write(
        `${JSON.stringify({ kind: 'event', event: 'listening', message: `carbonTRACK proxy listening on ${running.url}`, url: running.url })}\n`,
      );
      const stop = () => void running.close().then(() => process.exit(0));
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
    },
    (error: unknown) => {
      process.stderr.write(`carbontrack-proxy: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}

function portFrom(value: string | undefined): number {
  if (value === undefined || value === '') return 8788;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new EnvironmentError(`PORT must be 0..65535, got ${value}`);
  return port;
}

function fail(message: string): void {
  process.stderr.write(`carbontrack-proxy: ${message}\n\n${HELP}`);
  process.exitCode = 2;
}

main();
