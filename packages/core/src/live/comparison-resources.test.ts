import { listen, type RunningSimulator } from '@carbontrack/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCarbonTrackClient } from '../client/create-client.js';
import { localTimeToInstant } from '../energy/calendar-buckets.js';
import { shiftLocalTime } from '../energy/compare-periods.js';
import { energyComparisonRange, energyComparisonResource, seriesComparisonResource } from './comparison-resources.js';

const SYDNEY = 'Australia/Sydney';
const wall = (y: number, m: number, d: number, h = 0, min = 0) => localTimeToInstant(Date.UTC(y, m, d, h, min), SYDNEY);

describe('shiftLocalTime', () => {
  it('moves local wall times by days, months and years, across DST and month ends', () => {
    // 5 October 2026 09:30 is daylight time; the day before (the 4th) the clocks went forward at 02:00.
    expect(shiftLocalTime(wall(2026, 9, 5, 9, 30), { days: -1 }, SYDNEY)).toBe(wall(2026, 9, 4, 9, 30));
    expect(shiftLocalTime(wall(2026, 2, 31, 12), { months: -1 }, SYDNEY)).toBe(wall(2026, 1, 28, 12));
    expect(shiftLocalTime(wall(2028, 1, 29), { years: -1 }, SYDNEY)).toBe(wall(2027, 1, 28));
    expect(shiftLocalTime(wall(2026, 0, 1), { days: -1 }, SYDNEY)).toBe(wall(2025, 11, 31));
    // 02:30 on 4 October does not exist in Sydney: the answer is the first instant after the gap.
    expect(shiftLocalTime(wall(2026, 9, 5, 2, 30), { days: -1 }, SYDNEY)).toBe(Date.UTC(2026, 9, 3, 16));
  });
});

describe('energyComparisonRange', () => {
  const now = wall(2026, 9, 5, 9, 30);

  it("'previous' of today is yesterday up to the same time of day, on the 23-hour day too", () => {
    expect(energyComparisonRange('today', 'previous', SYDNEY, now)).toEqual({
      from: wall(2026, 9, 4),
      to: wall(2026, 9, 4, 9, 30),
    });
  });

  it("'previous' of this month is last month up to the same day and time; rolling periods shift by their length", () => {
    expect(energyComparisonRange('month', 'previous', SYDNEY, now)).toEqual({
      from: wall(2026, 8, 1),
      to: wall(2026, 8, 5, 9, 30),
    });
    const week = 7 * 86_400_000;
    expect(energyComparisonRange('7d', 'previous', SYDNEY, now)).toEqual({ from: now - 2 * week, to: now - week });
  });

  it("'year' is the same local times a year earlier", () => {
    expect(energyComparisonRange('today', 'year', SYDNEY, now)).toEqual({
      from: wall(2025, 9, 5),
      to: wall(2025, 9, 5, 9, 30),
    });
  });
});

describe('comparison resources', () => {
  let running: RunningSimulator;
  let deviceId: string;
  beforeAll(async () => {
    running = await listen({ seed: 3 }, { port: 0 });
    deviceId = running.simulator.world.devices.find((d) => d.offlineSinceMs === null)?.id as string;
  });
  afterAll(() => running.close());

  it('fetch the earlier period worked out when fetched, under one key however the clock moves', async () => {
    const client = createCarbonTrackClient({
      baseUrl: running.url,
      credentials: { username: 'demo', password: 'demo' },
      retry: { maxAttempts: 1 },
    });
    let clock = Date.now();
    const now = () => clock;
    const resource = energyComparisonResource(deviceId, 'today', 'previous', SYDNEY, { now });
    const again = energyComparisonResource(deviceId, 'today', 'previous', SYDNEY, { now: () => clock + 60_000 });
    expect(again.key).toBe(resource.key);
    const got = await resource.fetch(client, new AbortController().signal, () => {});
    expect({ from: got.from, to: got.to }).toEqual(energyComparisonRange('today', 'previous', SYDNEY, clock));
    const direct = await client.measurements({ deviceId, from: got.from, to: got.to }).collect();
    expect(got.series.length).toBe(direct.length);
    expect(Array.from(got.series.time)).toEqual(Array.from(direct.time));

    clock = Date.now();
    const chart = seriesComparisonResource(deviceId, { range: '24h' }, 'previous', SYDNEY, { now });
    const earlier = await chart.fetch(client, new AbortController().signal, () => {});
    expect(earlier.to).toBe(clock - 86_400_000);
    expect(earlier.from).toBe(clock - 2 * 86_400_000);
    expect(earlier.series.length).toBeGreaterThan(250);
    expect(() => seriesComparisonResource(deviceId, { range: '24h' }, 'week' as 'year', SYDNEY)).toThrow(RangeError);
  });
});
