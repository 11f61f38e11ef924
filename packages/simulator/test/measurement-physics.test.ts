// Physical consistency of generated measurements over many devices and days. The generator is
// called in-process here (it is a pure function of device and time); the HTTP tests cover the wire.

import { parseHundredths } from '@carbontrack/api';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateWorld } from '../src/data/generate-world.js';
import { generateMeasurements, type MeasurementRecord } from '../src/data/measurement-generator.js';
import type { DeviceRecord } from '../src/data/world.js';
import { batteryPower, physicsProblems } from './helpers/physics-checks.js';

const NOW = Date.UTC(2026, 0, 1);
const DAY = 86_400_000;
const FIRST_DAY = Date.UTC(2024, 0, 1);
const world = generateWorld(1, NOW);
const solar = world.devices.filter((d) => d.solarKwp > 0);
const batteries = world.devices.filter((d) => d.battery !== null && d.solarKwp > 0);

const h = parseHundredths;
const day = (device: DeviceRecord, start: number) =>
  generateMeasurements(device, start, start + DAY, Number.POSITIVE_INFINITY);

const deviceDay = (devices: readonly DeviceRecord[]) =>
  fc.record({
    device: fc.constantFrom(...devices),
    start: fc.integer({ min: 0, max: 729 }).map((d) => FIRST_DAY + d * DAY),
  });

const hourFormats = new Map<string, Intl.DateTimeFormat>();
/** Records of one UTC day with their local hour (the zone's offset read once, at 00:00 UTC). */
function dayWithLocalHours(device: DeviceRecord, start: number): Array<{ r: MeasurementRecord; hour: number }> {
  let format = hourFormats.get(device.timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-AU', { timeZone: device.timeZone, hour: 'numeric', hourCycle: 'h23' });
    hourFormats.set(device.timeZone, format);
  }
  const offsetHours = Number(format.format(new Date(start)));
  return day(device, start).map((r, i) => ({ r, hour: (Math.floor(i / 12) + offsetHours) % 24 }));
}

describe('measurement physics', () => {
  it('keeps every record internally consistent (exact on the formatted strings)', () => {
    fc.assert(
      fc.property(deviceDay(world.devices), ({ device, start }) => {
        const records = day(device, start);
        expect(records).toHaveLength(288);
        const problems = physicsProblems(device, records);
        expect(problems.slice(0, 5)).toEqual([]);
      }),
      { numRuns: 60, seed: 42 },
    );
  });

  it('generates around solar noon on every day for solar devices', () => {
    fc.assert(
      fc.property(deviceDay(solar), ({ device, start }) => {
        const noon = start + DAY / 2 - (device.longitude / 15) * 3_600_000;
        const slot = Math.floor(noon / 300_000) * 300_000;
        const [record] = generateMeasurements(device, slot, slot + 300_000, Number.POSITIVE_INFINITY);
        expect(h(record?.Generating ?? '0')).toBeGreaterThan(0);
      }),
      { numRuns: 100, seed: 7 },
    );
  });

  it('moves battery charge with surplus and deficit', () => {
    fc.assert(
      fc.property(deviceDay(batteries), ({ device, start }) => {
        const records = day(device, start);
        const capacityWh = (device.battery?.capacityKwh ?? 1) * 1000;
        let moved = 0;
        for (let i = 0; i + 1 < records.length; i++) {
          const [now, next] = [records[i] as MeasurementRecord, records[i + 1] as MeasurementRecord];
          const expected = ((batteryPower(now) / 100) * (5 / 60) * 100) / capacityWh;
          const actual = (h(next.BatteryCharge) - h(now.BatteryCharge)) / 100;
          expect(Math.abs(actual - expected)).toBeLessThanOrEqual(0.011);
          if (batteryPower(now) > 0) expect(actual).toBeGreaterThanOrEqual(0);
          if (batteryPower(now) < 0) expect(actual).toBeLessThanOrEqual(0);
          if (actual !== 0) moved++;
        }
        expect(moved).toBeGreaterThan(10);
      }),
      { numRuns: 40, seed: 3 },
    );
  });

  it('has morning and evening peaks above the overnight base, and higher winter evenings', () => {
    const sample = world.devices.slice(0, 40);
    // Mean PowerUsage per local hour over `days` days from `from`: one pass over each generated day.
    const hourlyMeans = (from: number, days: number) => {
      const sums = new Array<number>(24).fill(0);
      const counts = new Array<number>(24).fill(0);
      for (const device of sample) {
        for (let d = 0; d < days; d++) {
          for (const { r, hour } of dayWithLocalHours(device, from + d * DAY)) {
            sums[hour] = (sums[hour] as number) + h(r.PowerUsage);
            counts[hour] = (counts[hour] as number) + 1;
          }
        }
      }
      return (hours: (hour: number) => boolean) => {
        let sum = 0;
        let n = 0;
        for (let hour = 0; hour < 24; hour++) {
          if (!hours(hour)) continue;
          sum += sums[hour] as number;
          n += counts[hour] as number;
        }
        return sum / n / 100;
      };
    };
    const march = hourlyMeans(Date.UTC(2025, 2, 3), 7);
    const night = march((hour) => hour >= 1 && hour < 4);
    const morning = march((hour) => hour >= 6 && hour < 9);
    const evening = march((hour) => hour >= 17 && hour < 22);
    expect(morning).toBeGreaterThan(night * 1.5);
    expect(evening).toBeGreaterThan(night * 2);
    const eveningHours = (hour: number) => hour >= 17 && hour < 22;
    const julyEvening = hourlyMeans(Date.UTC(2025, 6, 7), 7)(eveningHours);
    const januaryEvening = hourlyMeans(Date.UTC(2025, 0, 6), 7)(eveningHours);
    expect(julyEvening).toBeGreaterThan(januaryEvening * 1.1);
  });

  it('uses a little more or less than the same week a year earlier, as households change', () => {
    const weekKWh = (device: (typeof world.devices)[number], from: number) => {
      let sum = 0;
      for (let d = 0; d < 7; d++) for (const { r } of dayWithLocalHours(device, from + d * DAY)) sum += h(r.PowerUsage);
      return sum / 100 / 12 / 1000;
    };
    const changes = world.devices.slice(0, 20).map((device) => {
      const now = weekKWh(device, Date.UTC(2026, 2, 2));
      const yearBefore = weekKWh(device, Date.UTC(2025, 2, 3));
      return now / yearBefore - 1;
    });
    // Not the same within the weather's few per cent (habits drift), and not another household either.
    expect(changes.filter((c) => Math.abs(c) > 0.05).length).toBeGreaterThanOrEqual(6);
    for (const change of changes) expect(Math.abs(change)).toBeLessThan(0.25);
  });

  it('runs air-con on summer afternoons, not winter ones', () => {
    const airCon = world.devices.filter((d) => d.household.airConW > 0 && d.city !== 'Darwin').slice(0, 40);
    const afternoon = (from: number) => {
      let sum = 0;
      for (const device of airCon) {
        for (let d = 0; d < 7; d++) {
          for (const { r, hour } of dayWithLocalHours(device, from + d * DAY)) {
            if (hour >= 13 && hour < 18) sum += h(r.PowerUsage);
          }
        }
      }
      return sum;
    };
    expect(afternoon(Date.UTC(2025, 0, 13))).toBeGreaterThan(afternoon(Date.UTC(2025, 6, 14)) * 1.2);
  });

  it('follows latitude and season with the outdoor temperature', () => {
    const mean = (device: DeviceRecord, start: number) =>
      day(device, start).reduce((sum, r) => sum + h(r.Temperature2), 0) / 288 / 100;
    const darwin = world.devices.find((d) => d.city === 'Darwin') as DeviceRecord;
    const hobart = world.devices.find((d) => d.city === 'Hobart') as DeviceRecord;
    const january = Date.UTC(2025, 0, 20);
    const july = Date.UTC(2025, 6, 20);
    expect(mean(darwin, july)).toBeGreaterThan(mean(hobart, july) + 10);
    expect(mean(hobart, january)).toBeGreaterThan(mean(hobart, july) + 5);
  });

  it('gives every record a unique ID', () => {
    const ids = new Set<string>();
    let count = 0;
    for (const device of world.devices.slice(0, 50)) {
      for (const r of [...day(device, Date.UTC(2025, 3, 1)), ...day(device, Date.UTC(2025, 3, 2))]) {
        ids.add(r.ID);
        count++;
      }
    }
    expect(ids.size).toBe(count);
  });

  it('computes any record the same way whatever range it was asked in', () => {
    const device = batteries[0] as DeviceRecord;
    const start = Date.UTC(2025, 4, 9, 17, 35);
    const wide = generateMeasurements(device, start - 3 * 3_600_000, start + 3 * 3_600_000, Number.POSITIVE_INFINITY);
    const narrow = generateMeasurements(device, start, start + 300_000, Number.POSITIVE_INFINITY);
    expect(wide.find((r) => r.RecordDateTime === narrow[0]?.RecordDateTime)).toEqual(narrow[0]);
  });
});
