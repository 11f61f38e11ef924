import {
  AuthenticationError,
  CarbonTrackError,
  type CarbonTrackTokens,
  createCarbonTrackClient,
  DEFAULT_RETRY_STATUSES,
  redact,
  TimeoutError,
  ValidationError,
} from '@carbontrack/core';
import { clientAddress } from './client-address.js';
import { ClientRateLimiter } from './client-rate-limiter.js';
import { READ_PATH_CAPABILITIES, readPathRequest } from './get-read-path.js';
import { guardStore } from './guarded-store.js';
import { checkOrigin } from './origin-policy.js';
import { errorBody } from './proxy-error-body.js';
import { ProxyMetrics } from './proxy-metrics.js';
import type { ProxyHandler, ProxyLogEntry, ProxyOptions, ProxyRequestInfo } from './proxy-options.js';
import { isProxyRoute, PROXY_ROUTES, type ProxyRoute } from './proxy-routes.js';
import { readInput } from './request-input.js';
import { type CachedResponse, etagOf, ResponseCache } from './response-cache.js';
import { isDocumentedBody } from './upstream-body.js';

type Input = Record<string, string | number | boolean>;
type CacheState = 'hit' | 'miss' | 'not-modified' | 'stale' | undefined;

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * Which answers a shared cache (a CDN) may keep: measurements carry no personal data; the
 * distributor, customer and device listings carry names, addresses and phone numbers, so only
 * the browser that asked may keep them.
 */
const CACHE_SCOPE: Record<ProxyRoute, 'public' | 'private'> = {
  '/ctapi/Distributor': 'private',
  '/ctapi/Customer': 'private',
  '/ctapi/Device': 'private',
  '/ctapi/Measurement': 'public',
};

/**
 * An embedding proxy for partner portals, as a Fetch-API handler. It holds the carbonTRACK
 * credentials server-side and forwards only the four read endpoints, each with its own token from
 * core's auth. Browser credentials (Authorization, cookies) and unknown or non-scalar fields are
 * never forwarded, upstream headers are never echoed, bodies are capped in size and depth, each
 * client is rate limited, origins are checked against configured lists (never inferred from
 * `Host`), every browser request has one deadline across all upstream retries, and only
 * upstream bodies of the documented shape are cached or forwarded. Identical queries within a
 * short TTL are answered from a byte-bounded cache with `Cache-Control` and `ETag` (304 on
 * `If-None-Match`); a good answer may stand in for a failed upstream for `staleIfErrorMs`.
 * Every answer is logged, and none carries a secret.
 */
export function createProxyHandler(options: ProxyOptions): ProxyHandler {
  const basePath = (options.basePath ?? '').replace(/\/+$/, '');
  const allowedOrigins = new Set(options.allowedOrigins ?? []);
  const publicOrigins = options.publicOrigins ? [...options.publicOrigins] : undefined;
  const maxBodyBytes = options.maxBodyBytes ?? 16 * 1024;
  const deadlineMs = options.deadlineMs ?? 10_000;
  const cacheOptions = options.cache === false ? undefined : (options.cache ?? {});
  const ttlMs = cacheOptions ? (cacheOptions.ttlMs ?? 15_000) : 0;
  const staleIfErrorMs = cacheOptions ? (cacheOptions.staleIfErrorMs ?? 300_000) : 0;
  const cache =
    cacheOptions && ttlMs > 0
      ? new ResponseCache({
          ttlMs,
          staleIfErrorMs,
          maxEntries: cacheOptions.maxEntries ?? 500,
          maxBytes: cacheOptions.maxBytes ?? 32 * 1024 * 1024,
        })
      : undefined;
  const perMinute = options.rateLimitPerMinute ?? 600;
  const limiter = new ClientRateLimiter(perMinute);
  const log = (entry: ProxyLogEntry) => options.log?.(entry);
  const shared = options.store ? guardStore(options.store, log) : undefined;
  const metrics = new ProxyMetrics();
  const upstreamFetch = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  const tokens: string[] = [];
  const client = createCarbonTrackClient({
    baseUrl: options.upstream,
    ...(options.tokenProvider ? { tokenProvider: options.tokenProvider } : { credentials: options.credentials }),
    // Counted for /metrics: every request to the API, retries and sign-ins included.
    fetch: (request) => {
      metrics.upstreamRequest();
      return upstreamFetch(request);
    },
    timeoutMs: options.timeoutMs,
    // A 429 goes to the browser with its Retry-After: sleeping through it holds the browser.
    retry: { retryStatuses: DEFAULT_RETRY_STATUSES.filter((s) => s !== 429), ...options.retry },
    signInCooldown: options.signInCooldown,
    onSignInRefused: (refusal) =>
      log({
        kind: 'event',
        event: 'upstream-sign-in-refused',
        message: `the carbonTRACK API refused the sign-in of ${refusal.username}; no sign-in is tried for ${Math.round(refusal.retryInMs / 1000)} s`,
      }),
    onTokens: (t: CarbonTrackTokens) => {
      tokens.splice(0, tokens.length, t.accessToken, t.refreshToken ?? '');
    },
  });
  const secrets = () => [options.credentials?.password, ...tokens];
  const failure = (status: number, message: string): CachedResponse => ({
    status,
    body: errorBody(status, redact(message, secrets())),
    etag: '',
    storedAt: Date.now(),
  });

  const bodyAttempts = options.retry?.maxAttempts ?? 5;

  async function forward(route: ProxyRoute, input: Input, signal: AbortSignal): Promise<CachedResponse> {
    try {
      for (let attempt = 1; ; attempt++) {
        const result =
          route === '/ctapi/Distributor'
            ? await client.raw.GET(route, { parseAs: 'text', signal })
            : route === '/ctapi/Customer'
              ? await client.raw.GET(route, { params: { query: input as never }, parseAs: 'text', signal })
              : await client.raw.POST(route, { body: input as never, parseAs: 'text', signal });
        if (!result.response.ok) return upstreamFailure(result.response, result.error);
        const body = typeof result.data === 'string' ? result.data : '';
        if (isDocumentedBody(route, body)) {
          return { status: 200, body, etag: await etagOf(body), storedAt: Date.now() };
        }
        // A truncated, invalid or HTML body with a 200 must reach neither the cache nor a browser:
        // asked again (within the deadline), then a 502.
        if (attempt >= bodyAttempts) {
          return failure(502, 'The carbonTRACK API sent an answer that is not the documented page.');
        }
        await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, 50 * 2 ** attempt)));
        if (signal.aborted) throw signal.reason;
      }
    } catch (error) {
      if (signal.aborted) {
        return failure(504, `The carbonTRACK API did not answer within ${Math.round(deadlineMs / 1000)} s.`);
      }
      if (error instanceof TimeoutError) return failure(504, 'The carbonTRACK API did not answer in time.');
      // The sign-in was refused (or is cooling down after a refusal).
      if (error instanceof AuthenticationError || (error instanceof ValidationError && error.path === '/oauth/token')) {
        return upstreamAuthFailure();
      }
      if (error instanceof CarbonTrackError) return failure(502, 'The carbonTRACK API could not be reached.');
      throw error;
    }
  }

  function upstreamFailure(response: Response, payload: unknown): CachedResponse {
    const status = response.status;
    // The browser cannot fix the proxy's own credentials: a 401 upstream is the proxy's failure.
    if (status === 401) return upstreamAuthFailure();
    const message = errorMessageOf(payload);
    if (status === 429) {
      return {
        ...failure(429, message ?? 'Too many requests.'),
        retryAfter: response.headers.get('Retry-After') ?? '1',
      };
    }
    if (status >= 400 && status < 500) return failure(status, message ?? `Upstream answered ${status}.`);
    return failure(502, 'The carbonTRACK API failed; try again shortly.');
  }

  function upstreamAuthFailure(): CachedResponse {
    return failure(502, 'The proxy could not sign in to the carbonTRACK API.');
  }

  async function answer(
    request: Request,
    url: URL,
    info: ProxyRequestInfo,
  ): Promise<{ response: Response; cache?: CacheState }> {
    // The path below basePath; null for a path outside it.
    const routePath = !basePath
      ? url.pathname
      : url.pathname.startsWith(`${basePath}/`)
        ? url.pathname.slice(basePath.length)
        : null;
    // For the load balancer and the monitoring, before the origin and Host rules: a health check
    // comes with whatever Host the balancer uses (under basePath or at the root). No rate limit, no upstream.
    const opsPath = routePath ?? url.pathname;
    if (request.method === 'GET' && (opsPath === '/healthz' || opsPath === '/metrics')) {
      const body = opsPath === '/healthz' ? '{"status":"ok"}' : metrics.text();
      const type = opsPath === '/healthz' ? JSON_TYPE : 'text/plain; version=0.0.4; charset=utf-8';
      return {
        response: new Response(body, { status: 200, headers: { 'Content-Type': type, 'Cache-Control': 'no-store' } }),
      };
    }
    const origin = checkOrigin(request.headers.get('Origin'), url, allowedOrigins, publicOrigins);
    if (!origin.ok) return { response: json(failure(origin.status, origin.message), {}) };
    const cors: Record<string, string> = origin.allowOrigin
      ? { 'Access-Control-Allow-Origin': origin.allowOrigin, Vary: 'Origin' }
      : // What is sent depends on the Origin header even when it is absent: caches must know.
        { Vary: 'Origin' };

    const readPath = routePath === '/v1' || routePath?.startsWith('/v1/');
    if (routePath === null || (!readPath && !isProxyRoute(routePath))) {
      return { response: json(failure(404, 'Not found.'), cors) };
    }
    const method = readPath ? 'GET' : PROXY_ROUTES[routePath as ProxyRoute].method;
    if (request.method === 'OPTIONS') {
      return {
        response: new Response(null, {
          status: 204,
          headers: {
            ...cors,
            'Access-Control-Allow-Methods': `${method}, OPTIONS`,
            'Access-Control-Allow-Headers': 'Content-Type, If-None-Match',
            'Access-Control-Max-Age': '600',
          },
        }),
      };
    }
    if (request.method !== method) {
      return { response: json(failure(405, `Use ${method}.`), { ...cors, Allow: `${method}, OPTIONS` }) };
    }
    if (routePath === '/v1') {
      // What the read path offers: clients (core's proxyReads: 'auto') look here once.
      return {
        response: new Response(JSON.stringify(READ_PATH_CAPABILITIES), {
          status: 200,
          headers: { ...cors, 'Content-Type': JSON_TYPE, 'Cache-Control': 'public, max-age=3600' },
        }),
      };
    }

    const client = clientAddress(request.headers, info.clientAddress, options.trustProxy);
    // One budget per client across instances when they share a store; this instance's own otherwise.
    const sharedWait = shared && perMinute > 0 ? await shared.take(client, perMinute) : -1;
    const waitMs = sharedWait >= 0 ? sharedWait : limiter.take(client);
    if (waitMs > 0) {
      return {
        response: json(failure(429, 'Too many requests.'), {
          ...cors,
          'Retry-After': String(Math.ceil(waitMs / 1000)),
        }),
      };
    }

    let route: ProxyRoute;
    let input: Input;
    let key: string;
    if (readPath) {
      const read = readPathRequest(routePath, url.searchParams, Date.now());
      if ('status' in read) return { response: json(failure(read.status, read.message), cors) };
      ({ route, input, key } = read);
    } else {
      route = routePath as ProxyRoute;
      const read = await readInput(request, url, method, PROXY_ROUTES[route].fields, maxBodyBytes);
      if ('status' in read) return { response: json(failure(read.status, read.message), cors) };
      input = read.value;
      key = `${route} ${JSON.stringify(input)}`;
    }
    return serve(route, input, key, cors, request.headers.get('If-None-Match'));
  }

  /**
   * An answer through the shared store: one another instance stored within the TTL, else this
   * instance fetches it if it claims the fetch, else it waits (up to the deadline) for the
   * instance that did. Identical queries of this instance already share this call.
   */
  async function loadShared(key: string, load: () => Promise<CachedResponse>): Promise<CachedResponse> {
    if (!shared) return load();
    const isFresh = (entry: CachedResponse | undefined | null): entry is CachedResponse =>
      !!entry && Date.now() - entry.storedAt < ttlMs;
    const stored = await shared.get(key);
    if (isFresh(stored)) return stored;
    if (await shared.claim(key, deadlineMs)) {
      try {
        const entry = await load();
        if (entry.status === 200) await shared.set(key, entry, ttlMs + staleIfErrorMs);
        return entry;
      } finally {
        await shared.release(key);
      }
    }
    const until = Date.now() + deadlineMs;
    while (Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      const entry = await shared.get(key);
      if (isFresh(entry)) return entry;
      // The store went away: fetch alone rather than wait for an answer that cannot arrive.
      if (entry === null) break;
    }
    return load();
  }

  /** One query's answer: from the cache, or fetched (shared with identical queries in flight). */
  async function serve(
    route: ProxyRoute,
    input: Input,
    key: string,
    cors: Record<string, string>,
    ifNoneMatchHeader: string | null,
  ): Promise<{ response: Response; cache?: CacheState }> {
    const load = () => forward(route, input, AbortSignal.timeout(deadlineMs));
    const { entry, hit } = cache
      ? await cache.getOrLoad(key, shared ? () => loadShared(key, load) : load)
      : { entry: await load(), hit: false };
    const maxAge = Math.floor(ttlMs / 1000);
    if (entry.status !== 200) {
      // A good answer of the same query may stand in for a failed upstream, marked as such.
      const stale = entry.status >= 500 ? cache?.stale(key) : undefined;
      if (!stale) return { response: json(entry, cors) };
      const age = Math.floor((Date.now() - stale.storedAt) / 1000);
      return {
        response: new Response(stale.body, {
          status: 200,
          headers: {
            ...cors,
            ETag: stale.etag,
            'Content-Type': JSON_TYPE,
            'Cache-Control': 'no-store',
            Age: String(age),
            'X-Carbontrack-Stale': `upstream failed with ${entry.status}; this answer is ${age} s old`,
          },
        }),
        cache: 'stale',
      };
    }
    const headers = {
      ...cors,
      ETag: entry.etag,
      'Cache-Control': cache
        ? `${CACHE_SCOPE[route]}, max-age=${maxAge}, stale-while-revalidate=${maxAge}`
        : 'no-store',
    };
    if (ifNoneMatch(ifNoneMatchHeader, entry.etag)) {
      return { response: new Response(null, { status: 304, headers }), cache: 'not-modified' };
    }
    return {
      response: new Response(entry.body, { status: 200, headers: { ...headers, 'Content-Type': JSON_TYPE } }),
      cache: cache ? (hit ? 'hit' : 'miss') : undefined,
    };
  }

  return async function handle(request: Request, info: ProxyRequestInfo = {}): Promise<Response> {
    const started = Date.now();
    let path = '?';
    let response: Response;
    let cacheState: CacheState;
    try {
      const url = new URL(request.url);
      path = url.pathname;
      const result = await answer(request, url, info);
      response = result.response;
      cacheState = result.cache;
    } catch {
      // Whatever went wrong, the browser gets the API's error shape and the log gets a line.
      response = json(failure(400, 'The request could not be read.'), {});
    }
    metrics.answered(response.status, cacheState);
    log({
      kind: 'access',
      method: request.method,
      path,
      status: response.status,
      durationMs: Date.now() - started,
      cache: cacheState,
    });
    return response;
  };
}

function ifNoneMatch(header: string | null, etag: string): boolean {
  if (!header || !etag) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}

function json(entry: CachedResponse, headers: Record<string, string>): Response {
  return new Response(entry.body, {
    status: entry.status,
    headers: {
      ...headers,
      'Content-Type': JSON_TYPE,
      'Cache-Control': 'no-store',
      ...(entry.retryAfter ? { 'Retry-After': entry.retryAfter } : {}),
    },
  });
}

function errorMessageOf(payload: unknown): string | undefined {
  if (!payload || typeof payload !== 'object') return undefined;
  const p = payload as { ErrorMessage?: unknown; Message?: unknown };
  const message = [p.ErrorMessage, p.Message].find((m) => typeof m === 'string' && m.length > 0);
  return message as string | undefined;
}
