import type { CachedResponse } from './response-cache.js';

/**
 * What several proxy instances share so that together they behave as one: answers (the cache),
 * who is fetching what (in-flight sharing) and each client's rate budget. `redisStore` from
 * `@carbontrack/proxy/redis` is the real backend; without a store each instance keeps its own in
 * memory. A store that fails is stood in for by the instance's memory (see the handler).
 */
export interface SharedStore {
  /** The stored answer for `key` (fresh or stale; the caller decides), or undefined. */
  get(key: string): Promise<CachedResponse | undefined>;
  /** Keeps a 200 answer for `keepMs` (its TTL plus how long it may stand in when stale). */
  set(key: string, entry: CachedResponse, keepMs: number): Promise<void>;
  /** Claims the fetch of `key` for `ms`: true for the one instance that should go upstream. */
  claim(key: string, ms: number): Promise<boolean>;
  /** Gives the claim up once the answer is stored. */
  release(key: string): Promise<void>;
  /** Counts one request of `client` this minute; the ms until the next minute when over `perMinute`, else 0. */
  take(client: string, perMinute: number): Promise<number>;
}
