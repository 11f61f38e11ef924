// A response this much slower than the fastest seen means queues are building: stop growing.
const LATENCY_HOLD_FACTOR = 2;

/**
 * How many requests may be on the wire, adapting as TCP's congestion control does: the limit
 * grows by one per response (doubling each round trip, slow start) while responses come back
 * within twice the fastest seen, then by one a round trip; a slower response stops the growth; a
 * congestion signal (429, 503) halves it, at most once a round trip, since responses already on
 * their way report the same congestion. Pure state, no clock of its own. @internal
 */
export class ConcurrencyLimit {
  private value: number;
  private slowStart = true;
  private fastestMs = Number.POSITIVE_INFINITY;
  private lastLatencyMs = 0;
  private lastDecreaseAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly max: number,
    initial: number,
  ) {
    this.value = Math.min(max, initial);
  }

  /** The limit, rounded down, at least 1. */
  get current(): number {
    return Math.max(1, Math.floor(this.value));
  }

  /** A successful response after `latencyMs`, with `inFlight` requests on the wire (itself included). */
  succeeded(latencyMs: number, inFlight: number): void {
    this.lastLatencyMs = latencyMs;
    this.fastestMs = Math.min(this.fastestMs, latencyMs);
    if (latencyMs > LATENCY_HOLD_FACTOR * this.fastestMs + 1) {
      this.slowStart = false;
      return;
    }
    // Only a limit that is in use is worth raising.
    if (inFlight < this.current) return;
    this.value = Math.min(this.max, this.value + (this.slowStart ? 1 : 1 / this.value));
  }

  /** Another answer that says nothing about congestion (a 4xx, a 5xx other than 503). */
  answered(latencyMs: number): void {
    this.lastLatencyMs = latencyMs;
    this.fastestMs = Math.min(this.fastestMs, latencyMs);
  }

  /** A 429 or 503 at `nowMs`, after `latencyMs`. */
  congested(nowMs: number, latencyMs: number): void {
    if (nowMs - this.lastDecreaseAt <= Math.max(this.lastLatencyMs, latencyMs)) return;
    this.value = Math.max(1, this.value / 2);
    this.slowStart = false;
    this.lastDecreaseAt = nowMs;
  }
}
