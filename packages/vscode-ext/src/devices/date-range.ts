/** A half-open time range [from, to) in epoch ms. */
export interface DateRange {
  from: number;
  to: number;
  /** Short description, e.g. "last 7 days". */
  label: string;
}

export type RangePreset = 'today' | '7d' | '30d';

const DAY_MS = 86_400_000;

/** Today (since UTC midnight) or the last 7 or 30 days, ending now. */
export function presetRange(preset: RangePreset, now = Date.now()): DateRange {
  if (preset === 'today') return { from: Math.floor(now / DAY_MS) * DAY_MS, to: now, label: 'today (UTC)' };
  const days = preset === '7d' ? 7 : 30;
  return { from: now - days * DAY_MS, to: now, label: `last ${days} days` };
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
