import { MEASUREMENT_FIELD_NAMES, type MeasurementField } from './fields.js';
import type { MeasurementSeries } from './series.js';

/** Input of {@link createSeries}. */
export interface CreateSeriesInput {
  /** Sample times, epoch ms; defines the length. */
  time: ArrayLike<number>;
  /** Values of some fields (same length as `time`); every other field is all NaN. */
  columns?: Partial<Record<MeasurementField, ArrayLike<number>>>;
  /** Record IDs (default: all ''). */
  ids?: readonly string[];
  /** DeviceID of the series (default null). */
  deviceId?: string | null;
}

/**
 * Builds a series from plain arrays, for computed data, tests and demos (the parsers build their own).
 * @throws RangeError when a column or `ids` differs in length from `time`.
 */
export function createSeries({ time, columns = {}, ids, deviceId = null }: CreateSeriesInput): MeasurementSeries {
  const length = time.length;
  if (ids !== undefined && ids.length !== length) {
    throw new RangeError(`ids has ${ids.length} entries, time has ${length}`);
  }
  const out = {} as Record<MeasurementField, Float64Array>;
  for (const name of MEASUREMENT_FIELD_NAMES) {
    const source = columns[name];
    if (source !== undefined && source.length !== length) {
      throw new RangeError(`column ${name} has ${source.length} values, time has ${length}`);
    }
    out[name] = source === undefined ? new Float64Array(length).fill(Number.NaN) : Float64Array.from(source);
  }
  return {
    deviceId,
    length,
    time: Float64Array.from(time),
    ids: ids === undefined ? new Array<string>(length).fill('') : [...ids],
    columns: out,
    issues: [],
  };
}
