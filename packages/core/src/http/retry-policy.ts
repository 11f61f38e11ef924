/** How failed requests are retried. */
export interface RetryOptions {
  /** Total attempts per request, the first included (default 5; 1 disables retries). */
  maxAttempts?: number;
  /** Backoff base: the cap of the first retry's random delay, in ms (default 250). */
  baseDelayMs?: number;
  /** Largest backoff delay, in ms (default 10 000). */
  maxDelayMs?: number;
  /** Longest `Retry-After` the client waits for; a longer one fails at once (default 60 000 ms). */
  maxRetryAfterMs?: number;
  /** HTTP statuses that are retried (default 429, 500, 502, 503, 504). */
  retryStatuses?: readonly number[];
  /** Random source in [0, 1) for the jitter (default Math.random); for reproducible tests. */
  random?: () => number;
}

/** {@link RetryOptions} with every default filled in. */
export type RetryPolicy = Required<RetryOptions>;

/** Statuses worth another try: rate limiting and transient server failures. */
export const DEFAULT_RETRY_STATUSES: readonly number[] = [429, 500, 502, 503, 504];

/** Fills in the defaults and checks the numbers. */
export function resolveRetryPolicy(options: RetryOptions = {}): RetryPolicy {
  const policy: RetryPolicy = {
    maxAttempts: options.maxAttempts ?? 5,
    baseDelayMs: options.baseDelayMs ?? 250,
    maxDelayMs: options.maxDelayMs ?? 10_000,
    maxRetryAfterMs: options.maxRetryAfterMs ?? 60_000,
    retryStatuses: options.retryStatuses ?? DEFAULT_RETRY_STATUSES,
    random: options.random ?? Math.random,
  };
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1) {
    throw new RangeError(`retry.maxAttempts must be a whole number >= 1, got ${policy.maxAttempts}`);
  }
  for (const key of ['baseDelayMs', 'maxDelayMs', 'maxRetryAfterMs'] as const) {
    if (!Number.isFinite(policy[key]) || policy[key] < 0) {
      throw new RangeError(`retry.${key} must be a number >= 0, got ${policy[key]}`);
    }
  }
  return policy;
}

/**
 * Delay before retry number `retry` (1 for the first retry): exponential backoff with full
 * jitter, i.e. uniform in [0, min(maxDelay, base * 2^(retry-1))], which spreads the retries of
 * many clients that failed together.
 */
export function backoffDelay(policy: RetryPolicy, retry: number): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(policy.random() * cap);
}

/** Parses `Retry-After` (seconds or an HTTP date) into milliseconds from `now`; undefined if absent or invalid. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // An HTTP date always names its weekday or month; a bare "-1" would otherwise parse as a year.
  const date = /[a-z]/i.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
