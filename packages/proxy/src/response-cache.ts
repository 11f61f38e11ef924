/** One cached upstream answer. */
export interface CachedResponse {
  /** Upstream status (only 200 is cached). */
  status: number;
  /** The body, as sent to browsers. */
  body: string;
  /** Strong ETag of the body. */
  etag: string;
  /** When it was stored, epoch ms. */
  storedAt: number;
  /** `Retry-After` to pass on (a 429). */
  retryAfter?: string | undefined;
}

/** Limits of a {@link ResponseCache}. */
export interface ResponseCacheLimits {
  /** How long an answer is fresh, in ms. */
  ttlMs: number;
  /** How long past its TTL a good answer may still stand in for a failed upstream (0 = never). */
  staleIfErrorMs: number;
  /** Most answers kept. */
  maxEntries: number;
  /** Most bytes of bodies kept (UTF-16 code units x 2: what the strings hold in memory). */
  maxBytes: number;
}

/**
 * A TTL cache with in-flight sharing, bounded by entries and by bytes: identical queries arriving
 * while one is being fetched wait for that one instead of going upstream again (many portal users
 * watching one device). Entries past their TTL plus `staleIfErrorMs` are dropped; until then a
 * good answer can stand in for a failed upstream. The oldest entries go first.
 */
export class ResponseCache {
  private readonly entries = new Map<string, CachedResponse>();
  private readonly pending = new Map<string, Promise<CachedResponse>>();
  private bytes = 0;

  constructor(
    private readonly limits: ResponseCacheLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Bytes of the bodies held now. */
  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }

  /** A fresh entry for `key`, or undefined. */
  fresh(key: string): CachedResponse | undefined {
    const entry = this.entries.get(key);
    return entry && this.now() - entry.storedAt < this.limits.ttlMs ? entry : undefined;
  }

  /** The last good entry for `key` not older than TTL + staleIfErrorMs, for when upstream fails. */
  stale(key: string): CachedResponse | undefined {
    const entry = this.entries.get(key);
    return entry && this.now() - entry.storedAt < this.limits.ttlMs + this.limits.staleIfErrorMs ? entry : undefined;
  }

  /**
   * Fetches through `load` unless a fresh entry or an identical fetch in flight exists; only
   * 200s are stored.
   */
  async getOrLoad(key: string, load: () => Promise<CachedResponse>): Promise<{ entry: CachedResponse; hit: boolean }> {
    const fresh = this.fresh(key);
    if (fresh) return { entry: fresh, hit: true };
    let inFlight = this.pending.get(key);
    const shared = inFlight !== undefined;
    if (!inFlight) {
      inFlight = load().finally(() => this.pending.delete(key));
      this.pending.set(key, inFlight);
    }
    const entry = await inFlight;
    if (!shared && entry.status === 200) this.store(key, entry);
    return { entry, hit: shared };
  }

  private store(key: string, entry: CachedResponse): void {
    this.remove(key);
    const size = weight(key, entry);
    // An answer larger than the whole budget is served, not kept.
    if (size > this.limits.maxBytes) return;
    this.entries.set(key, entry);
    this.bytes += size;
    this.dropExpired();
    // Maps iterate in insertion order: the first key is the oldest.
    while (this.entries.size > this.limits.maxEntries || this.bytes > this.limits.maxBytes) {
      this.remove(this.entries.keys().next().value as string);
    }
  }

  private dropExpired(): void {
    const horizon = this.now() - this.limits.ttlMs - this.limits.staleIfErrorMs;
    for (const [key, entry] of this.entries) {
      // Oldest first: the first one still in time ends the sweep.
      if (entry.storedAt >= horizon) break;
      this.remove(key);
    }
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= weight(key, entry);
  }
}

function weight(key: string, entry: CachedResponse): number {
  return 2 * (key.length + entry.body.length + entry.etag.length);
}

/** A strong ETag for a body: the first 16 bytes of its SHA-256, base64url. */
export async function etagOf(body: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(body));
  const bytes = new Uint8Array(digest).subarray(0, 16);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `"${btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}"`;
}
