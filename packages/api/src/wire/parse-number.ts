const DIGIT_0 = 48;
const DIGIT_9 = 57;
const COMMA = 44;
const DOT = 46;
const MINUS = 45;

/**
 * Exact powers of ten: every 10^k with k ≤ 22 is representable as a double, so `integer / POW10[k]`
 * is a single correctly rounded division, which is exactly what `Number('…')` computes for the
 * same decimal when the integer is below 2^53.
 */
const POW10 = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
  1e21, 1e22,
];

/**
 * Parses the formatted number found in `text` between `start` (inclusive) and `end` (exclusive),
 * without allocating a substring. Both measurement parsers call this so their results cannot differ.
 * Returns NaN for text outside the grammar (the empty string included: what it means is the
 * caller's decision) and ±Infinity for digits too many to be a finite double. With `exponent`,
 * the value times 10^exponent, rounded once (kW read as W: 3): what `Number()` gives for the same
 * decimal with its point moved, never a second rounding.
 * @internal
 */
export function parseFormattedNumberAt(text: string, start: number, end: number, exponent = 0): number {
  let i = start;
  let negative = false;
  if (i < end && text.charCodeAt(i) === MINUS) {
    negative = true;
    i++;
  }
  let digits = 0;
  let decimals = 0;
  let hasComma = false;
  let c = text.charCodeAt(i);
  while (i < end && c >= DIGIT_0 && c <= DIGIT_9) {
    digits = digits * 10 + (c - DIGIT_0);
    c = text.charCodeAt(++i);
  }
  const leading = i - start - (negative ? 1 : 0);
  // .NET's `#.##` prints no integer zero: ".5", "-.75". A fraction must follow then.
  if (leading === 0 && !(i < end && text.charCodeAt(i) === DOT)) return Number.NaN;
  if (i < end && text.charCodeAt(i) === COMMA) {
    // Thousands groups: the first group has 1 to 3 digits, every later one exactly 3.
    if (leading > 3) return Number.NaN;
    hasComma = true;
    while (i < end && text.charCodeAt(i) === COMMA) {
      if (i + 3 >= end) return Number.NaN;
      for (let k = 1; k <= 3; k++) {
        c = text.charCodeAt(i + k);
        if (c < DIGIT_0 || c > DIGIT_9) return Number.NaN;
        digits = digits * 10 + (c - DIGIT_0);
      }
      i += 4;
    }
  }
  if (i < end && text.charCodeAt(i) === DOT) {
    c = text.charCodeAt(++i);
    while (i < end && c >= DIGIT_0 && c <= DIGIT_9) {
      digits = digits * 10 + (c - DIGIT_0);
      decimals++;
      c = text.charCodeAt(++i);
    }
    if (decimals === 0) return Number.NaN;
  }
  if (i !== end) return Number.NaN;
  const shift = decimals - exponent;
  if (digits <= Number.MAX_SAFE_INTEGER && shift <= 22 && shift >= -22) {
    const magnitude =
      shift === 0 ? digits : shift > 0 ? digits / (POW10[shift] as number) : digits * (POW10[-shift] as number);
    return negative ? -magnitude : magnitude;
  }
  // Too many digits for exact integer accumulation: let the engine round the decimal string.
  const plain = text.slice(start, end);
  return Number(`${hasComma ? plain.replaceAll(',', '') : plain}${exponent === 0 ? '' : `e${exponent}`}`);
}

/**
 * Parses a carbonTRACK formatted number, every form the documented .NET patterns `#.##` and
 * `#,###.##` and the documentation's examples produce: an optional minus sign, digits with optional
 * comma thousands separators, and an optional fraction of any length ("1,234.56", "-0.50", "0.0",
 * "12", "1,000"), the integer part left out before a fraction (".5", "-.75").
 *
 * The result is bit-for-bit `Number()` of the same string without separators. Anything else
 * (non-strings, "N/A", "1,00.00", "1e3", " 1", "-", "1.2.3", "+1", "5.") gives `NaN`, and so does a
 * number too large to be finite; it never throws. The empty string, which `#.##` prints for zero,
 * gives `NaN` here: {@link EMPTY_NUMBER_DEFAULT} says what the measurement parsers make of it.
 */
export function parseFormattedNumber(s: unknown): number {
  if (typeof s !== 'string') return Number.NaN;
  const value = parseFormattedNumberAt(s, 0, s.length);
  return Number.isFinite(value) ? value : Number.NaN;
}

/**
 * What an empty number string means: `'zero'`, as .NET's `#.##` prints zero (the documented
 * pattern; see `x-decision-number-format` in the OpenAPI description), or `'missing'` (NaN, listed
 * as an `empty` issue) for an upstream known to send "" for absent values.
 */
export type EmptyNumber = 'zero' | 'missing';

/** The toolkit's reading of "": zero, as the documented `#.##` pattern prints it. */
export const EMPTY_NUMBER_DEFAULT: EmptyNumber = 'zero';
