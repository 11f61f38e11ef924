import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRecordDateTime } from './parse-record-date-time.js';

describe('parseRecordDateTime', () => {
  it.each([
    ['2019-05-16T06:55:00Z', Date.UTC(2019, 4, 16, 6, 55)],
    ['2019-05-16T06:55:00', Date.UTC(2019, 4, 16, 6, 55)],
    ['2019-05-16T06:55:00.5Z', Date.UTC(2019, 4, 16, 6, 55, 0, 500)],
    ['2019-05-16T06:55:00.1239Z', Date.UTC(2019, 4, 16, 6, 55, 0, 123)],
    ['2019-05-16T16:55:00+10:00', Date.UTC(2019, 4, 16, 6, 55)],
    ['2019-05-16T01:25:00-05:30', Date.UTC(2019, 4, 16, 6, 55)],
    ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
  ])('parses %s', (text, expected) => {
    expect(parseRecordDateTime(text)).toBe(expected);
  });

  it.each([
    [''],
    ['2019-05-16'],
    ['2019-05-16 06:55:00Z'],
    ['2019-13-01T00:00:00Z'],
    ['2023-02-29T00:00:00Z'],
    ['2019-05-16T24:00:00Z'],
    ['2019-05-16T06:60:00Z'],
    ['2019-05-16T06:55:00z'],
    ['2019-05-16T06:55:00.Z'],
    ['2019-05-16T06:55:00+1000'],
    ['2019-05-16T06:55:00ZZ'],
    ['2019-5-16T06:55:00Z'],
  ])('rejects %j', (text) => {
    expect(parseRecordDateTime(text)).toBeNaN();
  });

  it('rejects non-strings', () => {
    expect(parseRecordDateTime(null)).toBeNaN();
    expect(parseRecordDateTime(1_557_989_700_000)).toBeNaN();
  });

  it('agrees with Date.parse on ISO strings', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }),
        (date) => {
          const iso = date.toISOString();
          expect(parseRecordDateTime(iso)).toBe(Date.parse(iso));
          expect(parseRecordDateTime(iso.replace(/\.\d{3}Z$/, 'Z'))).toBe(Math.floor(date.getTime() / 1000) * 1000);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
