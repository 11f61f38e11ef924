import { PriorityWaiters } from './priority-waiters.js';

/**
 * Bounds how many requests are in flight at once: `run` waits for a free slot, holds it while the
 * request runs and frees it as soon as the request settles, so the next request leaves before the
 * caller goes on to CPU work such as parsing the body. Waiters with the lowest `priority` number go
 * first (then first come, first served): the measurement windows the consumer needs next.
 */
export class RequestGate {
  private active = 0;
  private readonly waiting = new PriorityWaiters();

  constructor(private readonly slots: number) {}

  /** Runs `request` in a slot; a signal that aborts while it waits for one rejects at once. */
  async run<T>(request: () => Promise<T>, priority = 0, signal?: AbortSignal | null): Promise<T> {
    if (this.active >= this.slots) await this.waiting.wait(priority, signal);
    else this.active++;
    try {
      return await request();
    } finally {
      // The slot passes straight to the next waiter, or frees up.
      if (!this.waiting.release()) this.active--;
    }
  }
}
