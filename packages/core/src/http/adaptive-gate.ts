import { ConcurrencyLimit } from './concurrency-limit.js';
import { PriorityWaiters } from './priority-waiters.js';
import type { ReceivedResponse, RequestSlots } from './request-pipeline.js';
import { parseRetryAfter } from './retry-policy.js';

/** Settings of {@link AdaptiveGate}. @internal */
export interface AdaptiveGateOptions {
  /** Most requests on the wire at once. */
  maxConcurrency: number;
  /** Where the limit starts (default 2, or maxConcurrency if lower). */
  initialConcurrency?: number | undefined;
  /** Most requests started per second, for accounts with a known quota (default: no cap). */
  requestsPerSecond?: number | undefined;
  /** Clock in ms (default performance.now). */
  now?: (() => number) | undefined;
}

const CONGESTION_STATUSES = new Set([429, 503]);

/**
 * Request slots whose number adapts to the server ({@link ConcurrencyLimit}: grows while latency
 * holds, halves on a 429 or 503), and after a 429 no request starts before
 * its `Retry-After` has passed. A requests-per-second cap spaces request starts. Waiters with the
 * lowest priority number go first. @internal
 */
export class AdaptiveGate implements RequestSlots {
  private active = 0;
  private pausedUntil = 0;
  private nextStartAt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly waiting = new PriorityWaiters();
  private readonly limit: ConcurrencyLimit;
  private readonly spacingMs: number;
  private readonly now: () => number;

  constructor(options: AdaptiveGateOptions) {
    this.limit = new ConcurrencyLimit(options.maxConcurrency, options.initialConcurrency ?? 2);
    this.spacingMs = options.requestsPerSecond ? 1000 / options.requestsPerSecond : 0;
    this.now = options.now ?? (() => performance.now());
  }

  /** The current limit, rounded down: how many requests may be on the wire now. */
  get concurrency(): number {
    return this.limit.current;
  }

  async run(exchange: () => Promise<ReceivedResponse>, priority = 0, signal?: AbortSignal): Promise<ReceivedResponse> {
    await this.acquire(priority, signal);
    const started = this.now();
    try {
      const response = await exchange();
      this.observe(response, this.now() - started);
      return response;
    } finally {
      this.active--;
      this.pump();
    }
  }

  private observe(response: ReceivedResponse, latencyMs: number): void {
    if (CONGESTION_STATUSES.has(response.status)) {
      const now = this.now();
      // A 429 speaks for the account (its quota): nothing starts until Retry-After. A 503's
      // Retry-After is for the request that got it (the pipeline waits it out before retrying).
      const retryAfter = response.status === 429 ? parseRetryAfter(response.headers.get('Retry-After')) : undefined;
      if (retryAfter !== undefined) this.pausedUntil = Math.max(this.pausedUntil, now + retryAfter);
      this.limit.congested(now, latencyMs);
    } else if (response.status >= 200 && response.status < 300) {
      this.limit.succeeded(latencyMs, this.active);
    } else {
      this.limit.answered(latencyMs);
    }
  }

  private acquire(priority: number, signal: AbortSignal | undefined): Promise<void> {
    return this.waiting.wait(priority, signal, () => this.pump());
  }

  /** Starts as many waiters as the limit, a pause and the rate cap allow; else wakes up when they do. */
  private pump(): void {
    while (this.waiting.size > 0 && this.active < this.concurrency) {
      const now = this.now();
      const wait = Math.max(this.pausedUntil, this.nextStartAt) - now;
      if (wait > 0) {
        if (this.timer === undefined) {
          this.timer = setTimeout(() => {
            this.timer = undefined;
            this.pump();
          }, wait);
        }
        return;
      }
      this.active++;
      this.nextStartAt = now + this.spacingMs;
      this.waiting.release();
    }
  }
}
