import { assertTimeZone, zoneOffsetMs } from '@carbontrack/api';
import { localTimeToInstant } from './calendar-buckets.js';
import type { EnergySummary } from './energy-summary.js';

/** What a period is compared with: the same-length period just before, or the same calendar period a year earlier. */
export type ComparisonKind = 'previous' | 'year';

/**
 * The period to compare [from, to) with. `'previous'`: the same length, ending where this one
 * starts. `'year'`: the same local wall-clock times a year earlier in `timeZone` (29 February
 * becomes the 28th), so "this July" compares with "last July" across DST.
 */
export function comparisonPeriod(
  period: { from: number; to: number },
  kind: ComparisonKind,
  timeZone = 'UTC',
): { from: number; to: number } {
  assertTimeZone(timeZone);
  if (!(period.to > period.from)) throw new RangeError('the period must end after it starts');
  if (kind === 'previous') return { from: period.from - (period.to - period.from), to: period.from };
  if (kind !== 'year') throw new RangeError(`kind must be 'previous' or 'year', got '${String(kind)}'`);
  return {
    from: shiftLocalTime(period.from, { years: -1 }, timeZone),
    to: shiftLocalTime(period.to, { years: -1 }, timeZone),
  };
}

/**
 * The instant whose local wall-clock time in `timeZone` is that of `t` moved by whole years,
 * months and days (a day of the month past the month's end becomes its last day: 31 March less a
 * month is 28 or 29 February). "Yesterday at this time" is `{ days: -1 }`, across DST too.
 */
export function shiftLocalTime(
  t: number,
  by: { years?: number; months?: number; days?: number },
  timeZone = 'UTC',
): number {
  const wall = new Date(t + zoneOffsetMs(timeZone, t));
  const monthIndex = wall.getUTCFullYear() * 12 + wall.getUTCMonth() + (by.years ?? 0) * 12 + (by.months ?? 0);
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const shifted = Date.UTC(
    year,
    month,
    Math.min(wall.getUTCDate(), lastDay) + (by.days ?? 0),
    wall.getUTCHours(),
    wall.getUTCMinutes(),
    wall.getUTCSeconds(),
    wall.getUTCMilliseconds(),
  );
  return localTimeToInstant(shifted, timeZone);
}

/** A change from the comparison period: absolute, and relative (null when the earlier value is 0). */
export interface Delta {
  /** This period's value minus the earlier one's; null when the earlier period has no data at all. */
  change: number | null;
  /** change / earlier value × 100; null when the earlier value is 0 or missing. */
  percent: number | null;
}

/** A summary with the coverage of its period (see `summaryCoverage`). */
export interface PeriodSummary {
  summary: EnergySummary;
  /** 0..1, or null for an empty period. */
  coverage: number | null;
}

/** Two summaries side by side. */
export interface EnergyComparison {
  current: PeriodSummary;
  previous: PeriodSummary;
  consumptionKWh: Delta;
  generationKWh: Delta;
  importKWh: Delta;
  exportKWh: Delta;
  co2Kg: Delta;
  /**
   * True when the earlier period's data is clearly less complete (coverage more than five points
   * lower, or none): its totals are then not a fair base, and a UI should say so.
   */
  lessData: boolean;
}

/** Deltas between a period's summary and its comparison period's (see {@link comparisonPeriod}). */
export function compareSummaries(current: PeriodSummary, previous: PeriodSummary): EnergyComparison {
  const now = current.summary;
  const then = previous.summary;
  // No samples at all is no data, not a period of zeros: nothing to subtract.
  const delta = (a: number, b: number): Delta =>
    then.samples === 0
      ? { change: null, percent: null }
      : { change: a - b, percent: b === 0 ? null : ((a - b) / b) * 100 };
  return {
    current,
    previous,
    consumptionKWh: delta(now.consumptionKWh, then.consumptionKWh),
    generationKWh: delta(now.generationKWh, then.generationKWh),
    importKWh: delta(now.importKWh, then.importKWh),
    exportKWh: delta(now.exportKWh, then.exportKWh),
    co2Kg: delta(now.co2Kg, then.co2Kg),
    lessData: then.samples === 0 || (previous.coverage ?? 0) < (current.coverage ?? 0) - 0.05,
  };
}
