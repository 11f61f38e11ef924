import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/carbon-track-error.js';
import { createSeries } from '../measurements/create-series.js';
import { localTimeToInstant } from './calendar-buckets.js';
import { cost } from './cost.js';
import { summarize } from './summarize.js';
import type { Tariff, TariffRate, TariffVersion, Weekday } from './tariff.js';

const FIVE_MIN = 300_000;
const ALL_DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** Samples every five minutes over [from, to] (both ends), with constant powers. */
function steady(from: number, to: number, watts: { usage: number; generating?: number; exported?: number }) {
  const time: number[] = [];
  for (let t = from; t <= to; t += FIVE_MIN) time.push(t);
  const fill = (v: number) => time.map(() => v);
  return createSeries({
    time,
    columns: {
      PowerUsage: fill(watts.usage),
      Generating: fill(watts.generating ?? 0),
      PowerExported: fill(watts.exported ?? 0),
    },
  });
}

const flat = (price: number, supply = 0, extra: Partial<TariffVersion> = {}): Tariff => ({
  name: 'Example flat tariff (not a real offer)',
  versions: [{ validFrom: '2020-01-01', import: { flat: price }, supplyPerDay: supply, ...extra }],
});

/** Example time-of-use prices: a cheap 02:00-03:00 "night" hour, 14:00-20:00 peak, off-peak otherwise. */
const timeOfUse: Tariff = {
  name: 'Example time-of-use tariff (not a real offer)',
  pricesIncludeGst: true,
  versions: [
    {
      validFrom: '2020-01-01',
      supplyPerDay: 0,
      import: {
        timeOfUse: [
          { name: 'night', price: 0.1, windows: [{ days: ALL_DAYS, from: '02:00', to: '03:00' }] },
          { name: 'peak', price: 0.5, windows: [{ days: ALL_DAYS, from: '14:00', to: '20:00' }] },
          {
            name: 'off-peak',
            price: 0.2,
            windows: [
              { days: ALL_DAYS, from: '00:00', to: '02:00' },
              { days: ALL_DAYS, from: '03:00', to: '14:00' },
              { days: ALL_DAYS, from: '20:00', to: '24:00' },
            ],
          },
        ],
      },
    },
  ],
};

describe('cost', () => {
  it('with a flat tariff is kWh × price, supply a day, GST on charges', () => {
    const zone = 'Australia/Brisbane';
    const from = localTimeToInstant(Date.UTC(2026, 0, 10), zone);
    const series = steady(from, from + 3 * 86_400_000 - FIVE_MIN, { usage: 1500, generating: 500, exported: 200 });
    const result = cost(series, flat(0.3, 1.1, { feedIn: { flat: 0.05 } }), { timeZone: zone });
    const summary = summarize(series, { timeZone: zone });
    expect(result.importKWh).toBeCloseTo(summary.importKWh, 9);
    expect(result.importCost).toBeCloseTo(summary.importKWh * 0.3, 9);
    expect(result.exportCredit).toBeCloseTo(summary.exportKWh * 0.05, 9);
    expect(result.supply).toBeCloseTo(3 * 1.1, 9);
    expect(result.gst).toBeCloseTo(0.1 * (result.importCost + result.supply), 9);
    expect(result.net).toBeCloseTo(result.importCost + result.supply + result.gst - result.exportCredit, 9);
    expect(result.currency).toBe('AUD');
  });

  it('prices the repeated hour twice and the missing hour never, on Sydney’s DST change days (worked by hand)', () => {
    const zone = 'Australia/Sydney';
    // 5 April 2026: clocks go back at 03:00, the day has 25 hours; 4 October: forward at 02:00, 23 hours.
    const day = (y: number, m: number, d: number) => {
      const start = localTimeToInstant(Date.UTC(y, m, d), zone);
      const end = localTimeToInstant(Date.UTC(y, m, d + 1), zone);
      return cost(steady(start, end, { usage: 1000 }), timeOfUse, { timeZone: zone, unit: 'day' });
    };
    const autumn = day(2026, 3, 5);
    // 25 kWh: night 2 × 0.10 + peak 6 × 0.50 + off-peak 17 × 0.20 = 0.20 + 3.00 + 3.40.
    expect(autumn.importKWh).toBeCloseTo(25, 9);
    expect(autumn.importCost).toBeCloseTo(6.6, 9);
    expect(autumn.buckets?.importCost[0]).toBeCloseTo(6.6, 9);
    const spring = day(2026, 9, 4);
    // 23 kWh: no night hour (02:00-03:00 does not exist) + peak 3.00 + off-peak 17 × 0.20.
    expect(spring.importKWh).toBeCloseTo(23, 9);
    expect(spring.importCost).toBeCloseTo(6.4, 9);
    expect(autumn.gst).toBe(0);
  });

  it('a price change mid-period prices each day by the version valid that day', () => {
    const zone = 'Australia/Brisbane';
    const tariff: Tariff = {
      name: 'Example tariff with a price change (not a real offer)',
      versions: [
        { validFrom: '2026-01-15', import: { flat: 0.4 }, supplyPerDay: 1.2 },
        { validFrom: '2026-01-01', validTo: '2026-01-15', import: { flat: 0.3 }, supplyPerDay: 1 },
      ],
    };
    const from = localTimeToInstant(Date.UTC(2026, 0, 10), zone);
    const to = localTimeToInstant(Date.UTC(2026, 0, 20), zone);
    const result = cost(steady(from, to, { usage: 500 }), tariff, { timeZone: zone, unit: 'day' });
    // 12 kWh a day: 10th to 14th at 0.30, 15th to 19th at 0.40; supply for 10th to 20th (the last sample's day).
    expect(result.importCost).toBeCloseTo(5 * 12 * 0.3 + 5 * 12 * 0.4, 9);
    expect(result.supply).toBeCloseTo(5 * 1 + 6 * 1.2, 9);
    expect(Array.from(result.buckets?.importCost ?? [])).toEqual(
      [3.6, 3.6, 3.6, 3.6, 3.6, 4.8, 4.8, 4.8, 4.8, 4.8, 0].map((v) => expect.closeTo(v, 9)),
    );
    expect(() =>
      cost(steady(Date.UTC(2025, 11, 30), Date.UTC(2026, 0, 2), { usage: 1 }), tariff, { timeZone: zone }),
    ).toThrow(/no version of tariff .* covers 2025-12-30/);
  });

  it('charges the month’s highest half-hour of import within the demand windows', () => {
    const zone = 'Australia/Perth';
    const from = localTimeToInstant(Date.UTC(2026, 5, 1), zone);
    const series = steady(from, from + 86_400_000, { usage: 1000 });
    // 5 kW from 18:00 to 18:30 local, inside the window; 9 kW at 03:00, outside it.
    for (let row = 0; row < series.length; row++) {
      const minute = ((series.time[row] as number) - from) / 60_000;
      if (minute >= 18 * 60 && minute <= 18 * 60 + 30) series.columns.PowerUsage[row] = 5000;
      if (minute >= 3 * 60 && minute <= 3 * 60 + 30) series.columns.PowerUsage[row] = 9000;
    }
    const tariff = flat(0.25, 0, {
      demand: { pricePerKwMonth: 10, windows: [{ days: ALL_DAYS, from: '15:00', to: '21:00' }] },
    });
    expect(cost(series, tariff, { timeZone: zone }).demand).toBeCloseTo(50, 6);
  });

  it('costs per bucket add up to the totals, hourly, daily and monthly, across DST (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 8000, noNaN: true }), { minLength: 2, maxLength: 400 }),
        fc.constantFrom('hour', 'day', 'month') as fc.Arbitrary<'hour' | 'day' | 'month'>,
        fc.integer({ min: 0, max: 20 }),
        (watts, unit, gapAt) => {
          const start = Date.UTC(2026, 3, 4, 10);
          const time = watts.map((_, i) => start + i * 3 * FIVE_MIN + (i > gapAt ? 3_600_000 : 0));
          const series = createSeries({ time, columns: { PowerUsage: watts, Generating: watts.map((w) => w / 3) } });
          const tariff = {
            ...timeOfUse,
            versions: [{ ...(timeOfUse.versions[0] as TariffVersion), supplyPerDay: 0.9 }],
          };
          const result = cost(series, tariff, { timeZone: 'Australia/Sydney', unit });
          for (const key of ['importCost', 'supply', 'net', 'importKWh'] as const) {
            const total = Array.from(result.buckets?.[key] ?? []).reduce((a, b) => a + b, 0);
            if (Math.abs(total - result[key]) > 1e-9 * Math.max(1, Math.abs(result[key]))) return false;
          }
          return true;
        },
      ),
      { numRuns: 60 },
    );
  });

  it('prices every interval as a sample-by-sample reference does, in zones with DST changes (property)', () => {
    // The reference reads the local time of each interval's start with its own Intl formatter and
    // finds the window in the tariff's data: no grids, no runs, no spans.
    const example = JSON.parse(
      readFileSync(new URL('../../schemas/example-time-of-use.tariff.json', import.meta.url), 'utf8'),
    ) as Tariff;
    const zones = ['Australia/Sydney', 'Australia/Adelaide', 'Australia/Lord_Howe', 'Australia/Brisbane'];
    const changes = [Date.UTC(2026, 3, 4, 12), Date.UTC(2026, 6, 1, 0), Date.UTC(2025, 9, 4, 12)];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.constantFrom(...changes),
        fc.array(fc.record({ step: fc.integer({ min: 1, max: 9 }), watts: fc.integer({ min: -3000, max: 6000 }) }), {
          minLength: 2,
          maxLength: 300,
        }),
        (zone, around, samples) => {
          let t = around - 12 * 3_600_000;
          const time = samples.map(({ step }) => {
            t += step * 60_000 + (step === 9 ? 20 * 60_000 : 0);
            return t;
          });
          const usage = samples.map(({ watts }) => Math.max(0, watts));
          const exported = samples.map(({ watts }) => Math.max(0, -watts));
          const generating = usage.map(() => 0);
          const series = createSeries({
            time,
            columns: { PowerUsage: usage, Generating: generating, PowerExported: exported },
          });
          const result = cost(series, example, { timeZone: zone, unit: 'hour' });
          let importCost = 0;
          let exportCredit = 0;
          for (let i = 1; i < time.length; i++) {
            const dt = (time[i] as number) - (time[i - 1] as number);
            if (dt > 15 * 60_000) continue;
            const local = localParts(zone, time[i - 1] as number);
            const version = versionOn(example, local.date);
            const kWhIn = (((usage[i - 1] as number) + (usage[i] as number)) / 2) * (dt / 3_600_000_000);
            const kWhOut = (((exported[i - 1] as number) + (exported[i] as number)) / 2) * (dt / 3_600_000_000);
            importCost += kWhIn * priceAt(version.import, local);
            if (version.feedIn) exportCredit += kWhOut * priceAt(version.feedIn, local);
          }
          const close = (x: number, y: number) => Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(y));
          return close(result.importCost, importCost) && close(result.exportCredit, exportCredit);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('with a period, charges supply pro rata for the part of each local day inside it', () => {
    const zone = 'Australia/Sydney';
    const at = (d: number, h: number) => localTimeToInstant(Date.UTC(2026, 5, d, h), zone);
    const tariff = flat(0.3, 1.2);
    // 24 hours from 15:00: 9/24 of one day and 15/24 of the next, one day's supply, not two.
    const day = { from: at(10, 15), to: at(11, 15) };
    const series = steady(day.from - 3_600_000, day.to + 3_600_000, { usage: 1000 });
    const rolling = cost(series, tariff, { timeZone: zone, period: day, unit: 'day' });
    expect(rolling.supply).toBeCloseTo(1.2, 12);
    expect(Array.from(rolling.buckets?.supply ?? [])).toEqual([
      expect.closeTo(1.2 * (9 / 24), 12),
      expect.closeTo(1.2 * (15 / 24), 12),
    ]);
    // Only the period's samples count: 24 kWh at 1 kW, not 26.
    expect(rolling.importKWh).toBeCloseTo(24 - 1 / 12, 9);
    expect(cost(series, tariff, { timeZone: zone }).supply).toBeCloseTo(2.4, 12);
    // Today until 09:00 is 9/24 of a day; a 23-hour DST day, whole, is one day.
    expect(cost(series, tariff, { timeZone: zone, period: { from: at(11, 0), to: at(11, 9) } }).supply).toBeCloseTo(
      1.2 * (9 / 24),
      12,
    );
    const short = {
      from: localTimeToInstant(Date.UTC(2026, 9, 4), zone),
      to: localTimeToInstant(Date.UTC(2026, 9, 5), zone),
    };
    expect(short.to - short.from).toBe(23 * 3_600_000);
    const dst = steady(short.from, short.to, { usage: 500 });
    expect(cost(dst, tariff, { timeZone: zone, period: short }).supply).toBeCloseTo(1.2, 12);
    expect(() => cost(dst, tariff, { period: { from: 5, to: 5 } })).toThrow(RangeError);
  });

  it('an empty series costs nothing', () => {
    const result = cost(createSeries({ time: [] }), flat(0.3, 1), { unit: 'day' });
    expect(result).toMatchObject({ net: 0, supply: 0, importKWh: 0 });
    expect(result.buckets?.start).toHaveLength(0);
  });
});

describe('tariff checks', () => {
  const bad = (tariff: unknown, field: string, message: RegExp) => {
    const series = steady(Date.UTC(2026, 0, 1), Date.UTC(2026, 0, 1, 1), { usage: 100 });
    try {
      cost(series, tariff as Tariff);
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).field).toBe(field);
      expect((error as ValidationError).message).toMatch(message);
      return;
    }
    throw new Error(`accepted a tariff with a bad ${field}`);
  };
  const tou = (windows: unknown[]) => ({
    name: 'x',
    versions: [
      { validFrom: '2020-01-01', supplyPerDay: 0, import: { timeOfUse: [{ name: 'a', price: 0.2, windows }] } },
    ],
  });

  it('names the path of overlapping windows, a gap in the week, bad times and overlapping versions', () => {
    bad(
      tou([
        { days: ALL_DAYS, from: '00:00', to: '24:00' },
        { days: ['wed'], from: '17:00', to: '18:00' },
      ]),
      'versions[0].import.timeOfUse[0].windows[1]',
      /overlaps versions\[0\]\.import\.timeOfUse\[0\]\.windows\[0\] at wed 17:00/,
    );
    bad(
      tou([{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'], from: '00:00', to: '24:00' }]),
      'versions[0].import.timeOfUse',
      /leaves sun 00:00 in month 1 without a price/,
    );
    bad(
      tou([{ days: ALL_DAYS, from: '00:00', to: '24:00', months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] }]),
      'versions[0].import.timeOfUse',
      /in month 12 without a price/,
    );
    bad(
      tou([{ days: ALL_DAYS, from: '7:00', to: '24:00' }]),
      'versions[0].import.timeOfUse[0].windows[0].from',
      /HH:MM/,
    );
    bad(
      tou([{ days: ['funday'], from: '00:00', to: '24:00' }]),
      'versions[0].import.timeOfUse[0].windows[0].days[0]',
      /one of/,
    );
    bad(
      {
        name: 'x',
        versions: [
          { validFrom: '2026-01-01', validTo: '2026-03-01', import: { flat: 0.3 }, supplyPerDay: 1 },
          { validFrom: '2026-02-01', import: { flat: 0.3 }, supplyPerDay: 1 },
        ],
      },
      'versions[1].validFrom',
      /overlaps versions\[0\] \(2026-01-01 to 2026-03-01\)/,
    );
    bad({ name: 'x', versions: [] }, 'versions', /at least one/);
    bad(
      { name: 'x', versions: [{ validFrom: '2026-02-30', import: { flat: 1 }, supplyPerDay: 0 }] },
      'versions[0].validFrom',
      /YYYY-MM-DD/,
    );
    bad(
      { name: 'x', versions: [{ validFrom: '2026-01-01', import: { flat: -1 }, supplyPerDay: 0 }] },
      'versions[0].import.flat',
      /≥ 0/,
    );
    bad('nope', 'tariff', /object/);
  });

  it('accepts a window that runs past midnight', () => {
    const series = steady(Date.UTC(2026, 0, 1), Date.UTC(2026, 0, 2), { usage: 1000 });
    const overnight = tou([
      { days: ALL_DAYS, from: '22:00', to: '07:00' },
      { days: ALL_DAYS, from: '07:00', to: '22:00' },
    ]);
    expect(cost(series, overnight as Tariff).importCost).toBeCloseTo(24 * 0.2, 9);
  });
});

const localFormats = new Map<string, Intl.DateTimeFormat>();

/** Local date, weekday and minute of the day of instant `t` in `zone`, read straight from Intl. */
function localParts(zone: string, t: number): { date: string; weekday: Weekday; month: number; minute: number } {
  let format = localFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    localFormats.set(zone, format);
  }
  const part = (type: string) => format.formatToParts(t).find((p) => p.type === type)?.value as string;
  return {
    date: `${part('year')}-${part('month')}-${part('day')}`,
    weekday: part('weekday').toLowerCase() as Weekday,
    month: Number(part('month')),
    minute: Number(part('hour')) * 60 + Number(part('minute')),
  };
}

function versionOn(tariff: Tariff, date: string): TariffVersion {
  const found = tariff.versions.find((v) => v.validFrom <= date && (v.validTo === undefined || date < v.validTo));
  if (!found) throw new Error(`no version on ${date}`);
  return found;
}

const PREVIOUS_DAY: Record<Weekday, Weekday> = {
  mon: 'sun',
  tue: 'mon',
  wed: 'tue',
  thu: 'wed',
  fri: 'thu',
  sat: 'fri',
  sun: 'sat',
};

/** The rate's price at a local time, found in the tariff's windows (a window past midnight included). */
function priceAt(rate: TariffRate, local: { weekday: Weekday; month: number; minute: number }): number {
  if ('flat' in rate) return rate.flat;
  const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
  for (const period of rate.timeOfUse) {
    for (const w of period.windows) {
      if (w.months && !w.months.includes(local.month)) continue;
      const from = minutes(w.from);
      const to = minutes(w.to);
      if (from < to ? w.days.includes(local.weekday) && local.minute >= from && local.minute < to : false) {
        return period.price;
      }
      if (from > to) {
        if (w.days.includes(local.weekday) && local.minute >= from) return period.price;
        if (w.days.includes(PREVIOUS_DAY[local.weekday]) && local.minute < to) return period.price;
      }
    }
  }
  throw new Error(`no price at ${JSON.stringify(local)}`);
}
