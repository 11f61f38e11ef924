import type { AuthStrategy } from '../auth/auth-strategy.js';
import {
  type CarbonTrackError,
  MalformedResponseError,
  NetworkError,
  TimeoutError,
} from '../errors/carbon-track-error.js';
import { errorFromResponse } from '../errors/error-from-response.js';
import { settleWithin, sleep, TimeoutReason } from './abort.js';
import { backoffDelay, parseRetryAfter, type RetryPolicy } from './retry-policy.js';
import { yieldToEventLoop } from './yield-to-event-loop.js';

/** A Fetch-API function: what the client accepts as `fetch` (an in-process handler works too). */
export type FetchLike = (request: Request) => Promise<Response>;

/** One request, built once and sent byte for byte with every attempt. @internal */
export interface ApiRequest {
  method: string;
  /** Absolute URL, query string included. */
  url: string;
  /** The path alone (no host, no query): what errors name. */
  path: string;
  /** Header names and values; the pipeline sets Authorization. A plain record: fetch builds its own Headers from it. */
  headers: Record<string, string>;
  body: string | ArrayBuffer | null;
}

/** A final response, its body read in full inside the attempt's timeout. @internal */
export interface ReceivedResponse {
  status: number;
  statusText: string;
  headers: Headers;
  /** Text or bytes as asked for; `null` for statuses that cannot have a body (204, 304 …). */
  body: string | ArrayBuffer | null;
}

/**
 * Where a request waits for its turn on the wire: a `RequestGate`, or a gate that also
 * watches the responses (the fleet's adaptive concurrency). @internal
 */
export interface RequestSlots {
  run(exchange: () => Promise<ReceivedResponse>, priority: number, signal?: AbortSignal): Promise<ReceivedResponse>;
}

/** How one request travels. @internal */
export interface SendOptions {
  /** Cancels the request, its connection and any backoff wait. */
  signal?: AbortSignal | undefined;
  /** Holds a slot of this gate while the request is on the wire (not while its body is read by the caller). */
  slot?: { gate: RequestSlots; priority: number } | undefined;
  /** Told of each failed attempt that will be retried, before the wait (a fleet's progress counts them). */
  onRetry?: ((failure: CarbonTrackError, attempt: number) => void) | undefined;
  /** Fewer attempts than the policy's for this request (a token refresh that a password grant backs up). */
  maxAttempts?: number | undefined;
}

/**
 * Reads a 2xx body into the call's result. Throws {@link MalformedResponseError} when the body is
 * not what the endpoint documents (truncated, invalid JSON, another shape): that attempt failed
 * and is retried like a 503.
 */
export type BodyReader<T, B = string> = (body: B) => T | Promise<T>;

/** Settings of {@link createRequestPipeline}. @internal */
export interface PipelineOptions {
  /** The underlying fetch; default: globalThis.fetch. */
  fetch?: FetchLike | undefined;
  /** Where bearer tokens come from. */
  auth: AuthStrategy;
  /** Retry settings: `maxAttempts` bounds a request in all, whatever each failure was. */
  retry: RetryPolicy;
  /** Per-attempt timeout in ms, covering the whole body (0 = none). */
  timeoutMs: number;
  /** Removes secrets from the API's error messages. */
  redact: (text: string) => string;
}

/**
 * The one road every request takes. Each attempt: a bearer token, the exchange within the
 * timeout (holding a request slot if asked), then one decision: renew the token after a 401 and
 * resend once, retry (a network failure, a timeout, a retryable status, a 2xx body its reader
 * refuses) with full-jitter backoff or `Retry-After`, or finish. One loop, one attempt count.
 * @internal
 */
export interface RequestPipeline {
  /** The checked result of a 2xx response; any other final status is a typed {@link CarbonTrackError}. */
  call<T>(request: ApiRequest, read: BodyReader<T>, options?: SendOptions): Promise<T>;
  /** The same, reading the body as bytes. */
  callBytes<T>(request: ApiRequest, read: BodyReader<T, ArrayBuffer>, options?: SendOptions): Promise<T>;
  /** The final response whatever its status, body as bytes (for `client.raw`). */
  exchange(request: ApiRequest, options?: SendOptions): Promise<ReceivedResponse>;
}

// Statuses whose responses have no body; `new Response(body, …)` refuses one for them.
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

type BodyFormat = 'text' | 'bytes';

/** Builds the pipeline; see {@link RequestPipeline}. @internal */
export function createRequestPipeline(options: PipelineOptions): RequestPipeline {
  const { auth, retry, timeoutMs, redact } = options;
  const customFetch = options.fetch;

  // One exchange: the response and its whole body. See AttemptState for how it is given up on.
  async function exchangeOnce(request: ApiRequest, format: BodyFormat, state: AttemptState): Promise<ReceivedResponse> {
    const init: RequestInit = {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: state.controller?.signal ?? state.signal,
    };
    // The global fetch takes (url, init) as is: no Request object to build.
    const response = customFetch
      ? await customFetch(new Request(request.url, init))
      : await globalThis.fetch(request.url, init);
    if (state.abandoned) {
      // Frees the connection of a response nobody waits for any more.
      response.body?.cancel().catch(() => {});
      throw new Error('abandoned'); // nobody listens any more: the attempt has already failed
    }
    const body = NULL_BODY_STATUSES.has(response.status)
      ? null
      : format === 'text'
        ? await response.text()
        : await response.arrayBuffer();
    return { status: response.status, statusText: response.statusText, headers: response.headers, body };
  }

  function timedExchange(request: ApiRequest, format: BodyFormat, signal: AbortSignal | undefined) {
    const state: AttemptState = {
      abandoned: false,
      signal,
      controller: customFetch || !(timeoutMs > 0 || signal) ? undefined : new AbortController(),
    };
    return settleWithin(exchangeOnce(request, format, state), timeoutMs, signal, () => {
      state.abandoned = true;
      state.controller?.abort();
    });
  }

  async function run<T>(
    request: ApiRequest,
    format: BodyFormat,
    read: ((body: never) => T | Promise<T>) | undefined,
    sendOptions: SendOptions,
  ): Promise<{ response: ReceivedResponse; value?: T }> {
    const { signal, slot } = sendOptions;
    const maxAttempts = Math.min(retry.maxAttempts, sendOptions.maxAttempts ?? retry.maxAttempts);
    let renewedAfter401 = false;
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw signal.reason;
      const token = await auth.getToken(signal);
      // Lower case, as Headers iterates: it replaces any authorization header a raw caller set.
      if (token !== undefined) request.headers.authorization = `Bearer ${token}`;
      let response: ReceivedResponse | undefined;
      let failure: CarbonTrackError | undefined;
      let waitMs: number | undefined;
      try {
        response = await (slot
          ? slot.gate.run(() => timedExchange(request, format, signal), slot.priority, signal)
          : timedExchange(request, format, signal));
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        failure = attemptFailure(request, error, timeoutMs);
      }
      if (response) {
        const { status } = response;
        if (status === 401 && token !== undefined && !renewedAfter401 && auth.invalidate(token)) {
          // One renewal and one resend, not counted as an attempt; a second 401 is final.
          renewedAfter401 = true;
          attempt--;
          continue;
        }
        if (retry.retryStatuses.includes(status)) {
          waitMs = parseRetryAfter(response.headers.get('Retry-After'));
          // A wait longer than the policy allows is the caller's to decide on: this response is final.
          if (waitMs !== undefined && waitMs > retry.maxRetryAfterMs) attempt = maxAttempts;
          if (attempt >= maxAttempts && !read) return { response };
          failure = responseError(request, response, redact);
        } else if (!read) {
          return { response };
        } else if (status < 200 || status >= 300) {
          throw responseError(request, response, redact);
        } else {
          // Let bodies that have arrived meanwhile be read (and their slots used) before this one is parsed.
          if (slot) await yieldToEventLoop();
          try {
            return { response, value: await read(response.body as never) };
          } catch (error) {
            if (!(error instanceof MalformedResponseError)) throw error;
            failure = new MalformedResponseError(
              `${request.method} ${request.path}: ${error.message} (after ${attempt} attempts)`,
              { method: request.method, path: request.path },
            );
          }
        }
      }
      if (attempt >= maxAttempts) throw failure;
      if (failure) sendOptions.onRetry?.(failure, attempt);
      await sleep(waitMs ?? backoffDelay(retry, attempt), signal);
    }
  }

  return {
    async call(request, read, sendOptions = {}) {
      return (await run(request, 'text', read as (body: never) => unknown, sendOptions)).value as never;
    },
    async callBytes(request, read, sendOptions = {}) {
      return (await run(request, 'bytes', read as (body: never) => unknown, sendOptions)).value as never;
    },
    async exchange(request, sendOptions = {}) {
      return (await run(request, 'bytes', undefined, sendOptions)).response;
    },
  };
}

/** Maps a non-2xx response to its typed error, reading the API's error payload when there is one. */
function responseError(request: ApiRequest, response: ReceivedResponse, redact: (text: string) => string) {
  return errorFromResponse(
    {
      status: response.status,
      method: request.method,
      path: request.path,
      body: parseErrorBody(response.body),
      retryAfterMs: parseRetryAfter(response.headers.get('Retry-After')),
    },
    redact,
  );
}

function parseErrorBody(body: string | ArrayBuffer | null): unknown {
  if (body === null) return undefined;
  const text = typeof body === 'string' ? body : new TextDecoder().decode(body);
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * How one attempt is given up on (a timeout, or the caller's abort). Over the network (the global
 * fetch) each attempt carries its own AbortController, so giving up closes the connection at once;
 * its ~25 us cost is nothing next to a network round trip. A custom fetch, typically an in-process
 * handler where that cost would be most of a request's, gets the caller's signal only, and a
 * response that arrives after its attempt was given up on is discarded unread.
 */
interface AttemptState {
  abandoned: boolean;
  signal: AbortSignal | undefined;
  controller: AbortController | undefined;
}

/** The typed error of an attempt that got no response: a timeout or a network failure. */
function attemptFailure(request: ApiRequest, error: unknown, timeoutMs: number): TimeoutError | NetworkError {
  const what = `${request.method} ${request.path}`;
  const details = { method: request.method, path: request.path };
  return error instanceof TimeoutReason
    ? new TimeoutError(`${what}: no response within ${timeoutMs} ms`, details)
    : new NetworkError(`${what}: ${describe(error)}`, { ...details, cause: error });
}

// Network errors from undici hide the useful part in `cause` (ECONNREFUSED …).
function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}
