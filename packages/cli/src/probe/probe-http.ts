// Every request of a probe run goes through one ProbeHttp, top to bottom: budget and circuit gate →
// one timed attempt → at most one retry, after a 429's Retry-After. It never throws: a request that
// gets no usable answer comes back as a failure saying why, so each step can record it and go on.
import { readTextWithin } from '@carbontrack/core/http';

/** A request of the probe. */
export interface ProbeRequest {
  method: 'GET' | 'POST';
  /** Path below the base URL, e.g. `/ctapi/Customer`. */
  path: string;
  /** Query parameters (never credentials). */
  query?: Record<string, string>;
  /** JSON body. */
  json?: unknown;
  /** Form body (the token endpoint's; the only place credentials go). */
  form?: Record<string, string>;
  /** Access token for the Authorization header. */
  token?: string | null;
  /** Whether a 429 is waited out and retried once (default true; the burst turns it off). */
  retryOn429?: boolean;
}

/** A response, its body read. */
export interface ProbeResponse {
  status: number;
  headers: Headers;
  /** The Content-Type, or null. */
  contentType: string | null;
  /** The body as text. */
  text: string;
  /** Size of the body in bytes. */
  bytes: number;
  /** Whether the body parsed as JSON. */
  json: 'ok' | 'invalid' | 'not-json';
  /** The parsed body when `json` is `ok`. */
  body: unknown;
  /** Milliseconds until the body was read. */
  durationMs: number;
  /** Whether this is the retry after a 429. */
  retriedAfter429: boolean;
}

/** What a request gave: a response, or why there is none. */
export type ProbeOutcome =
  | { ok: true; response: ProbeResponse }
  | { ok: false; reason: 'network' | 'timeout' | 'budget' | 'aborted' | 'unreachable' | 'too-large'; error: string };

/** Rate-limit signals collected from every response of the run. */
export interface RateLimitObservations {
  status429: number;
  retryAfter: string[];
  headers: Record<string, string>;
}

/** Options of {@link ProbeHttp}. */
export interface ProbeHttpOptions {
  /** Base URL without credentials; paths are appended to it. */
  baseUrl: string;
  /** The fetch to send with. */
  fetch: typeof fetch;
  /** Most requests to send. */
  budget: number;
  /** Timeout of one request, body included, in milliseconds. */
  timeoutMs: number;
  /** Aborts the whole run. */
  signal?: AbortSignal;
  /** Describes a thrown error without secrets. */
  describeError: (error: unknown) => string;
}

/** Largest body read; a measurement day is about 300 kB. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;
/** Longest Retry-After honoured before a retry; beyond it the 429 is recorded and the step goes on. */
const MAX_RETRY_WAIT_MS = 5_000;
/** Most waiting for rate limits over the whole run, so a strict limit cannot stretch the run for minutes. */
const MAX_TOTAL_WAIT_MS = 20_000;
/** Requests in a row with no HTTP answer after which the server is taken to be unreachable. */
const MAX_TRANSPORT_FAILURES = 2;
const RATE_LIMIT_HEADER = /^(x-)?ratelimit/i;
const MAX_HEADERS_KEPT = 12;
const MAX_RETRY_AFTER_KEPT = 10;

/** The probe's budgeted, timed HTTP client. */
export class ProbeHttp {
  /** Rate-limit signals seen so far. */
  readonly rateLimits: RateLimitObservations = { status429: 0, retryAfter: [], headers: {} };
  private sent = 0;
  private refusedForBudget = false;
  private transportFailures = 0;
  private lastTransportError = '';
  private waitedMs = 0;

  constructor(private readonly options: ProbeHttpOptions) {}

  /** Requests sent so far. */
  get count(): number {
    return this.sent;
  }

  /** Requests the budget still allows. */
  get remaining(): number {
    return Math.max(0, this.options.budget - this.sent);
  }

  /** Whether a request went unsent for want of budget. */
  get budgetExhausted(): boolean {
    return this.refusedForBudget;
  }

  /** Whether the caller aborted the run. */
  get aborted(): boolean {
    return this.options.signal?.aborted ?? false;
  }

  /** Sends a request, retrying once after a 429 when its Retry-After is short. */
  async send(request: ProbeRequest): Promise<ProbeOutcome> {
    const first = await this.attempt(request, false);
    if (!first.ok || first.response.status !== 429 || request.retryOn429 === false) return first;
    const waitMs = retryAfterMs(first.response.headers.get('retry-after')) ?? 1_000;
    if (waitMs > MAX_RETRY_WAIT_MS || this.waitedMs + waitMs > MAX_TOTAL_WAIT_MS || this.remaining === 0) return first;
    this.waitedMs += waitMs;
    if (!(await sleep(waitMs, this.options.signal))) return first;
    return this.attempt(request, true);
  }

  private async attempt(request: ProbeRequest, retriedAfter429: boolean): Promise<ProbeOutcome> {
    if (this.aborted) return { ok: false, reason: 'aborted', error: 'not sent: the run was aborted' };
    if (this.transportFailures >= MAX_TRANSPORT_FAILURES) {
      return {
        ok: false,
        reason: 'unreachable',
        error: `not sent: the server is unreachable (${this.lastTransportError})`,
      };
    }
    if (this.remaining === 0) {
      this.refusedForBudget = true;
      return {
        ok: false,
        reason: 'budget',
        error: `not sent: the request budget of ${this.options.budget} is used up`,
      };
    }
    this.sent += 1;
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    const signal = this.options.signal ? AbortSignal.any([this.options.signal, timeout]) : timeout;
    const started = performance.now();
    try {
      const response = await this.options.fetch(this.url(request), { ...this.init(request), signal });
      const body = await readTextWithin(response, MAX_BODY_BYTES);
      this.transportFailures = 0;
      this.observe(response);
      if (body === null) {
        return { ok: false, reason: 'too-large', error: `the body is larger than ${MAX_BODY_BYTES} bytes; not read` };
      }
      const contentType = response.headers.get('content-type');
      const parsed = parseJson(body.text, contentType);
      return {
        ok: true,
        response: {
          status: response.status,
          headers: response.headers,
          contentType,
          text: body.text,
          bytes: body.bytes,
          ...parsed,
          durationMs: Math.round(performance.now() - started),
          retriedAfter429,
        },
      };
    } catch (error) {
      if (this.aborted) return { ok: false, reason: 'aborted', error: 'aborted by the caller' };
      const timedOut = timeout.aborted;
      const message = timedOut
        ? `no response within ${this.options.timeoutMs} ms`
        : `no response: ${this.options.describeError(error)}`;
      this.transportFailures += 1;
      this.lastTransportError = message;
      return { ok: false, reason: timedOut ? 'timeout' : 'network', error: message };
    }
  }

  private url(request: ProbeRequest): string {
    const query = request.query ? `?${new URLSearchParams(request.query)}` : '';
    return `${this.options.baseUrl}${request.path}${query}`;
  }

  private init(request: ProbeRequest): RequestInit {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (request.token) headers.authorization = `Bearer ${request.token}`;
    let body: string | undefined;
    if (request.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(request.form).toString();
    } else if (request.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(request.json);
    }
    // A redirect could carry the form body to another host; the probe reports it instead.
    return { method: request.method, headers, body, redirect: 'manual' };
  }

  private observe(response: Response): void {
    const limits = this.rateLimits;
    if (response.status === 429) limits.status429 += 1;
    const retryAfter = response.headers.get('retry-after');
    if (retryAfter !== null && limits.retryAfter.length < MAX_RETRY_AFTER_KEPT) {
      limits.retryAfter.push(retryAfter.slice(0, 40));
    }
    for (const [name, value] of response.headers) {
      if (!RATE_LIMIT_HEADER.test(name)) continue;
      if (name in limits.headers || Object.keys(limits.headers).length < MAX_HEADERS_KEPT) {
        limits.headers[name] = value.slice(0, 60);
      }
    }
  }
}

/** Milliseconds a Retry-After asks for (seconds or an HTTP date); null when absent or unreadable. */
export function retryAfterMs(value: string | null): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

function parseJson(text: string, contentType: string | null): { json: ProbeResponse['json']; body: unknown } {
  try {
    return { json: 'ok', body: JSON.parse(text) };
  } catch {
    // A JSON Content-Type that does not parse is broken JSON; anything else is simply not JSON.
    return { json: contentType && /json/i.test(contentType) ? 'invalid' : 'not-json', body: undefined };
  }
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
