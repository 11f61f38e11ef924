/**
 * Resolves after the I/O that is already waiting has been handled: a macrotask, not a microtask.
 * setImmediate in Node (runs right after pending I/O callbacks), a zero timeout elsewhere.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof setImmediate === 'function') setImmediate(resolve);
    else setTimeout(resolve, 0);
  });
}
