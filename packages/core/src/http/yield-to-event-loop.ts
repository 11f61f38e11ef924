/**
 * Resolves after the I/O that is already waiting has been handled: a macrotask, not a microtask.
 * setImmediate in Node (runs right after pending I/O callbacks); elsewhere a MessageChannel
 * message, which browsers do not throttle in background tabs the way they throttle timers.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof setImmediate === 'function') {
      setImmediate(resolve);
      return;
    }
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(undefined);
  });
}
