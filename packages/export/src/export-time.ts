import { timeZoneOffsetMs } from '@carbontrack/core/time-zone';

// The range of a JavaScript Date: times beyond it have no ISO 8601 text, so no format writes them.
const MAX_TIME_MS = 8.64e15;
const HOUR_MS = 3_600_000;

/**
 * A record time as written: whole epoch milliseconds (truncated, as `new Date` does, so every format
 * agrees), or null for NaN and for times no Date can hold. The row is kept either way.
 */
export function exportTimeMs(t: number): number | null {
  return t >= -MAX_TIME_MS && t <= MAX_TIME_MS ? Math.trunc(t) : null;
}

/** A record time as ISO 8601 UTC text (`2026-12-01T08:55:00.000Z`), or null (see {@link exportTimeMs}). */
export function utcTimeText(t: number): string | null {
  const ms = exportTimeMs(t);
  return ms === null ? null : new Date(ms).toISOString();
}

/**
 * A formatter of local wall time with its offset in `timeZone` (`2026-12-01T19:55:00+11:00`; with
 * `.SSS` only when the instant has milliseconds), or null (see {@link exportTimeMs}).
 *
 * The offset and its text are worked out once per UTC hour: when the hour's start and end agree,
 * the whole hour has that offset (no zone changes its offset twice within an hour); an hour with a
 * change is looked up row by row. Core remembers the offsets themselves.
 * @param timeZone A canonical IANA zone.
 */
export function localTimeFormatter(timeZone: string): (t: number) => string | null {
  const offsetAtHour = (hour: number) => timeZoneOffsetMs(timeZone, hour);
  let hourStart = Number.NaN;
  let hourOffset = 0;
  let hourIsConstant = false;
  let hourSuffix = '';
  return (t) => {
    const ms = exportTimeMs(t);
    if (ms === null) return null;
    const hour = Math.floor(ms / HOUR_MS) * HOUR_MS;
    if (hour !== hourStart) {
      hourStart = hour;
      hourOffset = offsetAtHour(hour);
      hourIsConstant = hourOffset === offsetAtHour(hour + HOUR_MS);
      hourSuffix = offsetText(hourOffset);
    }
    const offset = hourIsConstant ? hourOffset : timeZoneOffsetMs(timeZone, ms);
    const wall = new Date(ms + offset);
    if (Number.isNaN(wall.getTime())) return null;
    // toISOString ends in '.sssZ' whatever the year's width (years past 9999 are written '+010000').
    const iso = wall.toISOString();
    const seconds = iso.slice(0, -5);
    const text = ms % 1000 === 0 ? seconds : `${seconds}${iso.slice(-5, -1)}`;
    return text + (hourIsConstant ? hourSuffix : offsetText(offset));
  };
}

/** `+11:00`, `-03:30`, `+00:00`; seconds only for the odd historical offset that has them (`+10:04:52`). */
function offsetText(offsetMs: number): string {
  const sign = offsetMs < 0 ? '-' : '+';
  const total = Math.round(Math.abs(offsetMs) / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const hm = `${sign}${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
  return seconds === 0 ? hm : `${hm}:${String(seconds).padStart(2, '0')}`;
}
