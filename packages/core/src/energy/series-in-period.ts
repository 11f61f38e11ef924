import { selectRows } from '../measurements/select-rows.js';
import type { MeasurementSeries } from '../measurements/series.js';

/** The rows of `series` whose time falls in [from, to), or `series` itself when that is all of them. @internal */
export function seriesInPeriod(series: MeasurementSeries, period: { from: number; to: number }): MeasurementSeries {
  const rows: number[] = [];
  for (let row = 0; row < series.length; row++) {
    const t = series.time[row] as number;
    if (t >= period.from && t < period.to) rows.push(row);
  }
  return rows.length === series.length ? series : selectRows(series, rows);
}
