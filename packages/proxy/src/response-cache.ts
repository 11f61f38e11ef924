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
}

/**
 * A small TTL cache with in-flight sharing: identical queries arriving while one is being fetched
 * wait for that one instead of going upstream again (many portal users watching one device).
 */
export class ResponseCache {
  private readonly entries = new Map<string, CachedResponse>();
  private readonly pending = new Map<string, Promise<CachedResponse>>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** A fresh entry for `key`, or undefined. */
  get(key: string): CachedResponse | undefined {
    const entry = this.entries.get(key);
    if (entry && this.now() - entry.storedAt < this.ttlMs) return entry;
    if (entry) this.entries.delete(key);
    return undefined;
  }

  /** Fetches through `load` unless a fresh entry or an identical fetch in flight exists. */
  async getOrLoad(key: string, load: () => Promise<CachedResponse>): Promise<{ entry: CachedResponse; hit: boolean }> {
    const fresh = this.get(key);
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
    this.entries.delete(key);
    this.entries.set(key, entry);
    // Maps iterate in insertion order: the first key is the oldest.
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }
}

/** A strong ETag for a body: the first 16 bytes of its SHA-256, base64url. */
export async function etagOf(body: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(body));
  const bytes = new Uint8Array(digest).subarray(0, 16);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `"${btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}"`;
}
