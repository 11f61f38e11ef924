import type { MiddlewareHandler } from 'hono';
import { Random, streamSeed } from '../data/random.js';

/**
 * Makes every response take at least `latencyMs` plus a seeded uniform jitter in [0, jitterMs],
 * counted from the request's arrival. The simulator's own work happens within that time, as a
 * real service's does on its many threads; a single-threaded simulator would otherwise add its
 * CPU time on top and queue concurrent requests behind one another.
 */
export function latency(seed: number, latencyMs: number, jitterMs: number): MiddlewareHandler {
  const rng = new Random(streamSeed(seed, 'latency'));
  return async (_c, next) => {
    const delay = latencyMs + (jitterMs > 0 ? rng.next() * jitterMs : 0);
    const arrived = performance.now();
    await next();
    const remaining = delay - (performance.now() - arrived);
    if (remaining > 0) await new Promise((resolve) => setTimeout(resolve, remaining));
  };
}
