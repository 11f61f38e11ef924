import { assertTimeZone, zoneOffsetMs as zoneOffset } from '@carbontrack/api';

/**
 * The canonical spelling of an IANA time zone the runtime knows (`'australia/sydney'` →
 * `'Australia/Sydney'`), or null for anything else (`'Sydney'`, `''`, `'+10:00'`).
 */
export function canonicalTimeZone(zone: string): string | null {
  if (typeof zone !== 'string' || zone.trim() === '') return null;
  const known = canonical.get(zone);
  if (known !== undefined) return known;
  let name: string | null;
  try {
    assertTimeZone(zone.trim());
    name = new Intl.DateTimeFormat('en', { timeZone: zone.trim() }).resolvedOptions().timeZone;
  } catch {
    name = null;
  }
  // Views ask on every render; a formatter per call costs about a millisecond.
  if (canonical.size < 1000) canonical.set(zone, name);
  return name;
}

const canonical = new Map<string, string | null>();

/** Whether `zone` is an IANA time zone the runtime knows. */
export function isTimeZone(zone: string): boolean {
  return canonicalTimeZone(zone) !== null;
}

let browser: string | undefined;
/** The zone of the runtime (the browser's, or Node's `TZ`), read once: a formatter per call is slow. */
export function runtimeTimeZone(): string {
  browser ??= new Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  return browser;
}

/**
 * Offset of `timeZone` from UTC at instant `t`, in ms (local wall clock = t + offset), from the
 * runtime's tz data: +11 h for Australia/Sydney in summer, +10 h in winter.
 * @throws RangeError for an unknown zone.
 */
export function timeZoneOffsetMs(timeZone: string, t: number): number {
  return zoneOffset(timeZone, t);
}
