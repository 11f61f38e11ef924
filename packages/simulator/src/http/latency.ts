import type { MiddlewareHandler } from 'hono';
import { Random, streamSeed } from '../data/random.js';

/** Delays every response by `latencyMs` plus a seeded uniform jitter in [0, jitterMs]. */
export function latency(seed: number, latencyMs: number, jitterMs: number): MiddlewareHandler {
  const rng = new Random(streamSeed(seed, 'latency'));
  return async (_c, next) => {
    const delay = latencyMs + (jitterMs > 0 ? rng.next() * jitterMs : 0);
    await next();
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
  };
}
