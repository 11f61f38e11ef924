import { shiftLocalTime } from '@carbontrack/core/energy';
import { energyPeriodRange, relativeRangeMs } from '@carbontrack/core/live';
import { formatLocalIso, localTimeToInstant } from '@carbontrack/core/time-zone';

/** A half-open time range [from, to) in epoch ms. */
export interface DateRange {
  from: number;
  to: number;
  /** Short description, e.g. "last 7 days". */
  label: string;
}

export type RangePreset = 'today' | 'yesterday' | '7d' | '30d' | 'month' | 'lastMonth';

/**
 * Today, yesterday, this month or last month (whole local days of `timeZone`, to now for the
 * current ones) or the last 7 or 30 days, ending now: core's `energyPeriodRange`,
 * `relativeRangeMs` and `shiftLocalTime`, the one definition of these ranges.
 */
export function presetRange(preset: RangePreset, now = Date.now(), timeZone = 'UTC'): DateRange {
  switch (preset) {
    case 'today':
      return { ...energyPeriodRange('today', timeZone, now), label: `today (${timeZone})` };
    case 'yesterday': {
      const today = energyPeriodRange('today', timeZone, now).from;
      const from = shiftLocalTime(today, { days: -1 }, timeZone);
      return { from, to: today, label: `yesterday (${timeZone})` };
    }
    case 'month':
      return { ...energyPeriodRange('month', timeZone, now), label: `this month (${timeZone})` };
    case 'lastMonth': {
      const month = energyPeriodRange('month', timeZone, now).from;
      const from = shiftLocalTime(month, { months: -1 }, timeZone);
      return { from, to: month, label: `last month (${timeZone})` };
    }
    default:
      return { from: now - relativeRangeMs(preset), to: now, label: `last ${preset === '7d' ? 7 : 30} days` };
  }
}

/** A local date ("YYYY-MM-DD", midnight) or date-time without an offset, in `timeZone`; with an offset, as given. */
export function parseLocalDateInput(text: string, timeZone: string): number | undefined {
  const trimmed = text.trim();
  if (/(Z|[+-]\d{2}:?\d{2})$/i.test(trimmed)) return parseDateInput(trimmed);
  const wall = parseDateInput(/T/.test(trimmed) ? `${trimmed}Z` : trimmed);
  return wall === undefined ? undefined : localTimeToInstant(wall, timeZone);
}

/** Parses "YYYY-MM-DD" (UTC midnight) or a full ISO 8601 date-time; undefined when invalid. */
export function parseDateInput(text: string): number | undefined {
  const trimmed = text.trim();
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(trimmed) ? `${trimmed}T00:00:00Z` : trimmed;
  if (!/^\d{4}-\d{2}-\d{2}T/.test(iso)) return undefined;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? undefined : time;
}

/** "YYYY-MM-DD" of an epoch ms, in UTC, or in `timeZone`'s calendar when given. */
export function isoDay(time: number, timeZone?: string): string {
  if (!timeZone || timeZone === 'UTC') return new Date(time).toISOString().slice(0, 10);
  return formatLocalIso(time, timeZone).slice(0, 10);
}
