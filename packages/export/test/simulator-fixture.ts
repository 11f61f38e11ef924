// An in-process simulator (no port) and a client of it, as the writers' real input.
import { type CarbonTrackClient, createCarbonTrackClient, type MeasurementSeries } from '@carbontrack/core';
import { createSimulator, type Simulator } from '@carbontrack/simulator';

/** The simulator's clock: every date of 2026 is in the past, so it has measurements. */
export const NOW = Date.UTC(2027, 0, 1);

/** A simulator with a fixed clock and a client signed in as the demo account through its fetch handler. */
export function simulatorClient(): { simulator: Simulator; client: CarbonTrackClient } {
  const simulator = createSimulator({ now: () => NOW });
  const client = createCarbonTrackClient({
    baseUrl: 'http://sim',
    credentials: { username: 'demo', password: 'demo' },
    fetch: (request) => simulator.fetch(request),
  });
  return { simulator, client };
}

/** IDs of online, registered devices of distributor A, optionally only those in `timeZone`. */
export function deviceIds(simulator: Simulator, count: number, timeZone?: string): string[] {
  const { world } = simulator;
  return world.devices
    .filter((d) => d.distributorId === world.distributors[0]?.ID && d.isRegistered && d.offlineSinceMs === null)
    .filter((d) => timeZone === undefined || d.timeZone === timeZone)
    .slice(0, count)
    .map((d) => d.id);
}

/** One device's measurements over `[from, to)` as one series. */
export function fetchSeries(
  client: CarbonTrackClient,
  deviceId: string,
  from: string,
  to: string,
): Promise<MeasurementSeries> {
  return client.measurements({ deviceId, from, to }).collect();
}
