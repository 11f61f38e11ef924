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
 * Australia/Sydney in summer, +10 h in winter. Remembered per quarter hour of UTC, so asking per
 * sample is cheap. The one zone-offset rule of the client and the simulator.
 * @throws RangeError for an unknown zone.
 */
export function zoneOffsetMs(timeZone: string, t: number): number {
  if (timeZone === 'UTC') return 0;
  // Offsets are whole quarter hours and change on quarter hours of UTC (every zone since the
  // 1970s), so one answer serves a whole quarter hour: asked per sample, this is a map lookup.
  const slot = Math.floor(t / QUARTER_HOUR_MS);
  const key = timeZone + slot;
  let offset = memo.get(key);
  if (offset === undefined) {
    // Formatting throws for an unknown zone before anything is remembered for it.
    offset = formattedOffset(timeZone, slot * QUARTER_HOUR_MS);
    if (memo.size >= MEMO_SIZE) memo.clear();
    memo.set(key, offset);
  }
  return offset;
}

const QUARTER_HOUR_MS = 900_000;
// A year and a bit of quarter hours (about 3 MB), then it starts again.
const MEMO_SIZE = 40_000;
const memo = new Map<string, number>();

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
