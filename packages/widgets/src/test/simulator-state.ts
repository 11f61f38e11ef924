import type { RunningSimulator } from '@carbontrack/simulator';

/** The simulator started by global-setup, shared with the browser commands (same Node process). */
const KEY = Symbol.for('carbontrack.widgets.test-simulator');

export function setRunningSimulator(running: RunningSimulator | undefined): void {
  (globalThis as { [KEY]?: RunningSimulator })[KEY] = running;
}

export function runningSimulator(): RunningSimulator {
  const running = (globalThis as { [KEY]?: RunningSimulator })[KEY];
  if (!running) throw new Error('the test simulator is not running (global-setup)');
  return running;
}

export function runningSimulatorOrNull(): RunningSimulator | null {
  return (globalThis as { [KEY]?: RunningSimulator })[KEY] ?? null;
}
