/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Marker reason used when the per-request timeout fires, to tell it apart from a caller's abort. */
export class TimeoutReason extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no response within ${timeoutMs} ms`);
  }
}

/**
 * Settles like `work`, or rejects early: with a {@link TimeoutReason} after `timeoutMs` (0 = never)
 * or with the signal's reason as soon as it aborts. `onGiveUp` runs when it rejects early, so the
 * caller can release what the abandoned work still holds. Late results of `work` are observed
 * and dropped, never left as unhandled rejections.
 *
 * Why a race and not an AbortSignal per attempt: in Node's fetch, creating a signal and tying it
 * to a Request costs ~25 us, most of a small request's own cost. The caller's signal is still given
 * to fetch, so a cancelled call aborts its connection at once.
 */
export function settleWithin<T>(
  work: Promise<T>,
  timeoutMs: number,
  signal: AbortSignal | null | undefined,
  onGiveUp: () => void = () => {},
): Promise<T> {
  const timed = Number.isFinite(timeoutMs) && timeoutMs > 0;
  if (!timed && !signal) return work;
  return new Promise<T>((resolve, reject) => {
    const giveUp = (reason: unknown) => {
      done();
      onGiveUp();
      reject(reason);
    };
    const onAbort = () => giveUp(signal?.reason);
    const timer = timed ? setTimeout(() => giveUp(new TimeoutReason(timeoutMs)), timeoutMs) : undefined;
    const done = () => {
      if (timer !== undefined) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    if (signal?.aborted) {
      giveUp(signal.reason);
    } else {
      signal?.addEventListener('abort', onAbort, { once: true });
    }
    work.then(
      (value) => {
        done();
        resolve(value);
      },
      (error: unknown) => {
        done();
        reject(error);
      },
    );
  });
}
