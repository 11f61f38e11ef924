import { parseFormattedNumberAt } from '@carbontrack/api';
import { MEASUREMENT_FIELD_NAMES, type MeasurementField } from './fields.js';
import { type ResolvedParseOptions, resolveParseOptions } from './parse-options.js';
import { parseRecordDateTimeAt } from './parse-record-date-time.js';
import type { MeasurementSeries, ParseIssue } from './series.js';

const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const DOT = 46;
const MINUS = 45;
const DIGIT_0 = 48;
const DIGIT_9 = 57;
const CLOSE_BRACE = 125;
const CLOSE_BRACKET = 93;
const LOWER_N = 110;
const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const FIELD_COUNT = MEASUREMENT_FIELD_NAMES.length;

/** Same table as in @carbontrack/api's parse-number.ts; duplicated so the hot loop reads a module-local constant. */
const POW10 = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
  1e21, 1e22,
];

const PAGE_PREFIX = '{"Measurements":[';
const RECORD_PREFIX = '{"ID":"';
const DEVICE_TOKEN = '","DeviceID":"';
const TIME_TOKEN = '","RecordDateTime":"';
const FIELD_TOKENS: readonly string[] = MEASUREMENT_FIELD_NAMES.map((name) => `,"${name}":`);
const FIELD_TOKEN_LENGTHS: readonly number[] = FIELD_TOKENS.map((token) => token.length);

/** Index of the closing quote of the JSON string starting at `i`, or -1 if it has escapes or control characters. */
function closingQuote(text: string, i: number): number {
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) return i;
    if (c === BACKSLASH || c < 32) return -1;
    i++;
  }
  return -1;
}

/**
 * A copy of `text[start, end)` that does not keep `text` alive. V8 represents longer substrings as views
 * into their parent, so one kept DeviceID or issue value would pin a whole page of JSON in memory.
 * The range holds no escapes or control characters (checked by the caller), so it is a valid JSON string body.
 */
function detachedSlice(text: string, start: number, end: number): string {
  return end - start < 13 ? text.slice(start, end) : (JSON.parse(`"${text.slice(start, end)}"`) as string);
}

/**
 * Copies substrings so that none of them keeps `text` alive: joining builds one flat string holding only
 * the ID characters, and slices of it point there instead of into the page.
 */
function detachAll(strings: string[]): void {
  const flat = strings.join('');
  let offset = 0;
  for (let k = 0; k < strings.length; k++) {
    const length = (strings[k] as string).length;
    strings[k] = flat.slice(offset, offset + length);
    offset += length;
  }
}

/**
 * Reads a measurement page straight from its JSON text into typed arrays in one pass, creating no
 * per-record objects. It recognises only the exact shape the API and simulator emit (no whitespace,
 * record keys in OpenAPI order, string values without escapes, `null` allowed for numeric fields) and
 * returns null on anything else, so the caller can fall back to {@link parseMeasurementsReference}.
 * When it returns a series, that series is identical to the reference result, bit for bit; values are
 * parsed by the same functions (or, in the common case, by an inlined copy of the exact integer/10^k
 * method), and the property tests in parse-measurements.test.ts check the equivalence.
 * @internal
 */
export function parseMeasurementsFast(
  text: string,
  options: ResolvedParseOptions = resolveParseOptions(undefined),
): MeasurementSeries | null {
  const n = text.length;
  const { emptyIsZero, exponents } = options;
  let pos: number;
  let wrapped: boolean;
  if (text.startsWith(PAGE_PREFIX)) {
    pos = PAGE_PREFIX.length;
    wrapped = true;
  } else if (text.charCodeAt(0) === 91) {
    pos = 1;
    wrapped = false;
  } else {
    return null;
  }

  // Capacity is estimated from the first record's length and grown geometrically, since Count
  // describes the whole range, not this page.
  let capacity = 0;
  let time = new Float64Array(0);
  let cols: Float64Array[] = [];
  const ids: string[] = [];
  const issues: ParseIssue[] = [];
  let deviceId: string | null = null;
  let row = 0;
  const grow = (wanted: number): void => {
    const nextTime = new Float64Array(wanted);
    nextTime.set(time);
    time = nextTime;
    const next: Float64Array[] = [];
    for (let f = 0; f < FIELD_COUNT; f++) {
      const column = new Float64Array(wanted);
      column.set(cols[f] ?? column.subarray(0, 0));
      next.push(column);
    }
    cols = next;
    capacity = wanted;
  };

  if (text.charCodeAt(pos) === CLOSE_BRACKET) {
    pos++;
  } else {
    for (;;) {
      const recordStart = pos;
      if (!text.startsWith(RECORD_PREFIX, pos)) return null;
      if (row === capacity) grow(capacity === 0 ? 16 : capacity + (capacity >> 1));

      // ID
      let start = pos + RECORD_PREFIX.length;
      let q = closingQuote(text, start);
      if (q < 0) return null;
      const id = text.slice(start, q);
      ids.push(id);
      if (q === start) issues.push({ row, field: 'ID', value: '', reason: 'empty' });

      // DeviceID
      if (!text.startsWith(DEVICE_TOKEN, q)) return null;
      start = q + DEVICE_TOKEN.length;
      q = closingQuote(text, start);
      if (q < 0) return null;
      if (q === start) {
        issues.push({ row, field: 'DeviceID', value: '', reason: 'empty' });
      } else if (deviceId === null) {
        deviceId = detachedSlice(text, start, q);
      } else if (q - start !== deviceId.length || !text.startsWith(deviceId, start)) {
        issues.push({ row, field: 'DeviceID', value: detachedSlice(text, start, q), reason: 'device-mismatch' });
      }

      // RecordDateTime
      if (!text.startsWith(TIME_TOKEN, q)) return null;
      start = q + TIME_TOKEN.length;
      q = closingQuote(text, start);
      if (q < 0) return null;
      if (q === start) {
        time[row] = Number.NaN;
        issues.push({ row, field: 'RecordDateTime', value: '', reason: 'empty' });
      } else {
        const t = parseRecordDateTimeAt(text, start, q);
        time[row] = t;
        if (Number.isNaN(t))
          issues.push({ row, field: 'RecordDateTime', value: detachedSlice(text, start, q), reason: 'invalid-date' });
      }
      pos = q + 1;

      for (let f = 0; f < FIELD_COUNT; f++) {
        if (!text.startsWith(FIELD_TOKENS[f] as string, pos)) return null;
        pos += FIELD_TOKEN_LENGTHS[f] as number;
        const column = cols[f] as Float64Array;
        let c = text.charCodeAt(pos);
        if (c === QUOTE) {
          start = pos + 1;
          let i = start;
          c = text.charCodeAt(i);
          if (c === QUOTE && emptyIsZero) {
            // "" is what .NET's `#.##` prints for zero.
            column[row] = 0;
            pos = i + 1;
            continue;
          }
          const negative = c === MINUS;
          if (negative) c = text.charCodeAt(++i);
          const digitsStart = i;
          let digits = 0;
          while (c >= DIGIT_0 && c <= DIGIT_9) {
            digits = digits * 10 + (c - DIGIT_0);
            c = text.charCodeAt(++i);
          }
          const leading = i - digitsStart;
          // No integer digits is fine before a fraction: `#.##` prints 0.5 as ".5".
          let ok = leading > 0 || c === DOT;
          if (ok && c === COMMA) {
            if (leading > 3) ok = false;
            while (ok && c === COMMA) {
              const c1 = text.charCodeAt(i + 1);
              const c2 = text.charCodeAt(i + 2);
              const c3 = text.charCodeAt(i + 3);
              if (c1 >= DIGIT_0 && c1 <= DIGIT_9 && c2 >= DIGIT_0 && c2 <= DIGIT_9 && c3 >= DIGIT_0 && c3 <= DIGIT_9) {
                digits = digits * 1000 + (c1 - DIGIT_0) * 100 + (c2 - DIGIT_0) * 10 + (c3 - DIGIT_0);
                i += 4;
                c = text.charCodeAt(i);
              } else {
                ok = false;
              }
            }
          }
          let decimals = 0;
          if (ok && c === DOT) {
            c = text.charCodeAt(++i);
            const fractionStart = i;
            while (c >= DIGIT_0 && c <= DIGIT_9) {
              digits = digits * 10 + (c - DIGIT_0);
              c = text.charCodeAt(++i);
            }
            decimals = i - fractionStart;
            if (decimals === 0) ok = false;
          }
          // Scaled by 10^exponent (kW read as W) by moving the decimal point: one rounding.
          const shift = decimals - (exponents[f] as number);
          if (ok && c === QUOTE && digits <= MAX_SAFE && shift <= 22 && shift >= -22) {
            const magnitude =
              shift === 0 ? digits : shift > 0 ? digits / (POW10[shift] as number) : digits * (POW10[-shift] as number);
            column[row] = negative ? -magnitude : magnitude;
            pos = i + 1;
          } else {
            // Unusual or invalid: let the shared parser decide, on the same characters.
            q = closingQuote(text, start);
            if (q < 0) return null;
            const value = parseFormattedNumberAt(text, start, q, exponents[f]);
            if (Number.isFinite(value)) {
              column[row] = value;
            } else {
              column[row] = Number.NaN;
              issues.push({
                row,
                field: MEASUREMENT_FIELD_NAMES[f] as MeasurementField,
                value: detachedSlice(text, start, q),
                reason: q === start ? 'empty' : Number.isNaN(value) ? 'not-a-number' : 'out-of-range',
              });
            }
            pos = q + 1;
          }
        } else if (c === LOWER_N && text.startsWith('null', pos)) {
          column[row] = Number.NaN;
          issues.push({ row, field: MEASUREMENT_FIELD_NAMES[f] as MeasurementField, value: null, reason: 'null' });
          pos += 4;
        } else {
          return null;
        }
      }
      if (text.charCodeAt(pos) !== CLOSE_BRACE) return null;
      pos++;
      row++;
      if (row === 1) {
        const estimate = Math.ceil(((n - pos) / (pos - recordStart)) * 1.1) + 2;
        if (estimate > capacity) grow(estimate);
      }
      const c = text.charCodeAt(pos);
      pos++;
      if (c === COMMA) continue;
      if (c === CLOSE_BRACKET) break;
      return null;
    }
  }

  if (wrapped) {
    // The rest of the page (Count, Pages, …) is small: validate it with JSON.parse so that text the
    // reference path would reject is never accepted here. A second Measurements key would win in
    // JSON.parse, and escapes could spell one, so either sends the page to the reference path.
    const tail = text.slice(pos);
    if (tail.includes('\\') || tail.includes('Measurements')) return null;
    try {
      JSON.parse(`{"Measurements":[]${tail}`);
    } catch {
      return null;
    }
  } else if (pos !== n) {
    return null;
  }

  detachAll(ids);
  const length = row;
  const columns = {} as Record<MeasurementField, Float64Array>;
  for (let f = 0; f < FIELD_COUNT; f++) {
    const column = cols[f];
    columns[MEASUREMENT_FIELD_NAMES[f] as MeasurementField] =
      column === undefined ? new Float64Array(0) : column.subarray(0, length);
  }
  return { deviceId, length, time: time.subarray(0, length), ids, columns, issues };
}
