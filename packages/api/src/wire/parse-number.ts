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
 * Reads the formatted number that starts at `bytes[start]` and stops at `end` or at the first byte
 * that cannot continue it, writing where it stopped to `stop[0]`: the one implementation of the
 * wire's number grammar, which the byte scanner of @carbontrack/core runs on every value where
 * it lies (the value is valid when it stopped at its closing quote), and
 * {@link parseFormattedNumberBytes} on a given range. NaN when the bytes read break the grammar;
 * ±Infinity for digits too many to be a finite double. With `exponent`, the value times
 * 10^exponent, rounded once (kW read as W: 3): what `Number()` gives for the same decimal with its
 * point moved, never a second rounding.
 * @internal
 */
export function scanFormattedNumber(
  bytes: Uint8Array,
  start: number,
  end: number,
  exponent: number,
  stop: Int32Array,
): number {
  let i = start;
  let c = bytes[i] as number;
  const negative = c === MINUS && i < end;
  if (negative) c = bytes[++i] as number;
  const digitsStart = i;
  let digits = 0;
  while (i < end && c >= DIGIT_0 && c <= DIGIT_9) {
    digits = digits * 10 + (c - DIGIT_0);
    c = bytes[++i] as number;
  }
  const leading = i - digitsStart;
  let value = Number.NaN;
  // .NET's `#.##` prints no integer zero: ".5", "-.75". A fraction must follow then.
  let ok = leading > 0 || (i < end && c === DOT);
  if (ok && i < end && c === COMMA) {
    // Thousands groups, out of line so this function stays small enough to be inlined.
    digits = leading <= 3 ? readGroups(bytes, i, end, digits, stop) : -1;
    ok = digits >= 0;
    i = stop[0] as number;
    c = bytes[i] as number;
  }
  let decimals = 0;
  if (ok && i < end && c === DOT) {
    c = bytes[++i] as number;
    const fractionStart = i;
    while (i < end && c >= DIGIT_0 && c <= DIGIT_9) {
      digits = digits * 10 + (c - DIGIT_0);
      c = bytes[++i] as number;
    }
    decimals = i - fractionStart;
    ok = decimals > 0;
  }
  if (ok) {
    const shift = decimals - exponent;
    if (digits <= Number.MAX_SAFE_INTEGER && shift <= 22 && shift >= -22) {
      const magnitude =
        shift === 0 ? digits : shift > 0 ? digits / (POW10[shift] as number) : digits * (POW10[-shift] as number);
      value = negative ? -magnitude : magnitude;
    } else {
      value = engineRounded(bytes, start, i, exponent);
    }
  }
  stop[0] = i;
  return value;
}

/**
 * The thousands groups from the comma at `i`: every group exactly three digits. Returns the
 * digits so far with the groups', or -1; where it stopped goes to `stop[0]`.
 */
function readGroups(bytes: Uint8Array, i: number, end: number, digits: number, stop: Int32Array): number {
  let value = digits;
  while (i < end && bytes[i] === COMMA) {
    const c1 = bytes[i + 1] as number;
    const c2 = bytes[i + 2] as number;
    const c3 = bytes[i + 3] as number;
    if (
      !(
        i + 3 < end &&
        c1 >= DIGIT_0 &&
        c1 <= DIGIT_9 &&
        c2 >= DIGIT_0 &&
        c2 <= DIGIT_9 &&
        c3 >= DIGIT_0 &&
        c3 <= DIGIT_9
      )
    ) {
      stop[0] = i;
      return -1;
    }
    value = value * 1000 + (c1 - DIGIT_0) * 100 + (c2 - DIGIT_0) * 10 + (c3 - DIGIT_0);
    i += 4;
  }
  stop[0] = i;
  return value;
}

// Too many digits for exact integer accumulation: the engine rounds the decimal string.
function engineRounded(bytes: Uint8Array, start: number, end: number, exponent: number): number {
  const plain = decoder.decode(bytes.subarray(start, end)).replaceAll(',', '');
  return Number(`${plain}${exponent === 0 ? '' : `e${exponent}`}`);
}

const stopAt = new Int32Array(1);

/** {@link scanFormattedNumber} over exactly `bytes[start, end)`: NaN unless all of it is one number. @internal */
export function parseFormattedNumberBytes(bytes: Uint8Array, start: number, end: number, exponent = 0): number {
  const value = scanFormattedNumber(bytes, start, end, exponent, stopAt);
  return stopAt[0] === end ? value : Number.NaN;
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();
// Scratch space for strings: 21 UTF-16 units are at most 63 UTF-8 bytes.
const scratch = new Uint8Array(64);

/**
 * {@link parseFormattedNumberBytes} for `text[start, end)` (a string from `JSON.parse`): its
 * characters as UTF-8 in a scratch buffer (any non-ASCII character fails the grammar either way).
 * @internal
 */
export function parseFormattedNumberAt(text: string, start: number, end: number, exponent = 0): number {
  const part = start === 0 && end === text.length ? text : text.slice(start, end);
  if (part.length > 21) {
    const bytes = encoder.encode(part);
    return parseFormattedNumberBytes(bytes, 0, bytes.length, exponent);
  }
  const { written } = encoder.encodeInto(part, scratch);
  return parseFormattedNumberBytes(scratch, 0, written, exponent);
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
