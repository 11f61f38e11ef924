import { parseFormattedNumberAt } from '@carbontrack/api';
import { MEASUREMENT_FIELD_NAMES, type MeasurementField } from './fields.js';
import { MeasurementParseError } from './measurement-parse-error.js';
import { type ParseMeasurementsOptions, resolveParseOptions } from './parse-options.js';
import { parseRecordDateTimeAt } from './parse-record-date-time.js';
import { describeValue } from './record-shape.js';
import { allocateColumns, type MeasurementSeries, type ParseIssue, type ParseIssueReason } from './series.js';

/** The records array of a page given as JSON text, a parsed page object or a bare array, and the page around it (null for a bare array). */
function pageOf(input: string | object): { records: unknown[]; page: Record<string, unknown> | null } {
  let page: unknown = input;
  if (typeof input === 'string') {
    try {
      page = JSON.parse(input);
    } catch (error) {
      throw new MeasurementParseError(
        `Measurement page is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
  }
  if (Array.isArray(page)) return { records: page, page: null };
  if (typeof page === 'object' && page !== null) {
    const measurements = (page as { Measurements?: unknown }).Measurements;
    if (Array.isArray(measurements)) return { records: measurements, page: page as Record<string, unknown> };
    throw new MeasurementParseError(
      `Measurement page has no Measurements array (got ${measurements === undefined ? 'no such property' : describeValue(measurements)})`,
    );
  }
  throw new MeasurementParseError(`Measurement page must be an object or an array, got ${describeValue(page)}`);
}

/** Why a non-string property value is unusable, or null when it is a string. */
function nonStringReason(record: object, key: string, value: unknown): ParseIssueReason | null {
  if (value === undefined || !Object.hasOwn(record, key)) return 'missing';
  if (value === null) return 'null';
  if (typeof value !== 'string') return 'not-a-string';
  return value.length === 0 ? 'empty' : null;
}

/**
 * Parses a measurement page the obvious way: `JSON.parse`, then {@link parseFormattedNumber} per value.
 * This is the specification the fast path is tested against, and the path taken for object input
 * and for any text the fast path does not recognise.
 * @throws MeasurementParseError when the input is not a page (not JSON, no Measurements array).
 */
export function parseMeasurementsReference(
  input: string | object,
  options?: ParseMeasurementsOptions,
): MeasurementSeries {
  return referencePage(input, options).series;
}

/** {@link parseMeasurementsReference} with the page object around the records. @internal */
export function referencePage(
  input: string | object,
  options?: ParseMeasurementsOptions,
): { series: MeasurementSeries; page: Record<string, unknown> | null } {
  const { emptyIsZero, exponents } = resolveParseOptions(options);
  const { records, page } = pageOf(input);
  const length = records.length;
  const time = new Float64Array(length);
  const ids: string[] = new Array<string>(length);
  const columns = allocateColumns(length);
  const issues: ParseIssue[] = [];
  let deviceId: string | null = null;

  for (let row = 0; row < length; row++) {
    const record: unknown = records[row];
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      ids[row] = '';
      time[row] = Number.NaN;
      for (const name of MEASUREMENT_FIELD_NAMES) columns[name][row] = Number.NaN;
      issues.push({ row, field: 'record', value: describeValue(record), reason: 'not-an-object' });
      continue;
    }
    const values = record as Record<string, unknown>;

    const id = values.ID;
    const idReason = nonStringReason(record, 'ID', id);
    ids[row] = typeof id === 'string' ? id : '';
    if (idReason !== null) issues.push({ row, field: 'ID', value: describeValue(id), reason: idReason });

    const device = values.DeviceID;
    const deviceReason = nonStringReason(record, 'DeviceID', device);
    if (deviceReason !== null) {
      issues.push({ row, field: 'DeviceID', value: describeValue(device), reason: deviceReason });
    } else if (deviceId === null) {
      deviceId = device as string;
    } else if (device !== deviceId) {
      issues.push({ row, field: 'DeviceID', value: device as string, reason: 'device-mismatch' });
    }

    const when = values.RecordDateTime;
    const whenReason = nonStringReason(record, 'RecordDateTime', when);
    if (whenReason !== null) {
      time[row] = Number.NaN;
      issues.push({ row, field: 'RecordDateTime', value: describeValue(when), reason: whenReason });
    } else {
      const text = when as string;
      const t = parseRecordDateTimeAt(text, 0, text.length);
      time[row] = t;
      if (Number.isNaN(t)) issues.push({ row, field: 'RecordDateTime', value: text, reason: 'invalid-date' });
    }

    for (let f = 0; f < MEASUREMENT_FIELD_NAMES.length; f++) {
      const name = MEASUREMENT_FIELD_NAMES[f] as MeasurementField;
      const value = values[name];
      const reason = nonStringReason(record, name, value);
      if (reason === 'empty' && emptyIsZero) {
        columns[name][row] = 0;
        continue;
      }
      if (reason !== null) {
        columns[name][row] = Number.NaN;
        issues.push({ row, field: name, value: describeValue(value), reason });
        continue;
      }
      const text = value as string;
      const parsed = parseFormattedNumberAt(text, 0, text.length, exponents[f]);
      if (Number.isFinite(parsed)) {
        columns[name][row] = parsed;
      } else {
        columns[name][row] = Number.NaN;
        issues.push({ row, field: name, value: text, reason: Number.isNaN(parsed) ? 'not-a-number' : 'out-of-range' });
      }
    }
  }
  return { series: { deviceId, length, time, ids, columns, issues }, page };
}
