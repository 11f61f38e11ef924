import { timeZoneOffsetMs } from '@carbontrack/core/time-zone';
import { dateTimeFormat } from '../shared/locale.js';

/** One labelled tick of the time axis. */
export interface TimeTick {
  /** The instant, epoch ms. */
  at: number;
  /** What the axis prints there, in the chart's language and zone. */
  label: string;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A tick spacing: a fixed wall-clock step, or whole months. */
type Step = { kind: 'wall'; ms: number } | { kind: 'month'; months: number };

// Candidate spacings, finest first; wall steps divide a day (or are whole days) so ticks fall on
// local round times.
const STEPS: Array<{ step: Step; approxMs: number }> = [
  ...[5, 10, 15, 30].map((m) => ({ step: { kind: 'wall', ms: m * MINUTE } as Step, approxMs: m * MINUTE })),
  ...[1, 2, 3, 6, 12].map((h) => ({ step: { kind: 'wall', ms: h * HOUR } as Step, approxMs: h * HOUR })),
  ...[1, 2, 7, 14].map((d) => ({ step: { kind: 'wall', ms: d * DAY } as Step, approxMs: d * DAY })),
  ...[1, 2, 3, 6, 12].map((m) => ({ step: { kind: 'month', months: m } as Step, approxMs: m * 30.44 * DAY })),
];

/** Least room per label, CSS px: wide enough for "30 Nov" or "14:00" with a gap. */
const MIN_SPACING_PX = 56;

const STYLES: Record<'time' | 'day' | 'month' | 'year', Intl.DateTimeFormatOptions> = {
  time: { hour: 'numeric', minute: '2-digit' },
  day: { day: 'numeric', month: 'short' },
  month: { month: 'short' },
  year: { year: 'numeric' },
};
function format(lang: string, timeZone: string, style: keyof typeof STYLES): Intl.DateTimeFormat {
  return dateTimeFormat(lang, timeZone, STYLES[style]);
}

/**
 * Ticks of a time axis over [from, to] at local round times of `timeZone` (whole hours, local
 * midnights, first days of months), labelled in `lang` in that zone. Computed from the zone's
 * offsets, never from the browser's local Date fields, so the labels are the same in every
 * browser zone and right across DST changes: a local time skipped by a DST change gets no tick,
 * and ticks keep their local times on both sides of it.
 */
export function timeTicks(from: number, to: number, widthPx: number, timeZone: string, lang: string): TimeTick[] {
  if (!(to > from) || !(widthPx > 0)) return [];
  const most = Math.max(2, Math.floor(widthPx / MIN_SPACING_PX));
  const choice = STEPS.find((s) => (to - from) / s.approxMs <= most) ?? STEPS[STEPS.length - 1];
  const step = (choice as (typeof STEPS)[number]).step;
  const ticks =
    step.kind === 'wall' ? wallTicks(from, to, step.ms, timeZone) : monthTicks(from, to, step.months, timeZone);
  return ticks.map(([at, offset]) => ({ at, label: label(at, offset, step, timeZone, lang) }));
}

/** A tick's instant and the zone's offset there. */
type Tick = [at: number, offset: number];

/** Instants in [from, to] whose local wall time is a multiple of `stepMs` (from 1970-01-01 local). */
function wallTicks(from: number, to: number, stepMs: number, timeZone: string): Tick[] {
  const out: Tick[] = [];
  let offset = timeZoneOffsetMs(timeZone, from);
  // Whole-week steps start on Mondays (1970-01-01 was a Thursday: Monday is 4 days later).
  const phase = stepMs % (7 * DAY) === 0 ? 4 * DAY : 0;
  let wall = Math.ceil((from + offset - phase) / stepMs) * stepMs + phase;
  for (let guard = 0; guard < 10_000; guard++) {
    let at = wall - offset;
    const actual = timeZoneOffsetMs(timeZone, at);
    if (actual !== offset) {
      offset = actual;
      at = wall - offset;
      // The wall time does not exist (skipped by a DST change): no tick there.
      if (timeZoneOffsetMs(timeZone, at) !== offset) {
        wall += stepMs;
        continue;
      }
    }
    if (at > to) break;
    if (at >= from) out.push([at, offset]);
    wall += stepMs;
  }
  return out;
}

/** Local midnights of the first day of every `months`-th month (January-aligned) in [from, to]. */
function monthTicks(from: number, to: number, months: number, timeZone: string): Tick[] {
  const out: Tick[] = [];
  const local = new Date(from + timeZoneOffsetMs(timeZone, from));
  let year = local.getUTCFullYear();
  let month = Math.floor(local.getUTCMonth() / months) * months;
  for (let guard = 0; guard < 2_000; guard++) {
    const wall = Date.UTC(year, month, 1);
    const guess = timeZoneOffsetMs(timeZone, wall);
    // The offset at the local midnight may differ from the one at the same UTC-coded wall time.
    const offset = timeZoneOffsetMs(timeZone, wall - guess);
    const at = wall - offset;
    if (at > to) break;
    if (at >= from) out.push([at, offset]);
    month += months;
    if (month >= 12) {
      year += Math.floor(month / 12);
      month %= 12;
    }
  }
  return out;
}

function label(at: number, offset: number, step: Step, timeZone: string, lang: string): string {
  const wall = new Date(at + offset);
  const midnight = wall.getUTCHours() === 0 && wall.getUTCMinutes() === 0;
  if (step.kind === 'month') {
    return wall.getUTCMonth() === 0
      ? format(lang, timeZone, 'year').format(at)
      : format(lang, timeZone, 'month').format(at);
  }
  if (step.ms >= DAY || midnight) return format(lang, timeZone, 'day').format(at);
  return format(lang, timeZone, 'time').format(at);
}
