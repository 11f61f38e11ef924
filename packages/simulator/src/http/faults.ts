// Seeded fault injection. The fault stream is its own PRNG, advanced exactly once per request to
// /oauth/token and /ctapi/*, so the same seed and the same request order give the same faults.
import type { MiddlewareHandler } from 'hono';
import { Random, streamSeed } from '../data/random.js';
import { ERROR_NUMBERS, errorResponse } from './error-response.js';

/** The kinds of injected fault. */
export const FAULT_KINDS = [
  'server-error',
  'unavailable',
  'rate-limit-burst',
  'truncated-json',
  'invalid-json',
] as const;

/** One kind of injected fault. */
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Requests after the first that a 429 burst also rejects. */
const BURST_FOLLOWERS = 2;

/**
 * Middleware injecting a fault with probability `rate`. One uniform draw u per request decides:
 * u < rate picks kind FAULT_KINDS[floor(u / rate × 5)]. A burst rejects the next requests with the
 * same Authorization header too. The two corrupting kinds let the request run and damage its body
 * only when it succeeded (2xx); an error response passes through unchanged.
 */
export function faultInjector(seed: number, rate: number, onFault: (kind: FaultKind) => void): MiddlewareHandler {
  const rng = new Random(streamSeed(seed, 'faults'));
  const bursts = new Map<string, number>();
  return async (c, next) => {
    if (rate <= 0) return next();
    const draw = rng.next();
    const key = c.req.header('authorization') ?? 'anonymous';
    const burstLeft = bursts.get(key) ?? 0;
    if (burstLeft > 0) {
      bursts.set(key, burstLeft - 1);
      onFault('rate-limit-burst');
      return tooManyRequests();
    }
    if (draw >= rate) return next();
    const kind = FAULT_KINDS[Math.min(FAULT_KINDS.length - 1, Math.floor((draw / rate) * FAULT_KINDS.length))];
    switch (kind) {
      case 'server-error':
        onFault(kind);
        return errorResponse(500, ERROR_NUMBERS.serverError, 'An error has occurred.');
      case 'unavailable':
        onFault(kind);
        return errorResponse(503, ERROR_NUMBERS.unavailable, 'The service is temporarily unavailable.', undefined, {
          'Retry-After': '1',
        });
      case 'rate-limit-burst':
        onFault(kind);
        bursts.set(key, BURST_FOLLOWERS);
        return tooManyRequests();
      default: {
        await next();
        if (c.res.status < 200 || c.res.status > 299 || !kind) return;
        onFault(kind);
        const text = await c.res.text();
        const body =
          kind === 'truncated-json'
            ? text.slice(0, Math.floor(text.length / 2))
            : `${text.slice(0, -1)},${text.slice(-1)}`;
        const headers = new Headers(c.res.headers);
        headers.delete('content-length');
        c.res = undefined;
        c.res = new Response(body, { status: 200, headers });
      }
    }
  };
}

function tooManyRequests(): Response {
  const message = 'Rate limit exceeded, retry after 1 s.';
  return errorResponse(429, ERROR_NUMBERS.rateLimited, message, message, { 'Retry-After': '1' });
}
