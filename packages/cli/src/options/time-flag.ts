import { canonicalTimeZone, localTimeToInstant, timeZoneOffsetMs } from '@carbontrack/core/time-zone';
import { usageError } from '../cli-error.js';

const DAY_MS = 86_400_000;
const UNIT_MS = { m: 60_000, h: 3_600_000, d: DAY_MS } as const;

/**
 * Reads a `--from` / `--to` value into epoch ms. Accepted: an ISO 8601 instant with `Z` or an
 * offset (`2026-12-01T08:00:00Z`, `…+11:00`); a local date or date-time without offset
 * (`2026-12-01`, `2026-12-01T08:00`), read in `timeZone` (the device's or `--tz`, else UTC);
 * `now`; `today` (local midnight); or a time before now such as `-7d`, `-24h`, `-90m`.
 */
export function parseTimeFlag(flag: string, raw: string, timeZone: string, now: number): number {
  const value = raw.trim();
  if (value === 'now') return now;
  if (value === 'today') {
    const wallMidnight = Math.floor((now + timeZoneOffsetMs(timeZone, now)) / DAY_MS) * DAY_MS;
    return localTimeToInstant(wallMidnight, timeZone);
  }
  const relative = /^-(\d+)([mhd])$/.exec(value);
  if (relative) return now - Number(relative[1]) * UNIT_MS[relative[2] as keyof typeof UNIT_MS];
  const local = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(value);
  if (local) {
    const [, y, mo, d, h = '0', mi = '0', s = '0'] = local;
    const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
    const check = new Date(wall);
    if (Number.isNaN(wall) || check.getUTCDate() !== Number(d) || check.getUTCMonth() !== Number(mo) - 1) {
      throw badTime(flag, raw);
    }
    return localTimeToInstant(wall, timeZone);
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i.test(value)) {
    const ms = Date.parse(value);
    if (!Number.isNaN(ms)) return ms;
  }
  throw badTime(flag, raw);
}

/** `--tz`: a canonical IANA zone, or a usage error naming the flag. */
export function parseZoneFlag(raw: string): string {
  const zone = canonicalTimeZone(raw);
  if (!zone) throw usageError(`--tz: '${raw}' is not an IANA time zone`, 'Use a name such as Australia/Sydney or UTC.');
  return zone;
}

/** Checks that from < to, naming both flags otherwise. */
export function assertFromBeforeTo(from: number, to: number): void {
  if (!(from < to)) {
    throw usageError(
      `--from (${new Date(from).toISOString()}) must be before --to (${new Date(to).toISOString()})`,
      'Swap them, or widen the range.',
    );
  }
}

function badTime(flag: string, raw: string) {
  return usageError(
    `${flag}: '${raw}' is not a date or time`,
    'Use 2026-12-01, 2026-12-01T08:00 (local), 2026-12-01T08:00:00Z, now, today or -7d.',
  );
}
