import {
  CarbonTrackError,
  type CarbonTrackTokens,
  createCarbonTrackClient,
  redact,
  TimeoutError,
} from '@carbontrack/core';
import { ClientRateLimiter } from './client-rate-limiter.js';
import type { ProxyHandler, ProxyLogEntry, ProxyOptions, ProxyRequestInfo } from './proxy-options.js';
import { isProxyRoute, PROXY_ROUTES, type ProxyRoute } from './proxy-routes.js';
import { type CachedResponse, etagOf, ResponseCache } from './response-cache.js';

type Input = Record<string, unknown>;

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * An embedding proxy for partner portals, as a Fetch-API handler. It holds the carbonTRACK
 * credentials server-side and forwards only the four read endpoints, each with its own token from
 * core's auth. Browser credentials (Authorization, cookies) and unknown fields are never forwarded,
 * upstream headers are never echoed, bodies are capped, each client is rate limited, CORS is
 * limited to the configured origins, and identical queries within a short TTL are answered from a
 * cache with `Cache-Control` and `ETag` (304 on `If-None-Match`), so a CDN can carry the load.
 */
export function createProxyHandler(options: ProxyOptions): ProxyHandler {
  const basePath = (options.basePath ?? '').replace(/\/+$/, '');
  const allowedOrigins = new Set(options.allowedOrigins ?? []);
  const maxBodyBytes = options.maxBodyBytes ?? 16 * 1024;
  const cacheOptions = options.cache === false ? undefined : (options.cache ?? {});
  const ttlMs = cacheOptions ? (cacheOptions.ttlMs ?? 15_000) : 0;
  const cache = ttlMs > 0 ? new ResponseCache(ttlMs, cacheOptions?.maxEntries ?? 500) : undefined;
  const limiter = new ClientRateLimiter(options.rateLimitPerMinute ?? 600);
  const tokens: string[] = [];
  const client = createCarbonTrackClient({
    baseUrl: options.upstream,
    ...(options.tokenProvider ? { tokenProvider: options.tokenProvider } : { credentials: options.credentials }),
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
    retry: options.retry,
    onTokens: (t: CarbonTrackTokens) => {
      tokens.splice(0, tokens.length, t.accessToken, t.refreshToken ?? '');
    },
  });
  const secrets = () => [options.credentials?.password, ...tokens];

  async function forward(route: ProxyRoute, input: Input): Promise<CachedResponse> {
    try {
      const result =
        route === '/ctapi/Distributor'
          ? await client.raw.GET(route, { parseAs: 'text' })
          : route === '/ctapi/Customer'
            ? await client.raw.GET(route, { params: { query: input as never }, parseAs: 'text' })
            : await client.raw.POST(route, { body: input as never, parseAs: 'text' });
      if (result.response.ok) {
        const body = typeof result.data === 'string' ? result.data : '';
        return { status: 200, body, etag: await etagOf(body), storedAt: Date.now() };
      }
      return upstreamFailure(result.response, result.error);
    } catch (error) {
      if (error instanceof TimeoutError) return failure(504, 'The carbonTRACK API did not answer in time.');
      if (error instanceof CarbonTrackError && error.status === 401) return upstreamAuthFailure();
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
      const retryAfter = response.headers.get('Retry-After');
      return { ...failure(429, message ?? 'Too many requests.'), retryAfter: retryAfter ?? '1' } as CachedResponse;
    }
    if (status >= 400 && status < 500) return failure(status, message ?? `Upstream answered ${status}.`);
    return failure(502, 'The carbonTRACK API failed; try again shortly.');
  }

  function upstreamAuthFailure(): CachedResponse {
    return failure(502, 'The proxy could not sign in to the carbonTRACK API.');
  }

  function failure(status: number, message: string): CachedResponse {
    const safe = redact(message, secrets());
    const body = JSON.stringify({
      ResponseCode: status,
      ResponseMessage: reason(status),
      Message: safe,
      Error: 1,
      ErrorNumber: status * 10,
      ErrorMessage: safe,
    });
    return { status, body, etag: '', storedAt: Date.now() };
  }

  return async function handle(request: Request, info: ProxyRequestInfo = {}): Promise<Response> {
    const started = Date.now();
    const url = new URL(request.url);
    let cacheState: ProxyLogEntry['cache'];
    const respond = (response: Response): Response => {
      options.log?.({
        method: request.method,
        path: url.pathname,
        status: response.status,
        durationMs: Date.now() - started,
        cache: cacheState,
      });
      return response;
    };

    const origin = request.headers.get('Origin');
    const originAllowed = origin === null || origin === url.origin || allowedOrigins.has(origin);
    const cors: Record<string, string> =
      origin !== null && originAllowed ? { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' } : {};
    if (!originAllowed) return respond(json(failure(403, 'This origin may not use the proxy.'), {}));

    const path = basePath && url.pathname.startsWith(`${basePath}/`) ? url.pathname.slice(basePath.length) : null;
    const routePath = basePath ? path : url.pathname;
    if (routePath === null || !isProxyRoute(routePath)) {
      return respond(json(failure(404, 'Not found.'), cors));
    }
    const route = PROXY_ROUTES[routePath];
    if (request.method === 'OPTIONS') {
      return respond(
        new Response(null, {
          status: 204,
          headers: {
            ...cors,
            'Access-Control-Allow-Methods': `${route.method}, OPTIONS`,
            'Access-Control-Allow-Headers': 'Content-Type, If-None-Match',
            'Access-Control-Max-Age': '600',
          },
        }),
      );
    }
    if (request.method !== route.method) {
      return respond(json(failure(405, `Use ${route.method}.`), { ...cors, Allow: `${route.method}, OPTIONS` }));
    }

    const waitMs = limiter.take(info.clientAddress ?? 'unknown');
    if (waitMs > 0) {
      return respond(
        json(failure(429, 'Too many requests.'), { ...cors, 'Retry-After': String(Math.ceil(waitMs / 1000)) }),
      );
    }

    const input = await readInput(request, url, route.method, route.fields, maxBodyBytes);
    if ('status' in input) return respond(json(failure(input.status, input.message), cors));

    const key = `${routePath} ${JSON.stringify(input.value)}`;
    const load = () => forward(routePath, input.value);
    const { entry, hit } = cache ? await cache.getOrLoad(key, load) : { entry: await load(), hit: false };
    if (entry.status !== 200) return respond(json(entry, cors));

    const maxAge = Math.floor(ttlMs / 1000);
    const headers = {
      ...cors,
      ETag: entry.etag,
      'Cache-Control': cache ? `public, max-age=${maxAge}` : 'no-store',
    };
    cacheState = cache ? (hit ? 'hit' : 'miss') : undefined;
    if (ifNoneMatch(request.headers.get('If-None-Match'), entry.etag)) {
      cacheState = 'not-modified';
      return respond(new Response(null, { status: 304, headers }));
    }
    return respond(new Response(entry.body, { status: 200, headers: { ...headers, 'Content-Type': JSON_TYPE } }));
  };
}

// Only the documented fields pass: anything else a browser sends is dropped, never forwarded.
async function readInput(
  request: Request,
  url: URL,
  method: string,
  fields: readonly string[],
  maxBodyBytes: number,
): Promise<{ value: Input } | { status: number; message: string }> {
  const value: Input = {};
  if (method === 'GET') {
    for (const field of fields) {
      const v = url.searchParams.get(field);
      if (v !== null) value[field] = v;
    }
    return { value };
  }
  const declared = Number(request.headers.get('Content-Length') ?? '0');
  if (declared > maxBodyBytes)
    return { status: 413, message: `The request body is larger than ${maxBodyBytes} bytes.` };
  const text = await readLimited(request, maxBodyBytes);
  if (text === null) return { status: 413, message: `The request body is larger than ${maxBodyBytes} bytes.` };
  let parsed: unknown;
  try {
    parsed = text === '' ? {} : JSON.parse(text);
  } catch {
    return { status: 400, message: 'The request body is not valid JSON.' };
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { status: 400, message: 'The request body must be a JSON object.' };
  }
  for (const field of fields) {
    if (field in parsed) value[field] = (parsed as Input)[field];
  }
  return { value };
}

// Reads at most `limit` bytes; null when the body is longer (a missing Content-Length is no excuse).
async function readLimited(request: Request, limit: number): Promise<string | null> {
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(all);
}

function ifNoneMatch(header: string | null, etag: string): boolean {
  if (!header || !etag) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}

function json(entry: CachedResponse & { retryAfter?: string }, headers: Record<string, string>): Response {
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

function reason(status: number): string {
  return (
    {
      400: 'Bad Request',
      403: 'Forbidden',
      404: 'Not Found',
      405: 'Method Not Allowed',
      413: 'Payload Too Large',
      429: 'Too Many Requests',
      502: 'Bad Gateway',
      504: 'Gateway Timeout',
    }[status] ?? 'Error'
  );
}
