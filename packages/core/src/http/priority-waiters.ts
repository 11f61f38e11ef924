interface Waiter {
  priority: number;
  take: () => void;
}

/**
 * Requests waiting for a slot, lowest priority number first (then first come, first served); a
 * waiter whose signal aborts leaves the queue and rejects with the signal's reason. Shared by the
 * request gates. @internal
 */
export class PriorityWaiters {
  private readonly waiting: Waiter[] = [];

  /** How many are waiting. */
  get size(): number {
    return this.waiting.length;
  }

  /** Resolves when {@link release} picks this waiter. */
  wait(priority: number, signal?: AbortSignal | null, onQueued?: () => void): Promise<void> {
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
      onQueued?.();
    });
  }

  /** Lets the first waiter go; false when none is waiting. */
  release(): boolean {
    const next = this.waiting.shift();
    next?.take();
    return next !== undefined;
  }
}
