import { describe, expect, it } from 'vitest';
import { zoneOffsetMs, zoneOffsetSpan } from '../src/index.js';

// The runtime's own answer, through a different door: the 'longOffset' zone name ("GMT+10:30").
const referenceFormats = new Map<string, Intl.DateTimeFormat>();
function referenceOffset(timeZone: string, t: number): number {
  let format = referenceFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    referenceFormats.set(timeZone, format);
  }
  const name = format.formatToParts(t).find((part) => part.type === 'timeZoneName')?.value as string;
  const match = /GMT(?:([+-])(\d{2}):(\d{2}))?/.exec(name);
  if (!match?.[1]) return 0;
  const sign = match[1] === '-' ? -1 : 1;
  return sign * (Number(match[2]) * 3_600_000 + Number(match[3]) * 60_000);
}

const ZONES = [
  'Australia/Sydney',
  'Australia/Adelaide',
  'Australia/Lord_Howe', // a half-hour DST change
  'Australia/Perth',
  'Pacific/Chatham', // +12:45 / +13:45
  'America/New_York',
  'Europe/London',
];

describe('zoneOffsetMs', () => {
  it.each(ZONES)('agrees with the runtime every 23 minutes over 2025-2026 in %s', (zone) => {
    const start = Date.UTC(2025, 0, 1);
    const end = Date.UTC(2027, 0, 1);
    let checked = 0;
    // Every 23 minutes (so samples fall at every minute of the hour) and on both sides of each change.
    for (let t = start; t < end; t += 23 * 60_000) {
      const offset = zoneOffsetMs(zone, t);
      if (offset !== referenceOffset(zone, t)) throw new Error(`${zone} at ${new Date(t).toISOString()}: ${offset}`);
      checked++;
    }
    expect(checked).toBeGreaterThan(45_000);
  });

  it('finds each DST change to the second, whichever order instants are asked in', () => {
    // Sydney's changes of 2026: 5 April 03:00 AEDT (16:00 UTC the 4th) and 4 October 02:00 AEST (16:00 UTC the 3rd).
    const changes = [Date.UTC(2026, 3, 4, 16), Date.UTC(2026, 9, 3, 16)];
    for (const change of changes.reverse()) {
      expect(zoneOffsetMs('Australia/Sydney', change - 1000)).not.toBe(zoneOffsetMs('Australia/Sydney', change));
      expect(zoneOffsetMs('Australia/Sydney', change - 1000)).toBe(referenceOffset('Australia/Sydney', change - 1000));
      expect(zoneOffsetMs('Australia/Sydney', change)).toBe(referenceOffset('Australia/Sydney', change));
    }
  });

  it('throws a RangeError for an unknown zone, every time', () => {
    expect(() => zoneOffsetMs('Mars/Olympus', 0)).toThrow(RangeError);
    expect(() => zoneOffsetMs('Mars/Olympus', 0)).toThrow(RangeError);
    expect(() => zoneOffsetSpan('Mars/Olympus', 0)).toThrow(RangeError);
  });
});

describe('zoneOffsetSpan', () => {
  it('holds one offset from its start to its end, and ends at a UTC midnight or a change', () => {
    for (const zone of ZONES) {
      for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 5 * 3_600_000 + 17_000) {
        const span = zoneOffsetSpan(zone, t);
        expect(span.from <= t && t < span.until).toBe(true);
        expect(zoneOffsetMs(zone, span.from)).toBe(span.offset);
        expect(zoneOffsetMs(zone, span.until - 1)).toBe(span.offset);
        expect(span.offset).toBe(referenceOffset(zone, t));
        const atMidnight = span.until % 86_400_000 === 0;
        if (!atMidnight) expect(zoneOffsetMs(zone, span.until)).not.toBe(span.offset);
      }
    }
  });

  it('is the UTC day, offset 0, in UTC', () => {
    const t = Date.UTC(2026, 11, 1, 8, 55);
    expect(zoneOffsetSpan('UTC', t)).toEqual({ from: Date.UTC(2026, 11, 1), until: Date.UTC(2026, 11, 2), offset: 0 });
  });
});
