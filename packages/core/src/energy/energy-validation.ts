import { isMeasurementField, type MeasurementField } from '../measurements/fields.js';
import type { MeasurementSeries } from '../measurements/series.js';

/** The gap bridged by default: three missed 5-minute samples. */
export const DEFAULT_MAX_GAP_MINUTES = 15;

/** Integration rule for power between two samples. */
export type IntegrationMethod = 'left' | 'trapezoid';

/** The column of `field`, or a RangeError naming the field. @internal */
export function columnOf(series: MeasurementSeries, field: string): Float64Array {
  if (!isMeasurementField(field)) throw new RangeError(`Unknown measurement field '${field}'`);
  return series.columns[field as MeasurementField];
}

/** `maxGapMinutes` in milliseconds, or a RangeError when it is not a positive number. @internal */
export function maxGapMs(maxGapMinutes: number | undefined): number {
  const minutes = maxGapMinutes ?? DEFAULT_MAX_GAP_MINUTES;
  if (typeof minutes !== 'number' || Number.isNaN(minutes) || minutes <= 0) {
    throw new RangeError(`maxGapMinutes must be a positive number of minutes, got ${String(minutes)}`);
  }
  return minutes * 60_000;
}

/** The integration method, or a RangeError for anything else. @internal */
export function integrationMethod(method: string | undefined): IntegrationMethod {
  const value = method ?? 'trapezoid';
  if (value !== 'left' && value !== 'trapezoid') {
    throw new RangeError(`method must be 'left' or 'trapezoid', got '${String(value)}'`);
  }
  return value;
}

/**
 * Throws a RangeError when the valid (non-NaN) times are not in ascending order: energy maths pairs
 * each sample with the next one, so unsorted input would silently give wrong totals.
 * @internal
 */
export function assertSortedTime(series: MeasurementSeries): void {
  const { time, length } = series;
  let previous = Number.NEGATIVE_INFINITY;
  let previousRow = -1;
  for (let row = 0; row < length; row++) {
    const t = time[row] as number;
    if (Number.isNaN(t)) continue;
    if (t < previous) {
      throw new RangeError(
        `Series time is not sorted ascending: row ${row} (${new Date(t).toISOString()}) is before row ${previousRow} (${new Date(previous).toISOString()}); sort or de-duplicate the series first`,
      );
    }
    previous = t;
    previousRow = row;
  }
}
