import { type CarbonTrackError, MalformedResponseError } from '../errors/carbon-track-error.js';
import { errorFromResponse } from '../errors/error-from-response.js';
import { sleep } from '../http/abort.js';
import { backoffDelay, parseRetryAfter, type RetryPolicy } from '../http/retry-policy.js';

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
 * Runs one API call and returns its checked data. HTTP-level retries happen in the transport;
 * this adds the one failure only the body reveals: a 2xx response whose body is not the
 * documented shape (truncated or invalid JSON), retried with backoff like any transient fault.
 * Non-2xx responses become typed errors.
 */
export async function callApi<T>(
  context: CallContext,
  send: () => Promise<FetchResult>,
  read: (data: unknown) => T | undefined,
): Promise<T> {
  let lastProblem = '';
  for (let attempt = 1; attempt <= context.retry.maxAttempts; attempt++) {
    if (attempt > 1) await sleep(backoffDelay(context.retry, attempt - 1), context.signal);
    let result: FetchResult;
    try {
      result = await send();
    } catch (error) {
      // openapi-fetch throws SyntaxError when a 2xx body is not JSON.
      if (!(error instanceof SyntaxError)) throw error;
      lastProblem = 'the body is not valid JSON';
      continue;
    }
    if (!result.response.ok) throw responseError(context, result);
    const value = read(result.data);
    if (value !== undefined) return value;
    lastProblem = 'the body does not have the documented shape';
  }
  throw new MalformedResponseError(
    `${context.method} ${context.path}: ${lastProblem} (after ${context.retry.maxAttempts} attempts)`,
    { method: context.method, path: context.path },
  );
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
