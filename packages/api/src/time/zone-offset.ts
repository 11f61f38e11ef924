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
 * Australia/Sydney in summer, +10 h in winter. Formatting is slow, so callers ask once per bucket,
 * not per sample. The one zone-offset rule of the client and the simulator.
 * @throws RangeError for an unknown zone.
 */
export function zoneOffsetMs(timeZone: string, t: number): number {
  if (timeZone === 'UTC') return 0;
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
