import { ValidationError } from '../errors/carbon-track-error.js';

/** A point in time: a Date, epoch milliseconds, or an ISO 8601 string with a date. */
export type DateInput = Date | number | string;

const DEVICE_ID = /^\d{16}$/;

/** Throws a {@link ValidationError} naming `field` unless `value` is a 16-digit device ID. */
export function assertDeviceId(value: unknown, field = 'deviceId'): asserts value is string {
  if (typeof value !== 'string' || !DEVICE_ID.test(value)) {
    throw new ValidationError(`${field} must be a 16-digit device ID, got ${describe(value)}`, { field });
  }
}

/** Converts a date input to epoch ms; throws a {@link ValidationError} naming `field` when it is not a valid date. */
export function toEpochMs(value: unknown, field: string): number {
  let ms = Number.NaN;
  if (value instanceof Date) ms = value.getTime();
  else if (typeof value === 'number') ms = value;
  else if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) ms = Date.parse(value);
  if (!Number.isFinite(ms)) {
    throw new ValidationError(`${field} must be a valid date (Date, epoch ms or ISO 8601), got ${describe(value)}`, {
      field,
    });
  }
  return ms;
}

/** Checks `from <= to` for epoch-ms values, naming both fields on failure. */
export function assertRange(fromMs: number, toMs: number): void {
  if (fromMs > toMs) {
    throw new ValidationError(
      `from (${new Date(fromMs).toISOString()}) must not be after to (${new Date(toMs).toISOString()})`,
      { field: 'from' },
    );
  }
}

/** Throws a {@link ValidationError} naming `field` unless `value` is a whole number >= `min`. */
export function assertWholeNumber(value: unknown, field: string, min = 1): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new ValidationError(`${field} must be a whole number >= ${min}, got ${describe(value)}`, { field });
  }
}

/** Formats epoch ms the way the API documents dates: `2019-05-16T06:59:35Z` (milliseconds only when present). */
export function formatApiDate(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

// Quote strings so that an empty or blank value is visible in the message; cap long ones.
function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (value instanceof Date) return 'an invalid Date';
  return String(value);
}
