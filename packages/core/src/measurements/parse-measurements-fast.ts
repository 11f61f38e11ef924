import { parseFormattedNumberBytes, scanFormattedNumber } from '@carbontrack/api';
import { MEASUREMENT_FIELD_NAMES, type MeasurementField } from './fields.js';
import { type ResolvedParseOptions, resolveParseOptions } from './parse-options.js';
import { parseRecordDateTimeBytes } from './parse-record-date-time.js';
import type { MeasurementSeries, ParseIssue } from './series.js';

const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const CLOSE_BRACE = 125;
const CLOSE_BRACKET = 93;
const OPEN_BRACKET = 91;
const LOWER_N = 110;
const FIELD_COUNT = MEASUREMENT_FIELD_NAMES.length;

// A module-local constant, so the optimiser sees one fixed function at the hot call and inlines
// it (an imported binding is live and may not be).
const scanNumber = scanFormattedNumber;

const encode = (text: string) => new TextEncoder().encode(text);
const PAGE_PREFIX = encode('{"Measurements":[');
const RECORD_PREFIX = encode('{"ID":"');
const DEVICE_TOKEN = encode('","DeviceID":"');
const TIME_TOKEN = encode('","RecordDateTime":"');
const NULL = encode('null');
const FIELD_TOKENS: readonly Uint8Array[] = MEASUREMENT_FIELD_NAMES.map((name) => encode(`,"${name}":`));

/** What the fast path read of a page besides its records: the paging fields, for the client. @internal */
export interface FastPage {
  series: MeasurementSeries;
  /** The rest of the page (Count, Pages, PagesIndex, …), parsed; null for a bare array. */
  page: Record<string, unknown> | null;
}

/** Whether `bytes[pos…]` starts with `token`. */
function startsWith(bytes: Uint8Array, pos: number, token: Uint8Array): boolean {
  const n = token.length;
  if (pos + n > bytes.length) return false;
  for (let k = 0; k < n; k++) if (bytes[pos + k] !== token[k]) return false;
  return true;
}

/**
 * Index of the closing quote of the JSON string starting at `i`, or -1 when it has escapes,
 * control characters or (with `ascii`) any byte outside ASCII.
 */
function closingQuote(bytes: Uint8Array, i: number, ascii: boolean): number {
  const n = bytes.length;
  const top = ascii ? 128 : 256;
  while (i < n) {
    const c = bytes[i] as number;
    if (c === QUOTE) return i;
    if (c === BACKSLASH || c < 32 || c >= top) return -1;
    i++;
  }
  return -1;
}

const decoder = new TextDecoder();

const text = (bytes: Uint8Array, start: number, end: number) => decoder.decode(bytes.subarray(start, end));

/**
 * Reads a measurement page straight from its UTF-8 bytes (a response body, no decode to a string
 * first) into typed arrays in one pass, creating no per-record objects. It recognises only the
 * exact shape the API and the simulator emit (no whitespace, record keys in OpenAPI order, IDs,
 * devices and times in plain ASCII, string values without escapes, `null` allowed for numeric
 * fields) and returns null on anything else, so the caller can fall back to
 * {@link parseMeasurementsReference} on the decoded text. When it returns a series, that series
 * is identical to the reference result, bit for bit: values are parsed by the same functions (or,
 * in the common case, by an inlined copy of the exact integer/10^k method), and the property tests
 * in parse-measurements.test.ts check the equivalence.
 * @internal
 */
export function parseMeasurementsFast(
  bytes: Uint8Array,
  options: ResolvedParseOptions = resolveParseOptions(undefined),
): FastPage | null {
  const n = bytes.length;
  const { emptyIsZero, exponents } = options;
  let pos: number;
  let wrapped: boolean;
  if (startsWith(bytes, 0, PAGE_PREFIX)) {
    pos = PAGE_PREFIX.length;
    wrapped = true;
  } else if (bytes[0] === OPEN_BRACKET) {
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
  // Record IDs are copied into one buffer and decoded once at the end: one string for all of them.
  let idBytes = new Uint8Array(0);
  let idUsed = 0;
  const idEnds: number[] = [];
  const issues: ParseIssue[] = [];
  // The text of the last few unusable values (feeds repeat theirs: "N/A" in every unused
  // channel), so each is decoded once a page: where its bytes are, and its text.
  const seenStart = new Int32Array(8).fill(-1);
  const seenLength = new Int32Array(8);
  const seenValue: string[] = new Array<string>(8);
  let seenNext = 0;
  const seenText = (bytes: Uint8Array, start: number, end: number): string => {
    const length = end - start;
    for (let k = 0; k < 8; k++) {
      const at = seenStart[k] as number;
      if (at >= 0 && seenLength[k] === length && sameBytes(bytes, start, at, length)) return seenValue[k] as string;
    }
    const value = text(bytes, start, end);
    seenStart[seenNext] = start;
    seenLength[seenNext] = length;
    seenValue[seenNext] = value;
    seenNext = (seenNext + 1) & 7;
    return value;
  };
  const stop = new Int32Array(1);
  let deviceId: string | null = null;
  let deviceStart = -1;
  let deviceLength = 0;
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
    const nextIds = new Uint8Array(Math.max(wanted * 40, idUsed * 2));
    nextIds.set(idBytes.subarray(0, idUsed));
    idBytes = nextIds;
    capacity = wanted;
  };

  if (bytes[pos] === CLOSE_BRACKET) {
    pos++;
  } else {
    for (;;) {
      const recordStart = pos;
      if (!startsWith(bytes, pos, RECORD_PREFIX)) return null;
      if (row === capacity) grow(capacity === 0 ? 16 : capacity + (capacity >> 1));

      // ID
      let start = pos + RECORD_PREFIX.length;
      let q = closingQuote(bytes, start, true);
      if (q < 0) return null;
      const idLength = q - start;
      if (idUsed + idLength > idBytes.length) {
        const bigger = new Uint8Array(Math.max(idBytes.length * 2, idUsed + idLength));
        bigger.set(idBytes.subarray(0, idUsed));
        idBytes = bigger;
      }
      idBytes.set(bytes.subarray(start, q), idUsed);
      idUsed += idLength;
      idEnds.push(idUsed);
      if (idLength === 0) issues.push({ row, field: 'ID', value: '', reason: 'empty' });

      // DeviceID
      if (!startsWith(bytes, q, DEVICE_TOKEN)) return null;
      start = q + DEVICE_TOKEN.length;
      q = closingQuote(bytes, start, true);
      if (q < 0) return null;
      if (q === start) {
        issues.push({ row, field: 'DeviceID', value: '', reason: 'empty' });
      } else if (deviceId === null) {
        deviceId = text(bytes, start, q);
        deviceStart = start;
        deviceLength = q - start;
      } else if (q - start !== deviceLength || !sameBytes(bytes, start, deviceStart, deviceLength)) {
        issues.push({ row, field: 'DeviceID', value: text(bytes, start, q), reason: 'device-mismatch' });
      }

      // RecordDateTime
      if (!startsWith(bytes, q, TIME_TOKEN)) return null;
      start = q + TIME_TOKEN.length;
      q = closingQuote(bytes, start, true);
      if (q < 0) return null;
      if (q === start) {
        time[row] = Number.NaN;
        issues.push({ row, field: 'RecordDateTime', value: '', reason: 'empty' });
      } else {
        const t = parseRecordDateTimeBytes(bytes, start, q);
        time[row] = t;
        if (Number.isNaN(t)) {
          issues.push({ row, field: 'RecordDateTime', value: text(bytes, start, q), reason: 'invalid-date' });
        }
      }
      pos = q + 1;

      for (let f = 0; f < FIELD_COUNT; f++) {
        const token = FIELD_TOKENS[f] as Uint8Array;
        const tokenLength = token.length;
        if (pos + tokenLength > n) return null;
        for (let k = 0; k < tokenLength; k++) if (bytes[pos + k] !== token[k]) return null;
        pos += tokenLength;
        const column = cols[f] as Float64Array;
        const c = bytes[pos] as number;
        if (c === QUOTE) {
          start = pos + 1;
          if (bytes[start] === QUOTE && emptyIsZero) {
            // "" is what .NET's `#.##` prints for zero.
            column[row] = 0;
            pos = start + 1;
            continue;
          }
          // The wire's one number grammar, run on the bytes where they lie (api's parse-number.ts):
          // a value is good when it stops at its closing quote.
          const exponent = exponents[f] as number;
          const scanned = scanNumber(bytes, start, n, exponent, stop);
          if (bytes[stop[0] as number] === QUOTE && Number.isFinite(scanned)) {
            column[row] = scanned;
            pos = (stop[0] as number) + 1;
            continue;
          }
          q = closingQuote(bytes, start, false);
          if (q < 0) return null;
          const value = q === start ? Number.NaN : parseFormattedNumberBytes(bytes, start, q, exponent);
          if (Number.isFinite(value)) {
            column[row] = value;
          } else {
            column[row] = Number.NaN;
            issues.push({
              row,
              field: MEASUREMENT_FIELD_NAMES[f] as MeasurementField,
              value: seenText(bytes, start, q),
              reason: q === start ? 'empty' : Number.isNaN(value) ? 'not-a-number' : 'out-of-range',
            });
          }
          pos = q + 1;
        } else if (c === LOWER_N && startsWith(bytes, pos, NULL)) {
          column[row] = Number.NaN;
          issues.push({ row, field: MEASUREMENT_FIELD_NAMES[f] as MeasurementField, value: null, reason: 'null' });
          pos += 4;
        } else {
          return null;
        }
      }
      if (bytes[pos] !== CLOSE_BRACE) return null;
      pos++;
      row++;
      if (row === 1) {
        const estimate = Math.ceil(((n - pos) / (pos - recordStart)) * 1.1) + 2;
        if (estimate > capacity) grow(estimate);
      }
      const c = bytes[pos];
      pos++;
      if (c === COMMA) continue;
      if (c === CLOSE_BRACKET) break;
      return null;
    }
  }

  let page: Record<string, unknown> | null = null;
  if (wrapped) {
    // The rest of the page (Count, Pages, …) is small: JSON.parse checks it, so text the reference
    // path would reject is never accepted here. A second Measurements key would win in JSON.parse,
    // and escapes could spell one, so either sends the page to the reference path.
    const tail = text(bytes, pos, n);
    if (tail.includes('\\') || tail.includes('Measurements')) return null;
    try {
      page = JSON.parse(`{"Measurements":[]${tail}`) as Record<string, unknown>;
    } catch {
      return null;
    }
  } else if (pos !== n) {
    // Trailing whitespace after a bare array is still JSON.
    for (let i = pos; i < n; i++) {
      const c = bytes[i];
      if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return null;
    }
  }

  const length = row;
  const flatIds = decoder.decode(idBytes.subarray(0, idUsed));
  const ids = new Array<string>(length);
  for (let k = 0, from = 0; k < length; k++) {
    const to = idEnds[k] as number;
    ids[k] = flatIds.slice(from, to);
    from = to;
  }
  const columns = {} as Record<MeasurementField, Float64Array>;
  for (let f = 0; f < FIELD_COUNT; f++) {
    const column = cols[f];
    columns[MEASUREMENT_FIELD_NAMES[f] as MeasurementField] =
      column === undefined ? new Float64Array(0) : column.subarray(0, length);
  }
  return { series: { deviceId, length, time: time.subarray(0, length), ids, columns, issues }, page };
}

function sameBytes(bytes: Uint8Array, a: number, b: number, length: number): boolean {
  for (let k = 0; k < length; k++) if (bytes[a + k] !== bytes[b + k]) return false;
  return true;
}
