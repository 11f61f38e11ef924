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

// A response this much slower than the fastest seen means queues are building: stop growing.
const LATENCY_HOLD_FACTOR = 2;
const CONGESTION_STATUSES = new Set([429, 503]);

/**
 * Request slots whose number adapts to the server, as TCP's congestion control does: the limit
 * doubles each round trip while responses come back as fast as the fastest seen (slow start),
 * then grows by one slot a round trip; it stops growing when latency rises past twice the fastest,
 * halves (at most once a round trip) on a 429 or 503, and after a 429 no request starts before
 * its `Retry-After` has passed. A requests-per-second cap spaces request starts. Waiters with the
 * lowest priority number go first. @internal
 */
export class AdaptiveGate implements RequestSlots {
  private active = 0;
  private limitValue: number;
  private slowStart = true;
  private fastestMs = Number.POSITIVE_INFINITY;
  private lastLatencyMs = 0;
  private lastDecreaseAt = Number.NEGATIVE_INFINITY;
  private pausedUntil = 0;
  private nextStartAt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly waiting = new PriorityWaiters();
  private readonly max: number;
  private readonly spacingMs: number;
  private readonly now: () => number;

  constructor(options: AdaptiveGateOptions) {
    this.max = options.maxConcurrency;
    this.limitValue = Math.min(this.max, options.initialConcurrency ?? 2);
    this.spacingMs = options.requestsPerSecond ? 1000 / options.requestsPerSecond : 0;
    this.now = options.now ?? (() => performance.now());
  }

  /** The current limit, rounded down: how many requests may be on the wire now. */
  get concurrency(): number {
    return Math.max(1, Math.floor(this.limitValue));
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
    const now = this.now();
    if (CONGESTION_STATUSES.has(response.status)) {
      // A 429 speaks for the account (its quota): nothing starts until Retry-After. A 503's
      // Retry-After is for the request that got it (the pipeline waits it out before retrying).
      const retryAfter = response.status === 429 ? parseRetryAfter(response.headers.get('Retry-After')) : undefined;
      if (retryAfter !== undefined) this.pausedUntil = Math.max(this.pausedUntil, now + retryAfter);
      // Responses already on their way report the same congestion: halve once a round trip.
      if (now - this.lastDecreaseAt > Math.max(this.lastLatencyMs, latencyMs)) {
        this.limitValue = Math.max(1, this.limitValue / 2);
        this.slowStart = false;
        this.lastDecreaseAt = now;
      }
      return;
    }
    this.lastLatencyMs = latencyMs;
    this.fastestMs = Math.min(this.fastestMs, latencyMs);
    if (response.status < 200 || response.status >= 300) return;
    if (latencyMs > LATENCY_HOLD_FACTOR * this.fastestMs + 1) {
      this.slowStart = false;
      return;
    }
    // Only a limit that is in use is worth raising.
    if (this.active < this.concurrency) return;
    this.limitValue = Math.min(this.max, this.limitValue + (this.slowStart ? 1 : 1 / this.limitValue));
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
