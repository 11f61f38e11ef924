import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSeries } from '../measurements/create-series.js';
import { integrateEnergy } from './integrate-energy.js';
import { resample } from './resample.js';
import { toCsv, toRows } from './resampled-rows.js';

const MIN = 60_000;
const HOUR = 3_600_000;

function constantSeries(from: number, to: number, stepMinutes: number, watts: number) {
  const time: number[] = [];
  for (let t = from; t <= to; t += stepMinutes * MIN) time.push(t);
  return createSeries({ time, columns: { PowerUsage: time.map(() => watts), Voltage: time.map((_, k) => 230 + k) } });
}

function sum(values: Float64Array): number {
  return values.reduce((acc, v) => acc + v, 0);
}

describe('resample', () => {
  it('gives 25 hourly buckets on 2024-04-07 and 23 on 2024-10-06 in Australia/Sydney', () => {
    for (const [from, to, hours] of [
      ['2024-04-06T13:00:00Z', '2024-04-07T13:59:00Z', 25],
      ['2024-10-05T14:00:00Z', '2024-10-06T12:59:00Z', 23],
    ] as const) {
      const series = constantSeries(Date.parse(from), Date.parse(to), 1, 1000);
      const hourly = resample(series, 'hour', { timeZone: 'Australia/Sydney', fields: ['PowerUsage'] });
      expect(hourly.start.length).toBe(hours);
      const daily = resample(series, 'day', { timeZone: 'Australia/Sydney', fields: ['PowerUsage'] });
      expect(daily.start.length).toBe(1);
      expect(((daily.end[0] as number) - (daily.start[0] as number)) / HOUR).toBe(hours);
      expect(daily.columns.PowerUsage[0]).toBeCloseTo(hours - 1 / 60, 9);
      for (let k = 0; k < hours; k++) expect((hourly.end[k] as number) - (hourly.start[k] as number)).toBe(HOUR);
    }
  });

  it('starts local days at local midnight in Adelaide (half-hour offset) and Lord Howe (30-minute DST)', () => {
    const adelaide = resample(
      constantSeries(Date.parse('2024-04-06T12:00:00Z'), Date.parse('2024-04-08T12:00:00Z'), 30, 1),
      'day',
      {
        timeZone: 'Australia/Adelaide',
        fields: ['PowerUsage'],
      },
    );
    expect(Array.from(adelaide.start).map((t) => new Date(t).toISOString())).toEqual([
      '2024-04-05T13:30:00.000Z',
      '2024-04-06T13:30:00.000Z',
      '2024-04-07T14:30:00.000Z',
    ]);
    const lordHowe = resample(
      constantSeries(Date.parse('2024-04-06T13:00:00Z'), Date.parse('2024-04-07T13:29:00Z'), 1, 1),
      'hour',
      {
        timeZone: 'Australia/Lord_Howe',
        fields: ['PowerUsage'],
      },
    );
    const lengths = Array.from(lordHowe.start).map((s, k) => ((lordHowe.end[k] as number) - s) / MIN);
    expect(lengths.length).toBe(25);
    expect(lengths.filter((m) => m === 30)).toHaveLength(1);
    expect(lengths.reduce((a, b) => a + b, 0)).toBe(24.5 * 60);
  });

  it('splits an interval that straddles a boundary proportionally', () => {
    const series = createSeries({
      time: [Date.UTC(2024, 0, 1, 0, 50), Date.UTC(2024, 0, 1, 1, 0), Date.UTC(2024, 0, 1, 1, 10)],
      columns: { PowerUsage: [0, 6000, 0] },
    });
    const hourly = resample(series, 'hour', { fields: ['PowerUsage'], maxGapMinutes: 30 });
    expect(Array.from(hourly.columns.PowerUsage)).toEqual([0.5, 0.5]);
    const skewed = createSeries({
      time: [Date.UTC(2024, 0, 1, 0, 50), Date.UTC(2024, 0, 1, 1, 10)],
      columns: { PowerUsage: [0, 6000] },
    });
    const split = resample(skewed, 'hour', { fields: ['PowerUsage'], maxGapMinutes: 30 });
    expect(split.columns.PowerUsage[0]).toBeCloseTo(0.25, 12);
    expect(split.columns.PowerUsage[1]).toBeCloseTo(0.75, 12);
    const left = resample(skewed, 'hour', { fields: ['PowerUsage'], maxGapMinutes: 30, method: 'left' });
    expect(Array.from(left.columns.PowerUsage)).toEqual([0, 0]);
  });

  it('aggregates samples with mean, min, max, sum and last', () => {
    const series = constantSeries(Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 1, 1, 55), 5, 1);
    series.columns.Voltage[3] = Number.NaN;
    const expectations = {
      mean: [235.5, 247.5],
      min: [230, 242],
      max: [241, 253],
      sum: [2826 - 233, 2970],
      last: [241, 253],
    };
    for (const [aggregate, expected] of Object.entries(expectations)) {
      const out = resample(series, 'hour', { aggregate: aggregate as 'mean', fields: ['Voltage'] });
      if (aggregate === 'mean') expect(out.columns.Voltage[0]).toBeCloseTo((2826 - 233) / 11, 12);
      else expect(out.columns.Voltage[0]).toBe(expected[0]);
      expect(out.columns.Voltage[1]).toBe(expected[1]);
    }
  });

  it('keeps empty buckets: 0 energy, NaN mean', () => {
    const series = createSeries({
      time: [Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 3)],
      columns: { PowerUsage: [1, 1] },
    });
    expect(Array.from(resample(series, 'day', { fields: ['PowerUsage'] }).columns.PowerUsage)).toEqual([0, 0, 0]);
    expect(resample(series, 'day', { fields: ['PowerUsage'], aggregate: 'mean' }).columns.PowerUsage[1]).toBeNaN();
  });

  it('rejects bad arguments with RangeError', () => {
    const series = constantSeries(0, HOUR, 5, 1);
    expect(() => resample(series, 'week' as 'day')).toThrow(RangeError);
    expect(() => resample(series, 'day', { timeZone: 'Mars/Olympus' })).toThrow(/time zone/);
    expect(() => resample(series, 'day', { aggregate: 'median' as 'mean' })).toThrow(RangeError);
    expect(() => resample(series, 'day', { fields: ['Nope' as 'Flow'] })).toThrow(RangeError);
  });

  it('bucket energies add up to the total energy (UTC and Australia/Sydney, across DST)', () => {
    const dstDates = [Date.UTC(2024, 3, 6), Date.UTC(2024, 9, 5), Date.UTC(2023, 9, 31), Date.UTC(2025, 3, 5)];
    fc.assert(
      fc.property(
        fc.constantFrom(...dstDates),
        fc.integer({ min: -3 * 24 * 60, max: 3 * 24 * 60 }),
        fc.array(
          fc.tuple(
            fc.oneof({ weight: 8, arbitrary: fc.constant(5) }, fc.integer({ min: 1, max: 20 * 60 })),
            fc.oneof(
              { weight: 10, arbitrary: fc.double({ min: 0, max: 15_000, noNaN: true }) },
              fc.constant(Number.NaN),
            ),
          ),
          { minLength: 1, maxLength: 400 },
        ),
        fc.constantFrom('UTC', 'Australia/Sydney', 'Australia/Adelaide', 'Australia/Lord_Howe'),
        fc.constantFrom('hour', 'day', 'month') as fc.Arbitrary<'hour' | 'day' | 'month'>,
        fc.constantFrom('left', 'trapezoid') as fc.Arbitrary<'left' | 'trapezoid'>,
        fc.constantFrom(15, 60, 24 * 60),
        (base, offsetMinutes, steps, timeZone, unit, method, maxGapMinutes) => {
          let t = base + offsetMinutes * MIN;
          const time: number[] = [];
          for (const [step] of steps) {
            time.push(t);
            t += step * MIN + (step % 7) * 1000;
          }
          const series = createSeries({ time, columns: { PowerUsage: steps.map(([, w]) => w) } });
          const total = integrateEnergy(series, 'PowerUsage', { method, maxGapMinutes });
          const out = resample(series, unit, { timeZone, fields: ['PowerUsage'], method, maxGapMinutes });
          expect(Math.abs(sum(out.columns.PowerUsage) - total)).toBeLessThanOrEqual(1e-9 * Math.max(total, 1e-9));
          for (let k = 0; k < out.start.length; k++) {
            expect(out.end[k]).toBeGreaterThan(out.start[k] as number);
            if (k > 0) expect(out.start[k]).toBe(out.end[k - 1]);
          }
          expect(out.start[0]).toBeLessThanOrEqual(time[0] as number);
          expect(out.end[out.end.length - 1]).toBeGreaterThan(time[time.length - 1] as number);
          for (const v of out.columns.PowerUsage) expect(v).toBeGreaterThanOrEqual(-1e-12);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('hourly buckets are whole local hours except at a DST transition', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2023, 0, 1), max: Date.UTC(2026, 0, 1) }),
        fc.constantFrom('Australia/Sydney', 'Australia/Adelaide', 'Australia/Lord_Howe', 'Europe/London'),
        (t, timeZone) => {
          const series = createSeries({ time: [t, t + 3 * HOUR], columns: { PowerUsage: [1, 1] } });
          const out = resample(series, 'hour', { timeZone, fields: ['PowerUsage'] });
          const formatter = new Intl.DateTimeFormat('en-GB', { timeZone, minute: '2-digit', second: '2-digit' });
          for (let k = 0; k < out.start.length; k++) {
            const length = (out.end[k] as number) - (out.start[k] as number);
            expect([HOUR, HOUR / 2]).toContain(length);
            if (length === HOUR) expect(formatter.format(out.start[k])).toBe('00:00');
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('resample defaults and rows', () => {
  const start = Date.UTC(2026, 3, 4, 13);
  const time = Array.from({ length: 3 * 288 }, (_, i) => start + i * 300_000);
  const series = createSeries({
    time,
    columns: {
      PowerUsage: time.map(() => 1000),
      Temperature1: time.map(() => 21),
      PowerFactor1: time.map(() => 0.9),
    },
  });

  it("integrates only the power fields by default, and refuses 'energy' of anything else", () => {
    const daily = resample(series, 'day', { timeZone: 'Australia/Sydney' });
    const names = Object.keys(daily.columns);
    expect(names).toContain('PowerUsage');
    expect(names).toContain('Power4N');
    for (const name of ['Temperature1', 'PowerFactor1', 'Voltage', 'SignalStrength', 'BatteryCharge', 'PowerVAH1']) {
      expect(names).not.toContain(name);
    }
    expect(() => resample(series, 'day', { fields: ['Temperature1'] })).toThrow(
      /energy needs power fields, not Temperature1/,
    );
    expect(Object.keys(resample(series, 'day', { aggregate: 'mean' }).columns)).toHaveLength(34);
  });

  it('gives rows for console.table and CSV, local times with offsets, across the DST change', () => {
    const daily = resample(series, 'day', { timeZone: 'Australia/Sydney', fields: ['PowerUsage'] });
    const rows = toRows(daily, { timeZone: 'Australia/Sydney' });
    // The 25-hour day of the DST change: 25 kWh at 1 kW.
    expect(rows[0]).toEqual({
      start: '2026-04-05T00:00:00+11:00',
      end: '2026-04-06T00:00:00+10:00',
      PowerUsage: expect.closeTo(25, 9),
      coverage: daily.coverage[0],
    });
    expect(rows[1]?.start).toBe('2026-04-06T00:00:00+10:00');
    const csv = toCsv(daily, { timeZone: 'Australia/Sydney' }).split('\n');
    expect(csv[0]).toBe('start,end,PowerUsage,coverage');
    const [from, to, kWh] = (csv[1] as string).split(',');
    expect([from, to]).toEqual(['2026-04-05T00:00:00+11:00', '2026-04-06T00:00:00+10:00']);
    expect(Number(kWh)).toBeCloseTo(25, 9);
    const means = toRows(resample(series, 'hour', { aggregate: 'mean', fields: ['Temperature1'] }));
    expect(means[0]?.Temperature1).toBe(21);
  });
});
