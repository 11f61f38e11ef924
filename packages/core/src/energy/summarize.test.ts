import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concatSeries } from '../measurements/concat-series.js';
import { createSeries } from '../measurements/create-series.js';
import { selectRows } from '../measurements/select-rows.js';
import { DEFAULT_EMISSION_FACTOR } from './emission-factor.js';
import { summarize } from './summarize.js';

const T0 = Date.UTC(2024, 0, 1);
const FIVE_MIN = 300_000;

function hourOf(usage: number, generating: number, exported: number, net?: number) {
  const time = Array.from({ length: 13 }, (_, k) => T0 + k * FIVE_MIN);
  return createSeries({
    time,
    columns: {
      PowerUsage: time.map(() => usage),
      Generating: time.map(() => generating),
      PowerExported: time.map(() => exported),
      ...(net === undefined ? {} : { PowerUsageNet: time.map(() => net) }),
    },
  });
}

describe('summarize', () => {
  it('computes totals, ratios and CO₂ for one hour of constant power', () => {
    const summary = summarize(hourOf(2000, 3000, 1500, 500));
    expect(summary).toMatchObject({
      consumptionKWh: 2,
      generationKWh: 3,
      exportKWh: 1.5,
      importKWh: 0.5,
      selfConsumptionPct: 50,
      selfSufficiencyPct: 75,
      peakDemandW: 2000,
      peakDemandTime: T0,
      from: T0,
      to: T0 + 12 * FIVE_MIN,
      samples: 13,
    });
    expect(summary.co2Kg).toBeCloseTo(0.5 * DEFAULT_EMISSION_FACTOR, 12);
    expect(summarize(hourOf(2000, 3000, 1500, 500), { emissionFactor: 0.1 }).co2Kg).toBeCloseTo(0.05, 12);
  });

  it('derives import from usage − generation when PowerUsageNet is missing', () => {
    expect(summarize(hourOf(2000, 500, 0)).importKWh).toBeCloseTo(1.5, 12);
    expect(summarize(hourOf(2000, 3000, 1000)).importKWh).toBe(0);
  });

  it('gives null ratios and peak for empty or all-zero series', () => {
    const zero = summarize(hourOf(0, 0, 0, 0));
    expect(zero.selfConsumptionPct).toBeNull();
    expect(zero.selfSufficiencyPct).toBeNull();
    const empty = summarize(createSeries({ time: [] }));
    expect(empty).toMatchObject({ peakDemandW: null, peakDemandTime: null, from: null, to: null, samples: 0 });
  });

  it('reports the peak in local time', () => {
    const series = hourOf(100, 0, 0);
    series.columns.PowerUsage[6] = 9000;
    const summary = summarize(series, { timeZone: 'Australia/Adelaide' });
    expect(summary.peakDemandW).toBe(9000);
    expect(summary.peakDemandLocalTime).toBe('2024-01-01T11:00:00+10:30');
  });

  it('rejects a bad emission factor or time zone', () => {
    expect(() => summarize(hourOf(1, 1, 1), { emissionFactor: -1 })).toThrow(RangeError);
    expect(() => summarize(hourOf(1, 1, 1), { timeZone: 'Nowhere/Else' })).toThrow(RangeError);
  });

  it('does not depend on page boundaries', () => {
    const power = fc.oneof(
      { weight: 9, arbitrary: fc.double({ min: 0, max: 9000, noNaN: true }) },
      fc.constant(Number.NaN),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(power, power, power, power), { maxLength: 150 }),
        fc.uniqueArray(fc.nat(), { maxLength: 5 }),
        (rows, cutSeeds) => {
          let t = T0;
          // Every fifth interval is a 25-minute outage, longer than the 15-minute maximum gap.
          const time = rows.map((_, k) => (t += k % 5 === 4 ? 25 * 60_000 : FIVE_MIN));
          const whole = createSeries({
            time,
            columns: {
              PowerUsage: rows.map((r) => r[0]),
              Generating: rows.map((r) => r[1]),
              PowerExported: rows.map((r) => r[2]),
              PowerUsageNet: rows.map((r) => r[3]),
            },
          });
          const n = whole.length;
          const cuts = [...new Set(cutSeeds.map((c) => (n === 0 ? 0 : c % n)))].sort((a, b) => a - b);
          const bounds = [0, ...cuts, n];
          const pages = bounds.slice(1).map((end, k) =>
            selectRows(
              whole,
              Array.from({ length: end - (bounds[k] as number) }, (_, j) => (bounds[k] as number) + j),
            ),
          );
          expect(summarize(concatSeries(pages))).toEqual(summarize(whole));
        },
      ),
    );
  });
});
