import type { CarbonTrackCredentials, FetchLike, RetryOptions } from '@carbontrack/core';

/** One line of the proxy's access log: what was asked and how it went, never headers or bodies. */
export interface ProxyLogEntry {
  /** Request method. */
  method: string;
  /** Request path (no query string: it may carry customer filters). */
  path: string;
  /** Status returned to the browser. */
  status: number;
  /** Time spent, in ms. */
  durationMs: number;
  /** `hit`, `miss` or `not-modified` for cacheable routes; absent otherwise. */
  cache?: 'hit' | 'miss' | 'not-modified' | undefined;
}

/** Settings of {@link createProxyHandler}. */
export interface ProxyOptions {
  /** carbonTRACK API root the proxy forwards to (the real API or a simulator). */
  upstream: string;
  /** The account the proxy signs in with; kept server-side, never sent to browsers. */
  credentials?: CarbonTrackCredentials | undefined;
  /** Alternative to credentials: bearer tokens from your own source. */
  tokenProvider?: (() => Promise<string>) | undefined;
  /** Origins allowed to call the proxy cross-origin (exact `scheme://host:port`); same-origin calls are always allowed. */
  allowedOrigins?: readonly string[] | undefined;
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
  /** Upstream retry settings. */
  retry?: RetryOptions | undefined;
  /** Receives one entry per request; nothing secret is ever in it. */
  log?: ((entry: ProxyLogEntry) => void) | undefined;
}

/** Settings of the proxy's response cache. */
export interface ProxyCacheOptions {
  /** How long an answer is reused, in ms (default 15 000). Also sent as `Cache-Control: max-age`. */
  ttlMs?: number | undefined;
  /** Most answers kept (default 500; the oldest go first). */
  maxEntries?: number | undefined;
}

/** What the Node adapter (or any host) knows about the caller. */
export interface ProxyRequestInfo {
  /** Address of the client, used as the rate-limit key. */
  clientAddress?: string | undefined;
}

/** A proxy request handler: a Fetch-API function with optional client info. */
export type ProxyHandler = (request: Request, info?: ProxyRequestInfo) => Promise<Response>;
