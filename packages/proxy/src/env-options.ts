import type { TrustProxy } from './client-address.js';
import type { ProxyOptions } from './proxy-options.js';

/** A setting in the environment that cannot be used; its message names it. */
export class EnvironmentError extends Error {}

/** The environment the proxy reads (process.env on Node, a Worker's bindings on Cloudflare). */
export type ProxyEnvironment = Record<string, string | undefined>;

/**
 * The proxy's settings from its environment, the same names everywhere it runs (the
 * `carbontrack-proxy` process, a Cloudflare Worker): CARBONTRACK_UPSTREAM, _USERNAME and
 * _PASSWORD (required; secrets never come from argv), _PUBLIC_ORIGINS, _ALLOWED_ORIGINS,
 * _TRUST_PROXY, _DEADLINE_MS, _CACHE_TTL_MS, _CACHE_MAX_BYTES, _STALE_IF_ERROR_MS, _RATE_LIMIT.
 * @throws EnvironmentError naming the setting that is missing or malformed.
 */
export function proxyOptionsFromEnv(env: ProxyEnvironment): ProxyOptions {
  const upstream = required(env, 'CARBONTRACK_UPSTREAM');
  const username = required(env, 'CARBONTRACK_USERNAME');
  const password = required(env, 'CARBONTRACK_PASSWORD');
  const ttlMs = wholeNumber(env, 'CARBONTRACK_CACHE_TTL_MS', 15_000);
  return {
    upstream,
    credentials: { username, password },
    publicOrigins: list(env.CARBONTRACK_PUBLIC_ORIGINS),
    allowedOrigins: list(env.CARBONTRACK_ALLOWED_ORIGINS) ?? [],
    trustProxy: trustProxy(env.CARBONTRACK_TRUST_PROXY),
    deadlineMs: wholeNumber(env, 'CARBONTRACK_DEADLINE_MS', 10_000),
    rateLimitPerMinute: wholeNumber(env, 'CARBONTRACK_RATE_LIMIT', 600),
    cache:
      ttlMs === 0
        ? false
        : {
            ttlMs,
            maxBytes: wholeNumber(env, 'CARBONTRACK_CACHE_MAX_BYTES', 32 * 1024 * 1024),
            staleIfErrorMs: wholeNumber(env, 'CARBONTRACK_STALE_IF_ERROR_MS', 300_000),
          },
  };
}

function required(env: ProxyEnvironment, name: string): string {
  const value = env[name];
  if (!value) throw new EnvironmentError(`${name} must be set`);
  return value;
}

function wholeNumber(env: ProxyEnvironment, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value)) throw new EnvironmentError(`${name} must be a whole number, got ${value}`);
  return Number(value);
}

function list(value: string | undefined): string[] | undefined {
  const items = (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return items.length > 0 ? items : undefined;
}

function trustProxy(value: string | undefined): TrustProxy | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  return /^\d+$/.test(value.trim()) ? Number(value.trim()) : list(value);
}
