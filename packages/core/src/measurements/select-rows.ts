import { MEASUREMENT_FIELD_NAMES } from './fields.js';
import { allocateColumns, type MeasurementSeries, type ParseIssue } from './series.js';

/**
 * A new series holding the given rows of `series`, in the order given. Issues of kept rows follow,
 * renumbered to their new rows; issues of dropped rows are dropped.
 * @param rows Row indices into `series`, each in `[0, series.length)`.
 * @throws RangeError when a row index is out of range or not an integer.
 */
export function selectRows(series: MeasurementSeries, rows: readonly number[]): MeasurementSeries {
  const length = rows.length;
  const time = new Float64Array(length);
  const ids: string[] = new Array<string>(length);
  const columns = allocateColumns(length);
  const newRowsOf = new Map<number, number[]>();
  for (let k = 0; k < length; k++) {
    const row = rows[k] as number;
    if (!Number.isInteger(row) || row < 0 || row >= series.length) {
      throw new RangeError(`selectRows: row ${row} is outside the series (length ${series.length})`);
    }
    time[k] = series.time[row] as number;
    ids[k] = series.ids[row] as string;
    const targets = newRowsOf.get(row);
    if (targets === undefined) newRowsOf.set(row, [k]);
    else targets.push(k);
  }
  for (const name of MEASUREMENT_FIELD_NAMES) {
    const source = series.columns[name];
    const target = columns[name];
    for (let k = 0; k < length; k++) target[k] = source[rows[k] as number] as number;
  }
  const issues: ParseIssue[] = [];
  for (const issue of series.issues) {
    const targets = newRowsOf.get(issue.row);
    if (targets !== undefined) for (const row of targets) issues.push({ ...issue, row });
  }
  issues.sort((a, b) => a.row - b.row);
  return { deviceId: series.deviceId, length, time, ids, columns, issues };
}
