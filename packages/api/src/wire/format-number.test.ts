import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatHundredths, formatNumber, parseHundredths } from './format-number.js';

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
