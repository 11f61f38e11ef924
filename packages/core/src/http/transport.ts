import type { AuthStrategy } from '../auth/auth-strategy.js';
import { NetworkError, TimeoutError } from '../errors/carbon-track-error.js';
import { settleWithin, sleep, TimeoutReason } from './abort.js';
import { backoffDelay, parseRetryAfter, type RetryPolicy } from './retry-policy.js';

/** A Fetch-API function: what openapi-fetch calls, and what the client accepts as `fetch`. */
export type FetchLike = (request: Request) => Promise<Response>;

/**
 * The attempts one API call has made, counted by every layer that retries it, so that
 * `retry.maxAttempts` bounds the call in all, whatever each failure was (a status, the network, a
 * timeout, a malformed body). @internal
 */
export interface AttemptBudget {
  used: number;
}

/** One request as the transport sends it. The transport owns `headers` and sets Authorization on it. */
export interface OutgoingRequest {
  url: string;
  method: string;
  headers: Headers;
  /** Sent again, byte for byte, with every attempt. */
  body: string | ArrayBuffer | null;
  /** The caller's signal: cancels the call, its connection and any backoff wait. */
  signal: AbortSignal | null;
  /** The call's attempt count, when a layer above retries too (else this request's own). */
  attempts?: AttemptBudget | undefined;
}

/** A final response, its body already read in full (inside the timeout). */
export interface ReceivedResponse {
  status: number;
  statusText: string;
  headers: Headers;
  /** `null` for responses that cannot have a body (204, 304 …). */
  body: string | ArrayBuffer | null;
}

/** How the transport reads bodies: as text (JSON APIs) or as bytes (anything). */
export type BodyFormat = 'text' | 'arrayBuffer';

/** Sends requests with authentication, retries and timeouts; see {@link createTransport}. */
export interface Transport {
  send(request: OutgoingRequest, bodyFormat: BodyFormat): Promise<ReceivedResponse>;
}

/** Settings of {@link createTransport}. */
export interface TransportOptions {
  /** The underlying fetch (an in-process handler works too); default: globalThis.fetch. */
  fetch?: FetchLike | undefined;
  /** Where bearer tokens come from. */
  auth: AuthStrategy;
  /** Retry settings. */
  retry: RetryPolicy;
  /** Per-attempt timeout in ms, covering the whole body (0 = none). */
  timeoutMs: number;
}

// Statuses whose responses have no body; `new Response(body, …)` refuses one for them.
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/**
 * Wraps fetch with authentication, retries and timeouts:
 * - adds `Authorization: Bearer …`; on a 401 renews the token once and resends once;
 * - retries network failures, timeouts and the policy's statuses with full-jitter backoff,
 *   honouring `Retry-After`, up to `maxAttempts`;
 * - the caller's signal cancels the attempt (and its connection) and any pending backoff;
 * - reads the whole body inside the timeout, so a stalled body is a timeout and a cut one a retry.
 * Non-retryable or final responses are returned as they are, for the caller to map to errors.
 */
export function createTransport(options: TransportOptions): Transport {
  const { auth, retry, timeoutMs } = options;
  const customFetch = options.fetch;

  // One attempt: the response and its whole body. See AttemptState for how it is given up on.
  async function exchange(
    request: OutgoingRequest,
    bodyFormat: BodyFormat,
    state: AttemptState,
  ): Promise<ReceivedResponse> {
    const init: RequestInit = {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: state.controller?.signal ?? request.signal ?? undefined,
    };
    // The global fetch takes (url, init) as is: no second Request object to build.
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
      : bodyFormat === 'text'
        ? await response.text()
        : await response.arrayBuffer();
    return { status: response.status, statusText: response.statusText, headers: response.headers, body };
  }

  return {
    async send(request, bodyFormat) {
      const callerSignal = request.signal;
      let renewedAfter401 = false;
      const budget = request.attempts ?? { used: 0 };
      for (;;) {
        const attempt = ++budget.used;
        if (callerSignal?.aborted) throw callerSignal.reason;
        const token = await auth.getToken(callerSignal ?? undefined);
        if (token !== undefined) request.headers.set('Authorization', `Bearer ${token}`);
        const state: AttemptState = {
          abandoned: false,
          controller: customFetch || !(timeoutMs > 0 || callerSignal) ? undefined : new AbortController(),
        };
        let response: ReceivedResponse;
        try {
          response = await settleWithin(exchange(request, bodyFormat, state), timeoutMs, callerSignal, () => {
            state.abandoned = true;
            state.controller?.abort();
          });
        } catch (error) {
          if (callerSignal?.aborted) throw callerSignal.reason;
          const failure = attemptFailure(request, error, timeoutMs);
          if (attempt >= retry.maxAttempts) throw failure;
          await sleep(backoffDelay(retry, attempt), callerSignal ?? undefined);
          continue;
        }

        if (response.status === 401 && token !== undefined && !renewedAfter401 && auth.invalidate(token)) {
          // One renewal and one resend, not counted as an attempt; a second 401 is final.
          renewedAfter401 = true;
          budget.used--;
          continue;
        }
        if (retry.retryStatuses.includes(response.status) && attempt < retry.maxAttempts) {
          const retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'));
          if (retryAfterMs !== undefined && retryAfterMs > retry.maxRetryAfterMs) return response;
          await sleep(retryAfterMs ?? backoffDelay(retry, attempt), callerSignal ?? undefined);
          continue;
        }
        return response;
      }
    },
  };
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
  controller: AbortController | undefined;
}

/** The typed error of an attempt that got no response: a timeout or a network failure. */
function attemptFailure(request: OutgoingRequest, error: unknown, timeoutMs: number): TimeoutError | NetworkError {
  // Parsed only on failure: the URL is not needed on the hot path.
  const path = new URL(request.url).pathname;
  const what = `${request.method} ${path}`;
  return error instanceof TimeoutReason
    ? new TimeoutError(`${what}: no response within ${timeoutMs} ms`, { method: request.method, path })
    : new NetworkError(`${what}: ${describe(error)}`, { method: request.method, path, cause: error });
}

// Network errors from undici hide the useful part in `cause` (ECONNREFUSED …).
function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}
