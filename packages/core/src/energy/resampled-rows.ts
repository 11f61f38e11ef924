import type { MeasurementField } from '../measurements/fields.js';
import { formatLocalIso } from '../time-zone/format-local-iso.js';
import type { ResampledSeries } from './resample.js';

/** One bucket as a plain row: its local start and end (ISO 8601 with offset) and a value per field. */
export type ResampledRow<F extends MeasurementField = MeasurementField> = {
  start: string;
  end: string;
  /** Share of the bucket's expected samples present, 0..1 (the result's `coverage`). */
  coverage: number;
} & Record<F, number | null>;

/**
 * The buckets of a {@link resample} result as plain rows, so `console.table(toRows(daily))` prints
 * a daily table. Times are local in `timeZone` (default 'UTC'), with their offset; values in full
 * precision, NaN (an empty bucket) as null.
 */
export function toRows<F extends MeasurementField>(
  resampled: ResampledSeries<F>,
  options: RowOptions = {},
): ResampledRow<F>[] {
  const timeZone = options.timeZone ?? 'UTC';
  const fields = Object.keys(resampled.columns) as F[];
  const rows: ResampledRow<F>[] = [];
  for (let k = 0; k < resampled.start.length; k++) {
    const row = {
      start: formatLocalIso(resampled.start[k] as number, timeZone),
      end: formatLocalIso(resampled.end[k] as number, timeZone),
      coverage: resampled.coverage[k] as number,
    } as ResampledRow<F>;
    for (const field of fields) {
      const value = resampled.columns[field][k] as number;
      (row as Record<string, number | null | string>)[field] = Number.isNaN(value) ? null : value;
    }
    rows.push(row);
  }
  return rows;
}

/** Options of {@link toRows} and {@link toCsv}. */
export interface RowOptions {
  /** Zone of the local times (default 'UTC'). */
  timeZone?: string;
}

/** The rows of {@link toRows} as CSV: a header `start,end,<fields>,coverage`, one line a bucket, empty for null. */
export function toCsv<F extends MeasurementField>(resampled: ResampledSeries<F>, options: RowOptions = {}): string {
  const fields = Object.keys(resampled.columns) as F[];
  const lines = [['start', 'end', ...fields, 'coverage'].join(',')];
  for (const row of toRows(resampled, options)) {
    const values = fields.map((f) => (row[f] === null ? '' : String(row[f])));
    lines.push([row.start, row.end, ...values, String(row.coverage)].join(','));
  }
  return `${lines.join('\n')}\n`;
}
