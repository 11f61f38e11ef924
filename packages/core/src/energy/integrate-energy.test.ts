import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concatSeries } from '../measurements/concat-series.js';
import { createSeries } from '../measurements/create-series.js';
import type { MeasurementField } from '../measurements/fields.js';
import { selectRows } from '../measurements/select-rows.js';
import { integrateEnergy } from './integrate-energy.js';

const T0 = Date.UTC(2024, 0, 1);
const MIN = 60_000;

function powerSeries(minutes: readonly number[], watts: readonly number[]) {
  return createSeries({ time: minutes.map((m) => T0 + m * MIN), columns: { PowerUsage: watts } });
}

/** Random sorted sample times (minutes, some gaps longer than 15) and powers (some NaN). */
const samples = fc
  .array(
    fc.tuple(
      fc.oneof({ weight: 10, arbitrary: fc.constant(5) }, fc.integer({ min: 0, max: 40 })),
      fc.oneof({ weight: 10, arbitrary: fc.double({ min: 0, max: 20_000, noNaN: true }) }, fc.constant(Number.NaN)),
    ),
    { minLength: 0, maxLength: 200 },
  )
  .map((pairs) => {
    let minute = 0;
    return {
      minutes: pairs.map(([step]) => {
        minute += step;
        return minute;
      }),
      watts: pairs.map(([, w]) => w),
    };
  });

function rows(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, k) => from + k);
}

describe('integrateEnergy', () => {
  it('1 kW for one hour at 5-minute samples is 1 kWh', () => {
    const minutes = rows(0, 13).map((k) => k * 5);
    const series = powerSeries(
      minutes,
      minutes.map(() => 1000),
    );
    expect(integrateEnergy(series, 'PowerUsage')).toBe(1);
    expect(integrateEnergy(series, 'PowerUsage', { method: 'left' })).toBe(1);
  });

  it('a ramp from 0 to 2 kW over an hour is 1 kWh by trapezoid, less by left sums', () => {
    const minutes = rows(0, 13).map((k) => k * 5);
    const series = powerSeries(
      minutes,
      minutes.map((m) => (m / 60) * 2000),
    );
    expect(integrateEnergy(series, 'PowerUsage')).toBeCloseTo(1, 12);
    expect(integrateEnergy(series, 'PowerUsage', { method: 'left' })).toBeCloseTo(11 / 12, 12);
  });

  it('never bridges a gap longer than maxGapMinutes', () => {
    const series = powerSeries([0, 5, 65, 70], [1000, 1000, 1000, 1000]);
    expect(integrateEnergy(series, 'PowerUsage')).toBeCloseTo(10 / 60, 12);
    expect(integrateEnergy(series, 'PowerUsage', { maxGapMinutes: 60 })).toBeCloseTo(70 / 60, 12);
    expect(integrateEnergy(powerSeries([0, 15], [1000, 1000]), 'PowerUsage')).toBeCloseTo(0.25, 12);
  });

  it('ignores intervals bounded by a NaN sample and rows without time', () => {
    const series = powerSeries([0, 5, 10, 15], [1000, Number.NaN, 1000, 1000]);
    expect(integrateEnergy(series, 'PowerUsage')).toBeCloseTo(5 / 60, 12);
    series.time[1] = Number.NaN;
    expect(integrateEnergy(series, 'PowerUsage')).toBeCloseTo(15 / 60, 12);
  });

  it('gives 0 for empty and single-sample series', () => {
    expect(integrateEnergy(powerSeries([], []), 'PowerUsage')).toBe(0);
    expect(integrateEnergy(powerSeries([0], [5]), 'PowerUsage')).toBe(0);
  });

  it('throws RangeError for unsorted time, unknown fields and bad options', () => {
    expect(() => integrateEnergy(powerSeries([5, 0], [1, 1]), 'PowerUsage')).toThrow(/not sorted ascending: row 1/);
    const series = powerSeries([0, 5], [1, 1]);
    expect(() => integrateEnergy(series, 'Nope' as MeasurementField)).toThrow(RangeError);
    expect(() => integrateEnergy(series, 'PowerUsage', { maxGapMinutes: 0 })).toThrow(/maxGapMinutes/);
    expect(() => integrateEnergy(series, 'PowerUsage', { maxGapMinutes: Number.NaN })).toThrow(RangeError);
    expect(() => integrateEnergy(series, 'PowerUsage', { method: 'simpson' as 'left' })).toThrow(/method/);
  });

  it('left and trapezoid agree on constant power', () => {
    fc.assert(
      fc.property(samples, fc.double({ min: 0, max: 1e5, noNaN: true }), ({ minutes, watts }, p) => {
        const series = powerSeries(
          minutes,
          watts.map((w) => (Number.isNaN(w) ? w : p)),
        );
        expect(integrateEnergy(series, 'PowerUsage', { method: 'left' })).toBe(integrateEnergy(series, 'PowerUsage'));
      }),
    );
  });

  it('scales with power and is zero across a long gap', () => {
    fc.assert(
      fc.property(samples, fc.integer({ min: 1, max: 1000 }), ({ minutes, watts }, factor) => {
        const base = integrateEnergy(powerSeries(minutes, watts), 'PowerUsage');
        const scaled = integrateEnergy(
          powerSeries(
            minutes,
            watts.map((w) => w * factor),
          ),
          'PowerUsage',
        );
        expect(scaled).toBeCloseTo(base * factor, 6);
        const shifted = minutes.map((m, k) => (k >= minutes.length / 2 ? m + 16 : m));
        const split = Math.ceil(minutes.length / 2);
        const whole = integrateEnergy(powerSeries(shifted, watts), 'PowerUsage');
        const left = integrateEnergy(powerSeries(shifted.slice(0, split), watts.slice(0, split)), 'PowerUsage');
        const right = integrateEnergy(powerSeries(shifted.slice(split), watts.slice(split)), 'PowerUsage');
        expect(whole).toBeCloseTo(left + right, 9);
      }),
    );
  });

  it('does not depend on page boundaries', () => {
    fc.assert(
      fc.property(samples, fc.uniqueArray(fc.nat(), { maxLength: 6 }), ({ minutes, watts }, cutSeeds) => {
        const whole = powerSeries(minutes, watts);
        const n = whole.length;
        const cuts = [...new Set(cutSeeds.map((c) => (n === 0 ? 0 : c % n)))].sort((a, b) => a - b);
        const bounds = [0, ...cuts, n];
        const pages = bounds.slice(1).map((end, k) => selectRows(whole, rows(bounds[k] as number, end)));
        const total = integrateEnergy(whole, 'PowerUsage');
        expect(integrateEnergy(concatSeries(pages), 'PowerUsage')).toBe(total);
        // Pages that share their edge record (as API windows do) integrate separately to the same total.
        const overlapping = bounds
          .slice(1)
          .map((end, k) => selectRows(whole, rows(bounds[k] as number, Math.min(n, end + 1))));
        const sum = overlapping.reduce((acc, page) => acc + integrateEnergy(page, 'PowerUsage'), 0);
        expect(Math.abs(sum - total)).toBeLessThanOrEqual(1e-9 * Math.max(1, total));
      }),
    );
  });
});
