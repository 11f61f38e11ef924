import { energyPeriodRange, relativeRangeMs } from '@carbontrack/core/live';

/** A half-open time range [from, to) in epoch ms. */
export interface DateRange {
  from: number;
  to: number;
  /** Short description, e.g. "last 7 days". */
  label: string;
}

export type RangePreset = 'today' | '7d' | '30d';

/**
 * Today (since local midnight in `timeZone`) or the last 7 or 30 days, ending now: core's
 * `energyPeriodRange` and `relativeRangeMs`, the one definition of these ranges.
 */
export function presetRange(preset: RangePreset, now = Date.now(), timeZone = 'UTC'): DateRange {
  if (preset === 'today') return { ...energyPeriodRange('today', timeZone, now), label: `today (${timeZone})` };
  return { from: now - relativeRangeMs(preset), to: now, label: `last ${preset === '7d' ? 7 : 30} days` };
}

/** Parses "YYYY-MM-DD" (UTC midnight) or a full ISO 8601 date-time; undefined when invalid. */
export function parseDateInput(text: string): number | undefined {
  const trimmed = text.trim();
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(trimmed) ? `${trimmed}T00:00:00Z` : trimmed;
  if (!/^\d{4}-\d{2}-\d{2}T/.test(iso)) return undefined;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? undefined : time;
}

/** "YYYY-MM-DD" of an epoch ms, in UTC. */
export function isoDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}
