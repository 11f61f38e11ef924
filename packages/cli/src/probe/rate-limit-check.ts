// Rate limiting, gently: a few quick GET /ctapi/Distributor (the smallest answer) one after the
// other, stopping at the first 429, which answers the question. What the rest of the run met
// (429s, Retry-After, X-RateLimit-*) is collected by ProbeHttp and added at the end.
import { DISTRIBUTOR_OPERATION } from './distributor-check.js';
import { toExchange } from './exchange.js';
import { type ProbeContext, skip } from './probe-context.js';
import type { RateLimitObservations } from './probe-http.js';
import type { RateLimitSection } from './probe-report.js';

/** Requests in the burst at most. */
export const BURST_SIZE = 8;

/** A rate-limit section before its step runs. */
export function emptyRateLimitSection(): RateLimitSection {
  return {
    outcome: 'skipped',
    burstSize: 0,
    burstStatuses: [],
    limited: false,
    status429: 0,
    retryAfter: [],
    headers: {},
    exchange: null,
  };
}

/** Runs the burst into `section`. */
export async function checkRateLimit(context: ProbeContext, section: RateLimitSection): Promise<void> {
  // The limit is per access token, and a burst of 401s would measure nothing.
  if (!context.session.authenticated) return skip(section, 'no access token: the limit applies per token');
  const size = Math.min(BURST_SIZE, context.http.remaining);
  if (size < 2) return skip(section, 'too little of the request budget is left for a burst');
  for (let i = 0; i < size; i++) {
    const request = { method: 'GET', path: DISTRIBUTOR_OPERATION.path, retryOn429: false } as const;
    const outcome = await context.session.call(request);
    section.burstSize += 1;
    section.burstStatuses.push(outcome.ok ? outcome.response.status : null);
    if (!outcome.ok) break;
    if (outcome.response.status === 429) {
      section.limited = true;
      section.exchange = toExchange(request, DISTRIBUTOR_OPERATION, outcome, context.schemas, context.redactor);
      break;
    }
  }
  section.outcome = 'pass';
}

/** Adds what the whole run saw of rate limiting to `section`. */
export function addRateLimitObservations(section: RateLimitSection, seen: RateLimitObservations): void {
  section.status429 = seen.status429;
  section.retryAfter = [...seen.retryAfter];
  section.headers = { ...seen.headers };
}
