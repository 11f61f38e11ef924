/**
 * `@carbontrack/proxy/redis`: the proxy's {@link SharedStore} on Redis (through ioredis), for
 * several instances behind a load balancer: one upstream request per query and TTL across all of
 * them, and one rate budget per client. Node only.
 * @packageDocumentation
 */
import { Redis } from 'ioredis';
import type { CachedResponse } from './response-cache.js';
import type { SharedStore } from './shared-store.js';

/** Settings of {@link redisStore}. */
export interface RedisStoreOptions {
  /** Prefix of every key (default `ct-proxy:`), so several proxies can share one Redis. */
  prefix?: string | undefined;
}

/**
 * A shared store on the Redis at `url` (e.g. `redis://127.0.0.1:6379`). Commands fail at once
 * while Redis is unreachable (no offline queue), so the proxy falls back to its memory without
 * waiting; the connection is retried every second in the background.
 */
export function redisStore(
  url: string,
  options: RedisStoreOptions = {},
): SharedStore & { ready: Promise<void>; close(): Promise<void> } {
  const prefix = options.prefix ?? 'ct-proxy:';
  const redis = new Redis(url, {
    lazyConnect: false,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 1_000,
    retryStrategy: () => 1_000,
  });
  // Failures reach the proxy through the commands; the client's own error events are not news.
  redis.on('error', () => {});
  const ready = new Promise<void>((resolve) => redis.once('ready', () => resolve()));
  return {
    /** Resolves once connected: wait for it before serving, or the first requests fall back to memory. */
    ready,
    async get(key) {
      const text = await redis.get(`${prefix}c:${key}`);
      return text === null ? undefined : (JSON.parse(text) as CachedResponse);
    },
    async set(key, entry, keepMs) {
      await redis.set(`${prefix}c:${key}`, JSON.stringify(entry), 'PX', Math.max(1, Math.round(keepMs)));
    },
    async claim(key, ms) {
      return (await redis.set(`${prefix}l:${key}`, '1', 'PX', Math.max(1, Math.round(ms)), 'NX')) === 'OK';
    },
    async release(key) {
      await redis.del(`${prefix}l:${key}`);
    },
    async take(client, perMinute) {
      // A sliding window: this minute's count plus the share of last minute's still in the last
      // 60 s, so a budget does not refill all at once when the minute turns.
      const now = Date.now();
      const window = Math.floor(now / 60_000);
      const current = `${prefix}r:${client}:${window}`;
      const previous = `${prefix}r:${client}:${window - 1}`;
      const replies = (await redis.multi().incr(current).pexpire(current, 120_000).get(previous).exec()) ?? [];
      const count = Number(replies[0]?.[1] ?? 0);
      const before = Number(replies[2]?.[1] ?? 0);
      const elapsed = (now % 60_000) / 60_000;
      const estimate = before * (1 - elapsed) + count;
      return estimate > perMinute ? Math.ceil((1 - elapsed) * 60_000) : 0;
    },
    async close() {
      redis.disconnect();
    },
  };
}
