// Starts a real simulator on 127.0.0.1 (free port) for a test file, and clients against it.
import { listen, type RunningSimulator, type SimulatorOptions } from '@carbontrack/simulator';
import { afterAll } from 'vitest';
import { type CarbonTrackClientOptions, createCarbonTrackClient } from '../src/index.js';

/** The demo account of distributor A. */
export const DEMO = { username: 'demo', password: 'demo' } as const;
/** The demo account of distributor B. */
export const DEMO2 = { username: 'demo2', password: 'demo2' } as const;

/** Starts a simulator for the current test file; it is closed after the file's tests. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const running = await listen(options, { port: 0, host: '127.0.0.1' });
  afterAll(() => running.close());
  return running;
}

/** A client for `running` with the demo account and fast retries, overridable. */
export function clientFor(running: RunningSimulator, options: Partial<CarbonTrackClientOptions> = {}) {
  return createCarbonTrackClient({
    baseUrl: running.url,
    ...(options.tokenProvider || options.auth ? {} : { credentials: DEMO }),
    retry: { baseDelayMs: 5, maxDelayMs: 50 },
    ...options,
  });
}

/** IDs of online, registered devices of distributor A with solar, from the simulator's world. */
export function demoDeviceIds(running: RunningSimulator, count: number): string[] {
  const { world } = running.simulator;
  return world.devices
    .filter((d) => d.distributorId === world.distributors[0]?.ID && d.isRegistered && d.offlineSinceMs === null)
    .filter((d) => d.solarKwp > 0)
    .slice(0, count)
    .map((d) => d.id);
}
