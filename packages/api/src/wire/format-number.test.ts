import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatHundredths, formatHundredthsAs, formatNumber, parseHundredths } from './format-number.js';
import { parseFormattedNumber } from './parse-number.js';

describe('formatNumber', () => {
  it.each([
    [0, '0.00'],
    [-0, '0.00'],
    [-0.004, '0.00'],
    [0.5, '0.50'],
    [-0.5, '-0.50'],
    [1234.56, '1,234.56'],
    [999.995, '1,000.00'],
    [1_000_000, '1,000,000.00'],
    [-67, '-67.00'],
  ])('formats %d as %s', (value, text) => {
    expect(formatNumber(value)).toBe(text);
  });

  it('round-trips any integer hundredths and matches the FormattedNumber pattern', () => {
    const pattern = /^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/;
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (hundredths) => {
        const text = formatHundredths(hundredths);
        expect(text).toMatch(pattern);
        expect(text).toMatch(/\.\d\d$/);
        expect(text).not.toBe('-0.00');
        expect(parseHundredths(text)).toBe(hundredths);
      }),
    );
  });
});

describe('formatHundredthsAs (the simulator writes docs or .NET forms)', () => {
  it.each([
    [0, '#.##', ''],
    [50, '#.##', '.5'],
    [-75, '#.##', '-.75'],
    [5, '#.##', '.05'],
    [1200, '#.##', '12'],
    [1230, '#.##', '12.3'],
    [100000, '#.##', '1000'],
    [100000, '#,###.##', '1,000'],
    [123456789, '#,###.##', '1,234,567.89'],
  ] as const)('writes %d hundredths under %s as %j', (hundredths, pattern, text) => {
    expect(formatHundredthsAs(hundredths, 'dotnet', pattern)).toBe(text);
    expect(formatHundredthsAs(hundredths, 'docs', pattern)).toBe(formatHundredths(hundredths));
  });

  it('reads back as the same value under both patterns ("" as zero), and matches the contract pattern', () => {
    const contract = /^(-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?|-?\.\d+|)$/;
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.constantFrom('#.##', '#,###.##'), (hundredths, pattern) => {
        const text = formatHundredthsAs(hundredths, 'dotnet', pattern as '#.##');
        expect(text).toMatch(contract);
        const value = text === '' ? 0 : parseFormattedNumber(text);
        expect(Math.round(value * 100)).toBe(hundredths);
      }),
    );
  });
});
