import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env.js';
import { ERROR_NUMBERS, errorResponse } from './error-response.js';

/**
 * Token bucket per access token: `rate` requests a second with a burst of `rate`. Requests over the
 * limit get 429 with Retry-After (whole seconds until a request would pass).
 */
export function rateLimiter(rate: number, now: () => number): MiddlewareHandler<AppEnv> {
  const buckets = new Map<string, { tokens: number; atMs: number }>();
  return async (c, next) => {
    if (rate <= 0) return next();
    const key = c.get('accessToken');
    const nowMs = now();
    const bucket = buckets.get(key) ?? { tokens: rate, atMs: nowMs };
    bucket.tokens = Math.min(rate, bucket.tokens + ((nowMs - bucket.atMs) / 1000) * rate);
    bucket.atMs = nowMs;
    buckets.set(key, bucket);
    if (bucket.tokens < 1) {
      const retryAfter = Math.max(1, Math.ceil((1 - bucket.tokens) / rate));
      const message = `Rate limit exceeded, retry after ${retryAfter} s.`;
      return errorResponse(429, ERROR_NUMBERS.rateLimited, message, message, { 'Retry-After': String(retryAfter) });
    }
    bucket.tokens -= 1;
    await next();
  };
}
