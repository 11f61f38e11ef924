import type { CarbonTrackCredentials, FetchLike, RetryOptions, SignInCooldown } from '@carbontrack/core';
import type { TrustProxy } from './client-address.js';
import type { SharedStore } from './shared-store.js';

/** One line of the proxy's log: an answer it gave, or an event worth an operator's eye. */
export type ProxyLogEntry = ProxyAccessLogEntry | ProxyEventLogEntry;

/** One answer the proxy gave: what was asked and how it went, never headers or bodies. */
export interface ProxyAccessLogEntry {
  /** Which kind of line. */
  kind: 'access';
  /** Request method. */
  method: string;
  /** Request path (no query string: it may carry customer filters). */
  path: string;
  /** Status returned to the browser. */
  status: number;
  /** Time spent, in ms. */
  durationMs: number;
  /** `hit`, `miss`, `not-modified` or `stale` (a good answer standing in for a failed upstream); absent otherwise. */
  cache?: 'hit' | 'miss' | 'not-modified' | 'stale' | undefined;
}

/** Something an operator should know, logged once when it happens. */
export interface ProxyEventLogEntry {
  /** Which kind of line. */
  kind: 'event';
  /**
   * `upstream-sign-in-refused`: the API refused the proxy's account; no sign-in is tried until the
   * cool-down ends. `shared-store-unavailable` / `shared-store-recovered`: the shared store
   * (Redis) failed and this instance serves from its own memory, or it is back.
   */
  event: 'upstream-sign-in-refused' | 'shared-store-unavailable' | 'shared-store-recovered';
  /** A sentence for the log (never a password or token). */
  message: string;
}

/** Settings of {@link createProxyHandler}. */
export interface ProxyOptions {
  /** carbonTRACK API root the proxy forwards to (the real API or a simulator). */
  upstream: string;
  /** The account the proxy signs in with; kept server-side, never sent to browsers. */
  credentials?: CarbonTrackCredentials | undefined;
  /** Alternative to credentials: bearer tokens from your own source. */
  tokenProvider?: (() => Promise<string>) | undefined;
  /** Other origins allowed to call the proxy (exact `scheme://host:port`, e.g. a partner's portal). */
  allowedOrigins?: readonly string[] | undefined;
  /**
   * The proxy's own origins, e.g. `['https://portal.example']`: where its pages are served from.
   * A request with an `Origin` passes only when that origin is here or in `allowedOrigins` (the
   * `Host` header is never taken as proof of being same-origin: a DNS-rebinding page sets it).
   * When set, a request whose `Host` is none of these hosts is refused (400).
   */
  publicOrigins?: readonly string[] | undefined;
  /**
   * Proxies in front of this one whose `X-Forwarded-For` / `Forwarded` may be believed for the
   * client's address (rate limits): a hop count (1 for one load balancer) or their addresses.
   * Default none. Set it only to what really stands in front: anyone can send these headers, and
   * a client believed about its address chooses its own rate-limit bucket.
   */
  trustProxy?: TrustProxy | undefined;
  /** Longest a browser waits for one answer, all upstream retries included, in ms (default 10 000; then 504). */
  deadlineMs?: number | undefined;
  /**
   * What several instances share: answers, in-flight fetches and rate budgets (`redisStore` from
   * `@carbontrack/proxy/redis`). Default: this instance's memory only. When the store fails the
   * instance falls back to its memory, logs once, and keeps serving.
   */
  store?: SharedStore | undefined;
  /** Response cache for the read endpoints, or false to turn it off. */
  cache?: ProxyCacheOptions | false | undefined;
  /** Path prefix the proxy is mounted under, e.g. `/ct`; stripped before routing. */
  basePath?: string | undefined;
  /** Largest request body accepted, in bytes (default 16 KiB: the API's bodies are tiny). */
  maxBodyBytes?: number | undefined;
  /** Requests per client per minute, with bursts up to this many (default 600; 0 = off). */
  rateLimitPerMinute?: number | undefined;
  /** Upstream fetch (default globalThis.fetch); an in-process simulator works too. */
  fetch?: FetchLike | undefined;
  /** Upstream per-attempt timeout in ms (default 30 000). */
  timeoutMs?: number | undefined;
  /** Upstream retry settings. A 429 is never slept through: it goes to the browser with its `Retry-After`. */
  retry?: RetryOptions | undefined;
  /** How long a refused sign-in of the proxy's account is remembered (1 s doubling to 5 min by default). */
  signInCooldown?: SignInCooldown | undefined;
  /** Receives one entry per request; nothing secret is ever in it. */
  log?: ((entry: ProxyLogEntry) => void) | undefined;
}

/** Settings of the proxy's response cache. */
export interface ProxyCacheOptions {
  /** How long an answer is reused, in ms (default 15 000). Also sent as `Cache-Control: max-age`. */
  ttlMs?: number | undefined;
  /** Most answers kept (default 500; the oldest go first). */
  maxEntries?: number | undefined;
  /** Most bytes of answers kept (default 32 MiB; the oldest go first). */
  maxBytes?: number | undefined;
  /**
   * How long past its TTL a good answer may stand in when the upstream fails (5xx, timeout, a
   * body that is not the documented page), marked `X-Carbontrack-Stale` (default 300 000 ms; 0 = never).
   */
  staleIfErrorMs?: number | undefined;
}

/** What the Node adapter (or any host) knows about the caller. */
export interface ProxyRequestInfo {
  /** Address of the socket the request came on; the rate-limit key, unless `trustProxy` says otherwise. */
  clientAddress?: string | undefined;
}

/** A proxy request handler: a Fetch-API function with optional client info. */
export type ProxyHandler = (request: Request, info?: ProxyRequestInfo) => Promise<Response>;
