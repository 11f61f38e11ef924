import { selectRows } from './select-rows.js';
import type { MeasurementSeries } from './series.js';

/**
 * Drops every record whose ID appeared on an earlier row, keeping the first occurrence (pages or
 * windows that share an edge record repeat it). Records without an ID (`''`) are always kept, since
 * nothing proves they are repeats. Returns `series` itself when nothing is dropped.
 * @param seen IDs already taken, e.g. from the previous window; records with these IDs are dropped too.
 */
export function dedupeSeries(series: MeasurementSeries, seen: ReadonlySet<string> = new Set()): MeasurementSeries {
  const taken = new Set<string>();
  const keep: number[] = [];
  for (let row = 0; row < series.length; row++) {
    const id = series.ids[row] as string;
    if (id === '') {
      keep.push(row);
    } else if (!taken.has(id) && !seen.has(id)) {
      taken.add(id);
      keep.push(row);
    }
  }
  return keep.length === series.length ? series : selectRows(series, keep);
}
