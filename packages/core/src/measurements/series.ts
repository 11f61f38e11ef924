import { MEASUREMENT_FIELD_NAMES, type MeasurementField } from './fields.js';

/** Why a value of a record could not be used. */
export type ParseIssueReason =
  /** The property is absent from the record. */
  | 'missing'
  /** The property is JSON `null`. */
  | 'null'
  /** The property is an empty string (a number field only with `emptyNumber: 'missing'`: by default "" is zero). */
  | 'empty'
  /** The property is a number, boolean, object or array where the API sends a string. */
  | 'not-a-string'
  /** A numeric field holds a string that is not a formatted number ("N/A", "1e3", …). */
  | 'not-a-number'
  /** A numeric field holds more digits than a finite number can (read as NaN, never Infinity). */
  | 'out-of-range'
  /** `RecordDateTime` holds a string that is not an ISO 8601 date-time. */
  | 'invalid-date'
  /** `DeviceID` differs from the series' device (the first record's). */
  | 'device-mismatch'
  /** The array element is not an object (field is `'record'`). */
  | 'not-an-object'
  /** The record's time is outside the range asked for: dropped. */
  | 'outside-range'
  /** The record came after a later one: moved into time order. */
  | 'out-of-order'
  /** A second record for the same instant with the same values: dropped. */
  | 'duplicate-time'
  /** A second record for the same instant with other values: dropped, the first one kept. */
  | 'conflicting-duplicate';

/** One unusable value found while parsing. */
export interface ParseIssue {
  /** Row index in the series (0-based). */
  row: number;
  /** Property name: `'ID'`, `'DeviceID'`, `'RecordDateTime'`, a {@link MeasurementField} or `'record'`. */
  field: string;
  /** The raw value as text: the string itself, JSON for non-strings, null when missing or null. */
  value: string | null;
  /** Why the value was rejected. */
  reason: ParseIssueReason;
}

/**
 * Measurements in columnar form: one Float64Array per numeric field, all of length `length`.
 * Unusable values are NaN and listed in `issues`.
 */
export interface MeasurementSeries {
  /** The 16-digit DeviceID of the records (the first valid one), or null when none had one. */
  deviceId: string | null;
  /** Number of records (rows). */
  length: number;
  /** RecordDateTime as epoch milliseconds (NaN when invalid). */
  time: Float64Array;
  /** Record IDs ('' when missing), used to drop duplicates at page or window edges. */
  ids: string[];
  /** One column per numeric field, values in the units given by `MEASUREMENT_FIELDS`. */
  columns: Record<MeasurementField, Float64Array>;
  /** Every value that could not be used, in row order. */
  issues: ParseIssue[];
}

/** Allocates one zero-filled column per measurement field. @internal */
export function allocateColumns(length: number): Record<MeasurementField, Float64Array> {
  const columns = {} as Record<MeasurementField, Float64Array>;
  for (const name of MEASUREMENT_FIELD_NAMES) columns[name] = new Float64Array(length);
  return columns;
}

/** A series with no records. */
export function emptySeries(deviceId: string | null = null): MeasurementSeries {
  return { deviceId, length: 0, time: new Float64Array(0), ids: [], columns: allocateColumns(0), issues: [] };
}
