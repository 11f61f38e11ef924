interface Waiter {
  priority: number;
  take: () => void;
}

/**
 * Bounds how many requests are in flight at once: `run` waits for a free slot, holds it while the
 * request runs and frees it as soon as the request settles, so the next request leaves before the
 * caller goes on to CPU work such as parsing the body. Waiters with the lowest `priority` number go
 * first (then first come, first served): the measurement windows the consumer needs next.
 */
export class RequestGate {
  private active = 0;
  private readonly waiting: Waiter[] = [];

  constructor(private readonly slots: number) {}

  /** Runs `request` in a slot; a signal that aborts while it waits for one rejects at once. */
  async run<T>(request: () => Promise<T>, priority = 0, signal?: AbortSignal | null): Promise<T> {
    if (this.active >= this.slots) await this.turn(priority, signal);
    else this.active++;
    try {
      return await request();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter, or frees up.
      if (next) next.take();
      else this.active--;
    }
  }

  private turn(priority: number, signal?: AbortSignal | null): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const waiter: Waiter = {
        priority,
        take: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        const index = this.waiting.indexOf(waiter);
        if (index >= 0) this.waiting.splice(index, 1);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const before = this.waiting.findIndex((w) => w.priority > priority);
      this.waiting.splice(before < 0 ? this.waiting.length : before, 0, waiter);
    });
  }
}
