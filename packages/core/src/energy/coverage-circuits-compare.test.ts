import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSeries } from '../measurements/create-series.js';
import { localTimeToInstant } from './calendar-buckets.js';
import { circuits } from './circuits.js';
import { compareSummaries, comparisonPeriod } from './compare-periods.js';
import { coverage, sampleCadenceMs, summaryCoverage } from './coverage.js';
import { integrateEnergy } from './integrate-energy.js';
import { resample } from './resample.js';
import { toRows } from './resampled-rows.js';
import { summarize } from './summarize.js';

const FIVE_MIN = 300_000;
const DAY = 86_400_000;

/** Five-minute samples over [from, to), skipping [gapFrom, gapTo). */
function samples(from: number, to: number, gap?: [number, number], watts = 1000) {
  const time: number[] = [];
  for (let t = from; t < to; t += FIVE_MIN) if (!gap || t < gap[0] || t >= gap[1]) time.push(t);
  return createSeries({ time, columns: { PowerUsage: time.map(() => watts) } });
}

describe('coverage', () => {
  const zone = 'Australia/Brisbane';
  const day = localTimeToInstant(Date.UTC(2026, 5, 10), zone);

  it('a day with a six-hour outage is exactly 75 % complete, bucket by bucket', () => {
    const series = samples(day, day + 3 * DAY, [day + DAY + 6 * 3_600_000, day + DAY + 12 * 3_600_000]);
    expect(sampleCadenceMs(series)).toBe(FIVE_MIN);
    const daily = resample(series, 'day', { timeZone: zone, fields: ['PowerUsage'] });
    expect(Array.from(daily.coverage)).toEqual([1, 0.75, 1]);
    const rows = toRows(daily, { timeZone: zone });
    expect(rows.map((r) => r.coverage)).toEqual([1, 0.75, 1]);
    expect(coverage(series, day + DAY, day + 2 * DAY)).toBe(0.75);
  });

  it('a period before the device existed is empty with coverage 0, not zeros that look like data', () => {
    const series = samples(day, day + DAY);
    const before = { from: day - 7 * DAY, to: day - 6 * DAY };
    const empty = createSeries({ time: [] });
    expect(summaryCoverage(empty, before)).toBe(0);
    expect(summaryCoverage(series, before)).toBe(0);
    expect(summarize(empty).samples).toBe(0);
  });
});

describe('circuits', () => {
  it('circuits plus the untracked remainder equal PowerUsage energy (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 0, max: 2000, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })), {
          minLength: 2,
          maxLength: 200,
        }),
        (rows) => {
          const time = rows.map((_, i) => Date.UTC(2026, 0, 1) + i * FIVE_MIN);
          // Circuits share out up to the whole usage, so the remainder is never clamped.
          const usage = rows.map(([w]) => w);
          const part = (k: number) => rows.map(([w, share]) => (w * share * (k + 1)) / 10);
          const series = createSeries({
            time,
            columns: { PowerUsage: usage, Power1: part(0), Power2: part(1), Power3: part(2), Power4: part(3) },
          });
          const result = circuits(series);
          const total = result.circuits.reduce((sum, c) => sum + c.kWh, 0) + result.untrackedKWh;
          return Math.abs(total - integrateEnergy(series, 'PowerUsage')) < 1e-9;
        },
      ),
    );
  });

  it('per local hour, across a DST change, each bucket’s circuits plus remainder are its PowerUsage (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 4000 }), fc.double({ min: 0, max: 1, noNaN: true })), {
          minLength: 2,
          maxLength: 150,
        }),
        (rows) => {
          // From 01:00 on Sydney's 25-hour day (5 April 2026), every 5 minutes.
          const time = rows.map((_, i) => Date.UTC(2026, 3, 4, 14) + i * FIVE_MIN);
          const usage = rows.map(([w]) => w);
          const part = (k: number) => rows.map(([w, share]) => (w * share * (k + 1)) / 10);
          const series = createSeries({
            time,
            columns: { PowerUsage: usage, Power1: part(0), Power2: part(1), Power3: part(2), Power4: part(3) },
          });
          const zone = 'Australia/Sydney';
          const result = circuits(series, { unit: 'hour', timeZone: zone });
          const hourly = resample(series, 'hour', { timeZone: zone, fields: ['PowerUsage', 'Power1'] });
          const b = result.buckets;
          if (!b || b.start.length !== hourly.start.length) return false;
          for (let k = 0; k < b.start.length; k++) {
            if (b.start[k] !== hourly.start[k]) return false;
            const sum = b.circuits.reduce((acc, c) => acc + (c[k] as number), 0) + (b.untracked[k] as number);
            if (Math.abs(sum - (hourly.columns.PowerUsage[k] as number)) > 1e-9) return false;
            if (Math.abs((b.circuits[0]?.[k] as number) - (hourly.columns.Power1[k] as number)) > 1e-12) return false;
          }
          return true;
        },
      ),
    );
  });

  it('names the circuits, never lets the remainder go negative unless asked, and reads the N channels', () => {
    const time = [0, FIVE_MIN, 2 * FIVE_MIN].map((t) => Date.UTC(2026, 0, 1) + t);
    const series = createSeries({
      time,
      columns: {
        PowerUsage: [1000, 1000, 1000],
        Power1: [600, 600, 600],
        Power2: [600, 600, 600],
        Power1N: [100, 100, 100],
      },
    });
    const clamped = circuits(series, { labels: { 1: 'Lights and power', 2: 'Hot water' } });
    expect(clamped.circuits.map((c) => c.label)).toEqual(['Lights and power', 'Hot water', 'Circuit 3', 'Circuit 4']);
    expect(Array.from(clamped.untrackedW)).toEqual([0, 0, 0]);
    expect(Array.from(circuits(series, { allowNegativeRemainder: true }).untrackedW)).toEqual([-200, -200, -200]);
    const n = circuits(series, { channels: 'PowerN' });
    expect(n.circuits[0]?.field).toBe('Power1N');
    expect(Array.from(n.untrackedW)).toEqual([900, 900, 900]);
    expect(() => circuits(series, { channels: 'Power5' as 'Power' })).toThrow(RangeError);
  });

  it('reads the apparent power channels as circuits in kVAh, with no remainder rather than an invented one', () => {
    // An hour at 5-minute cadence: 13 readings, 12 intervals.
    const time = Array.from({ length: 13 }, (_, i) => Date.UTC(2026, 0, 1) + i * FIVE_MIN);
    const series = createSeries({
      time,
      columns: {
        PowerUsage: time.map(() => 1000),
        Power1: time.map(() => 450),
        PowerVAH1: time.map(() => 500),
        PowerVAH2: time.map((_, i) => (i < 6 ? 300 : 900)),
      },
    });
    const apparent = circuits(series, { channels: 'PowerVAH', unit: 'hour', labels: { 1: 'Pool pump' } });
    expect(apparent.unit).toBe('kVAh');
    expect(apparent.circuits.map((c) => c.field)).toEqual(['PowerVAH1', 'PowerVAH2', 'PowerVAH3', 'PowerVAH4']);
    expect(apparent.circuits[0]?.label).toBe('Pool pump');
    expect(apparent.circuits[0]?.energy).toBeCloseTo(0.5, 12);
    // Trapezoids: 5 intervals at 300 VA, one from 300 to 900, 6 at 900, each 1/12 h.
    expect(apparent.circuits[1]?.energy).toBeCloseTo((5 * 300 + 600 + 6 * 900) / 12 / 1000, 12);
    expect(apparent.circuits[0]?.kWh).toBeNaN();
    expect(apparent.untrackedKWh).toBeNaN();
    expect(Array.from(apparent.untrackedW).every(Number.isNaN)).toBe(true);
    expect(apparent.usageKWh).toBeCloseTo(1, 12);
    // The last reading, at 01:00, opens a second hour (resample's buckets), with nothing in it yet.
    expect(Array.from(apparent.buckets?.circuits[0] ?? [])).toEqual([apparent.circuits[0]?.energy, 0]);
    expect(Array.from(apparent.buckets?.untracked ?? []).every(Number.isNaN)).toBe(true);
    // The real power channels keep kWh, energy and the remainder alike.
    const real = circuits(series);
    expect(real.unit).toBe('kWh');
    expect(real.circuits[0]?.energy).toBe(real.circuits[0]?.kWh);
    expect(real.untrackedKWh).toBeCloseTo(0.55, 12);
  });
});

describe('comparison', () => {
  const zone = 'Australia/Sydney';

  it("'previous' is the same length just before; 'year' the same local times a year earlier, across DST", () => {
    const july = {
      from: localTimeToInstant(Date.UTC(2026, 6, 1), zone),
      to: localTimeToInstant(Date.UTC(2026, 7, 1), zone),
    };
    expect(comparisonPeriod(july, 'previous', zone)).toEqual({
      from: july.from - (july.to - july.from),
      to: july.from,
    });
    expect(comparisonPeriod(july, 'year', zone)).toEqual({
      from: localTimeToInstant(Date.UTC(2025, 6, 1), zone),
      to: localTimeToInstant(Date.UTC(2025, 7, 1), zone),
    });
    // 1 November 2026 is in daylight time; a year earlier too, at the same wall clock.
    const day = {
      from: localTimeToInstant(Date.UTC(2026, 10, 1), zone),
      to: localTimeToInstant(Date.UTC(2026, 10, 2), zone),
    };
    expect(comparisonPeriod(day, 'year', zone).from).toBe(localTimeToInstant(Date.UTC(2025, 10, 1), zone));
    const leap = { from: Date.UTC(2028, 1, 29), to: Date.UTC(2028, 2, 1) };
    expect(comparisonPeriod(leap, 'year').from).toBe(Date.UTC(2027, 1, 28));
  });

  it('gives signed deltas, and says when the earlier period has less data', () => {
    const from = Date.UTC(2026, 0, 8);
    const now = samples(from, from + DAY, undefined, 1500);
    const before = samples(from - DAY, from, [from - DAY, from - DAY / 2], 1000);
    const period = (series: ReturnType<typeof samples>, f: number) => ({
      summary: summarize(series),
      coverage: summaryCoverage(series, { from: f, to: f + DAY }),
    });
    const result = compareSummaries(period(now, from), period(before, from - DAY));
    expect(result.previous.coverage).toBe(0.5);
    expect(result.lessData).toBe(true);
    expect(result.consumptionKWh.change).toBeCloseTo(36 - 12, 0);
    expect(result.consumptionKWh.percent).toBeGreaterThan(100);
    const same = compareSummaries(period(now, from), period(now, from));
    expect(same.lessData).toBe(false);
    expect(same.importKWh).toEqual({ change: 0, percent: same.current.summary.importKWh === 0 ? null : 0 });
  });
});

describe('summarize and resample with compareWith', () => {
  const zone = 'Australia/Sydney';
  const local = (y: number, m: number, d: number) => localTimeToInstant(Date.UTC(y, m, d), zone);
  // Two weeks of 5-minute data at 1 kW, then a week at 2 kW (the current one), across no DST change.
  const weekFrom = local(2026, 0, 15);
  const weekTo = local(2026, 0, 22);
  const time: number[] = [];
  for (let t = local(2026, 0, 1); t < weekTo; t += FIVE_MIN) time.push(t);
  const watts = time.map((t) => (t >= weekFrom ? 2000 : 1000));
  const series = createSeries({ time, columns: { PowerUsage: watts, Generating: watts.map(() => 0) } });

  it("summarize(…, { compareWith: 'previous' }) is the period against the week before, deltas signed", () => {
    const result = summarize(series, {
      timeZone: zone,
      period: { from: weekFrom, to: weekTo },
      compareWith: 'previous',
    });
    expect(result.consumptionKWh).toBeCloseTo(2 * 24 * 7, 0);
    expect(result.coverage).toBe(1);
    expect(result.comparison.previous.summary.consumptionKWh).toBeCloseTo(24 * 7, 0);
    expect(result.comparison.consumptionKWh.change).toBeCloseTo(24 * 7, 0);
    expect(result.comparison.consumptionKWh.percent).toBeCloseTo(100, 0);
    expect(result.comparison.lessData).toBe(false);
    // The same as comparing two separate summaries by hand.
    const earlier = comparisonPeriod({ from: weekFrom, to: weekTo }, 'previous', zone);
    const inEarlier = time.filter((t) => t >= earlier.from && t < earlier.to);
    expect(result.comparison.previous.summary.samples).toBe(inEarlier.length);
  });

  it('a year earlier, before the device existed: no data, coverage 0, deltas null (not zeros that look like data)', () => {
    const result = summarize(series, { timeZone: zone, period: { from: weekFrom, to: weekTo }, compareWith: 'year' });
    expect(result.comparison.previous.summary.samples).toBe(0);
    expect(result.comparison.previous.coverage).toBe(0);
    expect(result.comparison.consumptionKWh).toEqual({ change: null, percent: null });
    expect(result.comparison.lessData).toBe(true);
    expect(() => summarize(series, { compareWith: 'year' } as never)).toThrow(/compareWith needs a period/);
  });

  it('the period counts missing data at its ends in the coverage', () => {
    const result = summarize(series, { timeZone: zone, period: { from: weekTo - DAY, to: weekTo + DAY } });
    expect(result.coverage).toBeCloseTo(0.5, 5);
    expect(result.consumptionKWh).toBeCloseTo(48, 0);
  });

  it("resample(…, { compareWith: 'previous' }) lines each day up with the one a week earlier", () => {
    const daily = resample(series, 'day', {
      timeZone: zone,
      fields: ['PowerUsage'],
      period: { from: weekFrom, to: weekTo },
      compareWith: 'previous',
    });
    expect(daily.start.length).toBe(7);
    expect(Array.from(daily.coverage)).toEqual([1, 1, 1, 1, 1, 1, 1]);
    const before = daily.comparison;
    expect(before?.start[0]).toBe(local(2026, 0, 8));
    expect(before?.end[6]).toBe(weekFrom);
    // The same numbers as resampling the earlier week on its own.
    const direct = resample(series, 'day', {
      timeZone: zone,
      fields: ['PowerUsage'],
      period: { from: local(2026, 0, 8), to: weekFrom },
    });
    expect(Array.from(before?.columns.PowerUsage ?? [])).toEqual(Array.from(direct.columns.PowerUsage));
    for (let k = 0; k < 7; k++)
      expect(daily.columns.PowerUsage[k]).toBeCloseTo(2 * (before?.columns.PowerUsage[k] ?? 0), 6);
  });

  it("resample's 'year' comparison is NaN with coverage 0 where there was no data, across a DST change", () => {
    // October 2026: Sydney's clocks go forward on the 4th, so that day is 23 hours; the year before is empty.
    const october = { from: local(2026, 9, 1), to: local(2026, 9, 8) };
    const t2: number[] = [];
    for (let t = october.from; t < october.to; t += FIVE_MIN) t2.push(t);
    const s2 = createSeries({ time: t2, columns: { PowerUsage: t2.map(() => 1000) } });
    const daily = resample(s2, 'day', { timeZone: zone, fields: ['PowerUsage'], period: october, compareWith: 'year' });
    expect(daily.columns.PowerUsage[3]).toBeCloseTo(23, 6);
    expect(daily.comparison?.start[0]).toBe(local(2025, 9, 1));
    expect(Array.from(daily.comparison?.coverage ?? [])).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(Array.from(daily.comparison?.columns.PowerUsage ?? []).every(Number.isNaN)).toBe(true);
  });
});
