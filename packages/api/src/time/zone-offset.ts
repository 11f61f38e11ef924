// UTC offsets of IANA zones, read from the runtime's tz data through Intl (the only portable way in
// browsers). One formatter per zone is kept: building one costs about a millisecond.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch (error) {
      throw new RangeError(`Unknown time zone '${timeZone}'`, { cause: error });
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * Offset of `timeZone` from UTC at instant `t`, in ms (local wall clock = t + offset): +11 h for
 * Australia/Sydney in summer, +10 h in winter. Each UTC day's offsets are worked out once (see
 * {@link zoneOffsetSpan}), so asking per sample is a comparison or two. The one zone-offset rule
 * of the client and the simulator.
 * @throws RangeError for an unknown zone.
 */
export function zoneOffsetMs(timeZone: string, t: number): number {
  if (timeZone === 'UTC') return 0;
  const day = zoneDay(timeZone, Math.floor(t / DAY_MS));
  return t < day.transition ? day.before : day.after;
}

/** A span of time over which a zone's offset does not change. */
export interface ZoneOffsetSpan {
  /** First instant of the span, epoch ms. */
  readonly from: number;
  /** First instant after it, epoch ms. */
  readonly until: number;
  /** The zone's offset from UTC throughout, ms. */
  readonly offset: number;
}

/**
 * The span around instant `t` in which `timeZone` keeps one offset: the UTC day of `t`, cut at a
 * DST change when that day has one. Lets a loop over samples in time order look the offset up
 * once a day instead of once a sample.
 * @throws RangeError for an unknown zone.
 */
export function zoneOffsetSpan(timeZone: string, t: number): ZoneOffsetSpan {
  const dayNumber = Math.floor(t / DAY_MS);
  const from = dayNumber * DAY_MS;
  const until = from + DAY_MS;
  if (timeZone === 'UTC') return { from, until, offset: 0 };
  const day = zoneDay(timeZone, dayNumber);
  if (t < day.transition) return { from, until: Math.min(until, day.transition), offset: day.before };
  return { from: day.transition, until, offset: day.after };
}

const DAY_MS = 86_400_000;

/** A UTC day of a zone: its offset at the start, and when (if at all) it changes to another. */
interface ZoneDay {
  readonly before: number;
  readonly after: number;
  /** The first instant with `after`; +Infinity when the day keeps one offset. */
  readonly transition: number;
}

// Per zone, the UTC days asked about (by day number). A zone changes its offset at most once a
// UTC day (every zone's rules since the 19th century), so the offsets at a day's two ends tell
// whether it changes, and a search over the day's seconds finds when. About 40 years of days per
// zone are remembered, then the zone starts again.
const MEMO_DAYS = 15_000;
const zoneDays = new Map<string, Map<number, ZoneDay>>();
// The last day asked for: samples come in time order, so this is the usual answer.
let lastZone = '';
let lastDayNumber = Number.NaN;
let lastDay: ZoneDay = { before: 0, after: 0, transition: Number.POSITIVE_INFINITY };

function zoneDay(timeZone: string, dayNumber: number): ZoneDay {
  if (dayNumber === lastDayNumber && timeZone === lastZone) return lastDay;
  let days = zoneDays.get(timeZone);
  if (days === undefined) {
    // Formatting throws for an unknown zone before anything is remembered for it.
    formatterFor(timeZone);
    days = new Map();
    zoneDays.set(timeZone, days);
  }
  let day = days.get(dayNumber);
  if (day === undefined) {
    day = computeZoneDay(timeZone, dayNumber * DAY_MS);
    if (days.size >= MEMO_DAYS) days.clear();
    days.set(dayNumber, day);
  }
  lastZone = timeZone;
  lastDayNumber = dayNumber;
  lastDay = day;
  return day;
}

function computeZoneDay(timeZone: string, start: number): ZoneDay {
  const before = formattedOffset(timeZone, start);
  const after = formattedOffset(timeZone, start + DAY_MS);
  if (before === after) return { before, after, transition: Number.POSITIVE_INFINITY };
  // The first whole second of the day with the new offset.
  let low = 0;
  let high = DAY_MS / 1000;
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (formattedOffset(timeZone, start + mid * 1000) === before) low = mid;
    else high = mid;
  }
  return { before, after, transition: start + high * 1000 };
}

function formattedOffset(timeZone: string, t: number): number {
  const second = Math.floor(t / 1000) * 1000;
  let year = 0;
  let month = 0;
  let day = 0;
  let hour = 0;
  let minute = 0;
  let sec = 0;
  for (const part of formatterFor(timeZone).formatToParts(second)) {
    switch (part.type) {
      case 'year':
        year = Number(part.value);
        break;
      case 'month':
        month = Number(part.value);
        break;
      case 'day':
        day = Number(part.value);
        break;
      case 'hour':
        hour = Number(part.value) % 24;
        break;
      case 'minute':
        minute = Number(part.value);
        break;
      case 'second':
        sec = Number(part.value);
        break;
    }
  }
  return Date.UTC(year, month - 1, day, hour, minute, sec) - second;
}

/** Throws a RangeError unless `timeZone` is an IANA zone the runtime knows. */
export function assertTimeZone(timeZone: string): void {
  if (timeZone !== 'UTC') formatterFor(timeZone);
}
