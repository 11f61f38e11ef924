const DIGIT_0 = 48;
const DIGIT_9 = 57;
const MS_PER_MINUTE = 60_000;

function digitsAt(bytes: Uint8Array, at: number, count: number): number {
  let value = 0;
  for (let k = 0; k < count; k++) {
    const c = bytes[at + k] as number;
    if (c < DIGIT_0 || c > DIGIT_9) return -1;
    value = value * 10 + (c - DIGIT_0);
  }
  return value;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Epoch milliseconds of a UTC calendar time, or NaN when a part is out of range. Unlike `Date.UTC`,
 * years 0..99 are not shifted into the 1900s.
 * @internal
 */
export function utcFromParts(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  ms: number,
): number {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  if (hour > 23 || minute > 59 || second > 59) return Number.NaN;
  const t = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  if (year >= 100) return t;
  const d = new Date(t);
  d.setUTCFullYear(year);
  return d.getTime();
}

/**
 * Parses an ISO 8601 date-time in the ASCII bytes `bytes[start, end)` without allocating: `YYYY-MM-DDTHH:MM:SS`, an
 * optional fraction of a second (truncated to milliseconds, as `Date.parse` does) and an optional `Z`
 * or `±HH:MM` offset. A missing offset is read as UTC: the API documents UTC times, and reading them as
 * the machine's local time would make results depend on where the code runs. Invalid → NaN.
 * @internal
 */
export function parseRecordDateTimeBytes(bytes: Uint8Array, start: number, end: number): number {
  if (end - start < 19) return Number.NaN;
  const year = digitsAt(bytes, start, 4);
  const month = digitsAt(bytes, start + 5, 2);
  const day = digitsAt(bytes, start + 8, 2);
  const hour = digitsAt(bytes, start + 11, 2);
  const minute = digitsAt(bytes, start + 14, 2);
  const second = digitsAt(bytes, start + 17, 2);
  if (
    year < 0 ||
    month < 0 ||
    day < 0 ||
    hour < 0 ||
    minute < 0 ||
    second < 0 ||
    bytes[start + 4] !== 45 ||
    bytes[start + 7] !== 45 ||
    bytes[start + 10] !== 84 ||
    bytes[start + 13] !== 58 ||
    bytes[start + 16] !== 58
  ) {
    return Number.NaN;
  }
  let i = start + 19;
  let ms = 0;
  if (i < end && bytes[i] === 46) {
    i++;
    const fractionStart = i;
    let c = bytes[i] as number;
    while (i < end && c >= DIGIT_0 && c <= DIGIT_9) {
      if (i - fractionStart < 3) ms = ms * 10 + (c - DIGIT_0);
      c = bytes[++i] as number;
    }
    const fractionDigits = i - fractionStart;
    if (fractionDigits === 0) return Number.NaN;
    if (fractionDigits === 1) ms *= 100;
    else if (fractionDigits === 2) ms *= 10;
  }
  let offsetMinutes = 0;
  if (i < end) {
    const c = bytes[i] as number;
    if (c === 90 && i + 1 === end) {
      i++;
    } else if ((c === 43 || c === 45) && end - i === 6 && bytes[i + 3] === 58) {
      const oh = digitsAt(bytes, i + 1, 2);
      const om = digitsAt(bytes, i + 4, 2);
      if (oh < 0 || om < 0 || oh > 23 || om > 59) return Number.NaN;
      offsetMinutes = (c === 45 ? -1 : 1) * (oh * 60 + om);
      i = end;
    } else {
      return Number.NaN;
    }
  }
  if (i !== end) return Number.NaN;
  return utcFromParts(year, month, day, hour, minute, second, ms) - offsetMinutes * MS_PER_MINUTE;
}

// Scratch space for reading a date given as a string: dates are short, and ASCII or invalid.
const scratch = new Uint8Array(64);
const encoder = new TextEncoder();

/**
 * {@link parseRecordDateTimeBytes} for `text[start, end)`: the characters are copied as UTF-8
 * into a scratch buffer (any non-ASCII character makes the date invalid either way).
 * @internal
 */
export function parseRecordDateTimeAt(text: string, start: number, end: number): number {
  const part = text.slice(start, end);
  // 21 UTF-16 units are at most 63 UTF-8 bytes: the scratch buffer always holds them.
  if (part.length > 21) {
    const bytes = encoder.encode(part);
    return parseRecordDateTimeBytes(bytes, 0, bytes.length);
  }
  const { written } = encoder.encodeInto(part, scratch);
  return parseRecordDateTimeBytes(scratch, 0, written);
}

/**
 * Parses a measurement `RecordDateTime` such as "2019-05-16T06:55:00Z" to epoch milliseconds.
 * Accepts fractional seconds and `±HH:MM` offsets; a time without offset is read as UTC.
 * Anything else (including non-strings) gives NaN; it never throws.
 */
export function parseRecordDateTime(s: unknown): number {
  if (typeof s !== 'string') return Number.NaN;
  return parseRecordDateTimeAt(s, 0, s.length);
}
