import type { AuthStrategy } from '../auth/auth-strategy.js';
import { NetworkError, TimeoutError } from '../errors/carbon-track-error.js';
import { sleep, TimeoutReason, timeoutSignal } from './abort.js';
import { backoffDelay, parseRetryAfter, type RetryPolicy } from './retry-policy.js';

/** A Fetch-API function: what openapi-fetch calls and what the transport wraps. */
export type FetchLike = (request: Request) => Promise<Response>;

/** Settings of {@link createTransport}. */
export interface TransportOptions {
  /** The underlying fetch (globalThis.fetch, or an in-process handler). */
  fetch: FetchLike;
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
 * - the request's own signal cancels the attempt and any pending backoff;
 * - the body is read once and sent again with each attempt, so retries re-send it intact.
 * Non-retryable or final responses are returned as they are, for the caller to map to errors.
 */
export function createTransport(options: TransportOptions): FetchLike {
  const { auth, retry, timeoutMs } = options;
  return async function transport(request: Request): Promise<Response> {
    const callerSignal = request.signal;
    // Read the body once: every attempt re-sends the same bytes (cheaper than cloning streams).
    const body = request.body === null ? null : await request.arrayBuffer();
    let renewedAfter401 = false;
    for (let attempt = 1; ; attempt++) {
      const token = await auth.getToken(callerSignal);
      const headers = new Headers(request.headers);
      if (token !== undefined) headers.set('Authorization', `Bearer ${token}`);
      const { signal, dispose } = timeoutSignal(timeoutMs, callerSignal);
      let response: Response;
      try {
        const sent = await options.fetch(new Request(request.url, { method: request.method, headers, body, signal }));
        // Read the body inside the timeout, so a stalled body is a timeout and a cut one a retry.
        const received = NULL_BODY_STATUSES.has(sent.status) ? null : await sent.arrayBuffer();
        response = new Response(received, { status: sent.status, statusText: sent.statusText, headers: sent.headers });
      } catch (error) {
        if (callerSignal.aborted) throw callerSignal.reason;
        // Parsed only on failure: the URL is not needed on the hot path.
        const path = new URL(request.url).pathname;
        const what = `${request.method} ${path}`;
        const failure =
          signal.reason instanceof TimeoutReason
            ? new TimeoutError(`${what}: no response within ${timeoutMs} ms`, {
                method: request.method,
                path,
              })
            : new NetworkError(`${what}: ${describe(error)}`, {
                method: request.method,
                path,
                cause: error,
              });
        if (attempt >= retry.maxAttempts) throw failure;
        await sleep(backoffDelay(retry, attempt), callerSignal);
        continue;
      } finally {
        dispose();
      }

      if (response.status === 401 && token !== undefined && !renewedAfter401 && auth.invalidate(token)) {
        // One renewal and one resend, not counted as an attempt; a second 401 is final.
        renewedAfter401 = true;
        attempt--;
        continue;
      }
      if (retry.retryStatuses.includes(response.status) && attempt < retry.maxAttempts) {
        const retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'));
        if (retryAfterMs !== undefined && retryAfterMs > retry.maxRetryAfterMs) return response;
        await sleep(retryAfterMs ?? backoffDelay(retry, attempt), callerSignal);
        continue;
      }
      return response;
    }
  };
}

// Network errors from undici hide the useful part in `cause` (ECONNREFUSED …).
function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}
