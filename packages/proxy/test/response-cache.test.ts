import { describe, expect, it } from 'vitest';
import { type CachedResponse, ResponseCache } from '../src/response-cache.js';

const page = (kib: number, storedAt: number): CachedResponse => ({
  status: 200,
  body: 'x'.repeat(kib * 512), // 512 UTF-16 code units = 1 KiB held
  etag: '"e"',
  storedAt,
});

describe('ResponseCache', () => {
  it('stays within its byte budget, dropping the oldest answers first', async () => {
    let now = 0;
    const cache = new ResponseCache(
      { ttlMs: 60_000, staleIfErrorMs: 0, maxEntries: 10_000, maxBytes: 100 * 1024 },
      () => now,
    );
    for (let i = 0; i < 500; i++) {
      now = i;
      await cache.getOrLoad(`k${i}`, async () => page(10, now));
      expect(cache.size.bytes).toBeLessThanOrEqual(100 * 1024);
    }
    expect(cache.size.entries).toBeLessThanOrEqual(10);
    expect(cache.fresh('k499')).toBeDefined();
    expect(cache.fresh('k0')).toBeUndefined();
    // An answer larger than the whole budget is served but not kept.
    const { entry } = await cache.getOrLoad('huge', async () => page(200, now));
    expect(entry.status).toBe(200);
    expect(cache.fresh('huge')).toBeUndefined();
  });

  it('drops answers past TTL + staleIfErrorMs, and keeps a stale one for failures until then', async () => {
    let now = 0;
    const cache = new ResponseCache(
      { ttlMs: 100, staleIfErrorMs: 1_000, maxEntries: 500, maxBytes: 1 << 30 },
      () => now,
    );
    await cache.getOrLoad('a', async () => page(1, now));
    now = 500;
    expect(cache.fresh('a')).toBeUndefined();
    expect(cache.stale('a')).toBeDefined();
    now = 1_200;
    expect(cache.stale('a')).toBeUndefined();
    // Storing another answer sweeps the expired one: memory does not stay behind.
    await cache.getOrLoad('b', async () => page(1, now));
    expect(cache.size.entries).toBe(1);
  });

  it('stores only 200s', async () => {
    const cache = new ResponseCache({ ttlMs: 1_000, staleIfErrorMs: 0, maxEntries: 5, maxBytes: 1 << 20 });
    await cache.getOrLoad('e', async () => ({ status: 502, body: '{}', etag: '', storedAt: Date.now() }));
    expect(cache.size.entries).toBe(0);
  });
});
