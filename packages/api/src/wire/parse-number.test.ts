import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFormattedNumber, parseFormattedNumberAt } from './parse-number.js';

/** Formats digits the way the API does: comma thousands separators, `decimals` fraction digits. */
function format(intDigits: string, fraction: string, negative: boolean): { formatted: string; plain: string } {
  const groups: string[] = [];
  for (let end = intDigits.length; end > 0; end -= 3) groups.unshift(intDigits.slice(Math.max(0, end - 3), end));
  const sign = negative ? '-' : '';
  const tail = fraction.length > 0 ? `.${fraction}` : '';
  return { formatted: `${sign}${groups.join(',')}${tail}`, plain: `${sign}${intDigits}${tail}` };
}

describe('parseFormattedNumber', () => {
  it.each([
    ['1,234.56', 1234.56],
    ['-0.50', -0.5],
    ['0.0', 0],
    ['0.00', 0],
    ['12', 12],
    ['1,000.00', 1000],
    ['1,234,567.89', 1234567.89],
    ['1234.5', 1234.5],
    ['0.1', 0.1],
    ['0.3', 0.3],
    ['123,456,789,012.34', 123456789012.34],
    ['007.5', 7.5],
    // What .NET's `#.##` and `#,###.##` print: no integer zero, no trailing fraction zeros.
    ['.5', 0.5],
    ['-.75', -0.75],
    ['.05', 0.05],
    ['1,000', 1000],
    ['1000', 1000],
    ['12.3', 12.3],
  ])('parses %s', (text, expected) => {
    expect(Object.is(parseFormattedNumber(text), expected)).toBe(true);
  });

  it('keeps the sign of negative zero, as Number does', () => {
    expect(Object.is(parseFormattedNumber('-0.00'), -0)).toBe(true);
  });

  it('falls back to exact engine rounding beyond 2^53 and 22 decimals', () => {
    for (const text of ['9,007,199,254,740,993.5', '123456789012345678901234567890', '0.12345678901234567890123456']) {
      expect(Object.is(parseFormattedNumber(text), Number(text.replaceAll(',', '')))).toBe(true);
    }
  });

  it.each([
    [''],
    ['N/A'],
    ['1,00.00'],
    ['1e3'],
    [' 1'],
    ['1 '],
    ['-'],
    ['1.2.3'],
    ['+1'],
    ['.'],
    ['-.'],
    ['.5.'],
    ['..5'],
    ['.,5'],
    ['5.'],
    ['1,2345'],
    ['1234,567'],
    [',123'],
    ['1,'],
    ['1,23'],
    ['--1'],
    ['0x10'],
    ['Infinity'],
    ['NaN'],
    ['１２'],
  ])('rejects %j', (text) => {
    expect(parseFormattedNumber(text)).toBeNaN();
  });

  it('gives NaN, not Infinity, for digits too many to be finite', () => {
    const huge = `1${'0'.repeat(400)}`;
    expect(Number(huge)).toBe(Number.POSITIVE_INFINITY);
    expect(parseFormattedNumber(huge)).toBeNaN();
    expect(parseFormattedNumber(`-${huge}.5`)).toBeNaN();
  });

  it.each([[null], [undefined], [12], [{}], [['1']]])('rejects the non-string %j', (value) => {
    expect(parseFormattedNumber(value)).toBeNaN();
  });

  it('equals Number() of the unformatted string, bit for bit', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^(0|[1-9]\d{0,17})$/),
        fc.stringMatching(/^\d{0,6}$/),
        fc.boolean(),
        (intDigits, fraction, negative) => {
          const { formatted, plain } = format(intDigits, fraction, negative);
          expect(Object.is(parseFormattedNumber(formatted), Number(plain))).toBe(true);
          expect(Object.is(parseFormattedNumber(plain), Number(plain))).toBe(true);
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('equals Number() for doubles printed with two decimals', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), (x) => {
        const plain = x.toFixed(2);
        const [intPart = '', fraction = ''] = plain.replace('-', '').split('.');
        const { formatted } = format(intPart, fraction, plain.startsWith('-'));
        expect(Object.is(parseFormattedNumber(formatted), Number(plain))).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('parseFormattedNumberAt with an exponent (kW read as W)', () => {
  it('moves the decimal point before rounding, once', () => {
    expect(1.005 * 1000).not.toBe(1005);
    expect(parseFormattedNumberAt('1.005', 0, 5, 3)).toBe(1005);
    expect(parseFormattedNumberAt('-.75', 0, 4, 3)).toBe(-750);
    expect(parseFormattedNumberAt('1,234.5', 0, 7, 3)).toBe(1_234_500);
  });

  it('equals Number() of the decimal with its exponent, bit for bit', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^(0|[1-9]\d{0,20})$/),
        fc.stringMatching(/^\d{0,26}$/),
        fc.boolean(),
        (intDigits, fraction, negative) => {
          const { formatted, plain } = format(intDigits, fraction, negative);
          const value = parseFormattedNumberAt(formatted, 0, formatted.length, 3);
          expect(Object.is(value, Number(`${plain}e3`))).toBe(true);
        },
      ),
    );
  });
});
