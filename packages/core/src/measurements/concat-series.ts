import { MEASUREMENT_FIELD_NAMES } from './fields.js';
import { allocateColumns, emptySeries, type MeasurementSeries, type ParseIssue } from './series.js';

/**
 * Joins series end to end, in the order given (no sorting, no de-duplication: see
 * {@link dedupeSeries}). Issue rows are shifted to the joined rows. The device is the first non-null
 * one; a part with a different device adds a `device-mismatch` issue on its first row.
 */
export function concatSeries(series: readonly MeasurementSeries[]): MeasurementSeries {
  if (series.length === 0) return emptySeries();
  let length = 0;
  for (const part of series) length += part.length;
  const time = new Float64Array(length);
  const ids: string[] = [];
  const columns = allocateColumns(length);
  const issues: ParseIssue[] = [];
  let deviceId: string | null = null;
  let offset = 0;
  for (const part of series) {
    time.set(part.time.subarray(0, part.length), offset);
    for (let row = 0; row < part.length; row++) ids.push(part.ids[row] as string);
    for (const name of MEASUREMENT_FIELD_NAMES) columns[name].set(part.columns[name].subarray(0, part.length), offset);
    if (part.deviceId !== null && deviceId !== null && part.deviceId !== deviceId && part.length > 0) {
      issues.push({ row: offset, field: 'DeviceID', value: part.deviceId, reason: 'device-mismatch' });
    }
    deviceId ??= part.deviceId;
    for (const issue of part.issues) issues.push({ ...issue, row: issue.row + offset });
    offset += part.length;
  }
  // A part's own issue on its first row precedes the mismatch issue added above; keep row order.
  issues.sort((a, b) => a.row - b.row);
  return { deviceId, length, time, ids, columns, issues };
}
