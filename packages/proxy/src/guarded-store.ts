import type { ProxyLogEntry } from './proxy-options.js';
import type { CachedResponse } from './response-cache.js';
import type { SharedStore } from './shared-store.js';

/** A {@link SharedStore} whose failures are stood in for, never passed on. @internal */
export interface GuardedStore {
  /** The stored answer; undefined when there is none; null while the store is unreachable. */
  get(key: string): Promise<CachedResponse | undefined | null>;
  set(key: string, entry: CachedResponse, keepMs: number): Promise<void>;
  /** True also while the store is unreachable: each instance then fetches for itself. */
  claim(key: string, ms: number): Promise<boolean>;
  release(key: string): Promise<void>;
  /** The wait in ms, or -1 while the store is unreachable (the instance's own limiter decides). */
  take(client: string, perMinute: number): Promise<number>;
}

/** How long an unreachable store is left alone before it is tried again. */
const RETRY_AFTER_MS = 1_000;

/**
 * Keeps the proxy serving when its shared store (Redis) fails: every operation that fails falls
 * back to the instance's own memory (no shared answer, fetch alone, the local rate limiter), the
 * store is left alone for a second before it is tried again, and the log says so once when it
 * goes and once when it comes back. @internal
 */
export function guardStore(store: SharedStore, log: (entry: ProxyLogEntry) => void): GuardedStore {
  let downSince = 0;
  async function attempt<T>(operation: () => Promise<T>, fallback: T): Promise<T> {
    if (downSince !== 0 && Date.now() - downSince < RETRY_AFTER_MS) return fallback;
    try {
      const value = await operation();
      if (downSince !== 0) {
        downSince = 0;
        log({
          kind: 'event',
          event: 'shared-store-recovered',
          message: 'the shared store is back; instances share again',
        });
      }
      return value;
    } catch (error) {
      if (downSince === 0) {
        log({
          kind: 'event',
          event: 'shared-store-unavailable',
          message: `the shared store failed (${error instanceof Error ? error.message : String(error)}); this instance serves from its own memory`,
        });
      }
      downSince = Date.now();
      return fallback;
    }
  }
  return {
    get: (key) => attempt<CachedResponse | undefined | null>(() => store.get(key), null),
    set: (key, entry, keepMs) => attempt(() => store.set(key, entry, keepMs), undefined),
    claim: (key, ms) => attempt(() => store.claim(key, ms), true),
    release: (key) => attempt(() => store.release(key), undefined),
    take: (client, perMinute) => attempt(() => store.take(client, perMinute), -1),
  };
}
