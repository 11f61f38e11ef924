import { type CarbonTrackError, MalformedResponseError } from '../errors/carbon-track-error.js';
import { errorFromResponse } from '../errors/error-from-response.js';
import { sleep } from '../http/abort.js';
import { backoffDelay, parseRetryAfter, type RetryPolicy } from '../http/retry-policy.js';
import type { AttemptBudget } from '../http/transport.js';

/** What openapi-fetch resolves to (only the response members every response object has). */
export interface FetchResult {
  data?: unknown;
  error?: unknown;
  response: Pick<Response, 'ok' | 'status' | 'headers'>;
}

/** Context of one API call, for errors and retries. */
export interface CallContext {
  method: string;
  path: string;
  retry: RetryPolicy;
  signal?: AbortSignal | undefined;
  redact: (text: string) => string;
}

/**
 * Runs one API call and returns its checked data. The transport retries HTTP failures; this adds
 * the one failure only the body reveals: a 2xx response whose body is not the documented shape
 * (truncated or invalid JSON), retried with backoff like any transient fault. Both count against
 * one budget (`send` hands it to the transport with each request), so `retry.maxAttempts` is the
 * total for the call. Non-2xx responses become typed errors.
 */
export async function callApi<T>(
  context: CallContext,
  send: (attempts: AttemptBudget) => Promise<FetchResult>,
  read: (data: unknown) => T | undefined,
): Promise<T> {
  const attempts: AttemptBudget = { used: 0 };
  let lastProblem = '';
  for (;;) {
    const before = attempts.used;
    let result: FetchResult | undefined;
    try {
      result = await send(attempts);
    } catch (error) {
      // openapi-fetch throws SyntaxError when a 2xx body is not JSON.
      if (!(error instanceof SyntaxError)) throw error;
      lastProblem = 'the body is not valid JSON';
    }
    // A send that bypassed the transport's count is still one attempt.
    if (attempts.used === before) attempts.used++;
    if (result) {
      if (!result.response.ok) throw responseError(context, result);
      const value = read(result.data);
      if (value !== undefined) return value;
      lastProblem = 'the body does not have the documented shape';
    }
    if (attempts.used >= context.retry.maxAttempts) break;
    await sleep(backoffDelay(context.retry, attempts.used), context.signal);
  }
  throw new MalformedResponseError(
    `${context.method} ${context.path}: ${lastProblem} (after ${attempts.used} attempts)`,
    { method: context.method, path: context.path },
  );
}

/** openapi-fetch init that hands a call's attempt budget to the transport (see {@link PlainRequest}). @internal */
export function withAttempts(attempts: AttemptBudget): { signal?: AbortSignal } {
  // Typed as an option openapi-fetch accepts; it passes unknown keys on to the request unchanged.
  return { attempts } as { signal?: AbortSignal };
}

/** Maps a non-2xx openapi-fetch result to a typed error. */
export function responseError(context: CallContext, result: FetchResult): CarbonTrackError {
  return errorFromResponse(
    {
      status: result.response.status,
      method: context.method,
      path: context.path,
      body: result.error,
      retryAfterMs: parseRetryAfter(result.response.headers.get('Retry-After')),
    },
    context.redact,
  );
}
