import { MEASUREMENT_FIELD_NAMES } from './fields.js';
import { selectRows } from './select-rows.js';
import type { MeasurementSeries, ParseIssue, ParseIssueReason } from './series.js';

/**
 * The records of `series` that belong to [fromMs, toMs), in time order, one per instant: what a
 * page should have held. Every repair is listed in `issues` (field `RecordDateTime`, the record's
 * time as its value, on the row of the record kept nearest to it):
 * - `outside-range`: a record outside [fromMs, toMs), dropped;
 * - `out-of-order`: a record that had to move to put the rest in order (the fewest such: those
 *   outside the longest run of records already in time order), moved into place;
 * - `duplicate-time`: a second record for an instant with the same values, dropped;
 * - `conflicting-duplicate`: a second record for an instant with other values, dropped (the first
 *   one sent is kept; the issue says the page contradicted itself).
 * Records with an invalid time (already an `invalid-date` issue) stay, after the others. Returns
 * `series` itself when nothing needed repair.
 */
export function orderInRange(series: MeasurementSeries, fromMs: number, toMs: number): MeasurementSeries {
  const { time, length } = series;
  // The usual page: every time in range and rising.
  let previous = Number.NEGATIVE_INFINITY;
  let clean = true;
  for (let row = 0; row < length; row++) {
    const t = time[row] as number;
    if (Number.isNaN(t)) continue;
    if (!(t >= fromMs && t < toMs && t > previous)) {
      clean = false;
      break;
    }
    previous = t;
  }
  if (clean) return series;

  const repairs: Array<{ source: number; reason: ParseIssueReason }> = [];
  const inRange: number[] = [];
  const invalid: number[] = [];
  for (let row = 0; row < length; row++) {
    const t = time[row] as number;
    if (Number.isNaN(t)) invalid.push(row);
    else if (t < fromMs || t >= toMs) repairs.push({ source: row, reason: 'outside-range' });
    else inRange.push(row);
  }
  const sent = [...inRange];
  // Array.prototype.sort is stable: records of one instant keep the order they were sent in.
  inRange.sort((a, b) => (time[a] as number) - (time[b] as number));
  const kept: number[] = [];
  for (const row of inRange) {
    const last = kept[kept.length - 1];
    if (last !== undefined && time[last] === time[row]) {
      repairs.push({ source: row, reason: sameValues(series, last, row) ? 'duplicate-time' : 'conflicting-duplicate' });
    } else {
      kept.push(row);
    }
  }
  // Which kept records were out of place (a dropped repeat is only a repeat).
  const keptSet = new Set(kept);
  const keptAsSent = sent.filter((row) => keptSet.has(row));
  const inOrder = longestInOrder(keptAsSent, time);
  for (const row of keptAsSent) if (!inOrder.has(row)) repairs.push({ source: row, reason: 'out-of-order' });
  const rows = [...kept, ...invalid];
  const out = selectRows(series, rows);
  const positionOf = new Map(rows.map((row, k) => [row, k]));
  const issues: ParseIssue[] = repairs.map(({ source, reason }) => ({
    row: positionOf.get(source) ?? nearestRow(out, time[source] as number),
    field: 'RecordDateTime',
    value: new Date(time[source] as number).toISOString(),
    reason,
  }));
  out.issues.push(...issues);
  out.issues.sort((a, b) => a.row - b.row);
  return out;
}

/** The rows of the longest subsequence of `rows` whose times never decrease (patience sorting, O(n log n)). */
function longestInOrder(rows: readonly number[], time: Float64Array): Set<number> {
  const tails: number[] = []; // index into rows of the last element of the best run of each length
  const before = new Int32Array(rows.length).fill(-1);
  for (let k = 0; k < rows.length; k++) {
    const t = time[rows[k] as number] as number;
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((time[rows[tails[mid] as number] as number] as number) <= t) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) before[k] = tails[lo - 1] as number;
    tails[lo] = k;
  }
  const kept = new Set<number>();
  for (let k = tails[tails.length - 1] ?? -1; k >= 0; k = before[k] as number) kept.add(rows[k] as number);
  return kept;
}

function sameValues(series: MeasurementSeries, a: number, b: number): boolean {
  for (const name of MEASUREMENT_FIELD_NAMES) {
    if (!Object.is(series.columns[name][a], series.columns[name][b])) return false;
  }
  return true;
}

/** The row of the kept record nearest in time (the one a dropped record sat beside). */
function nearestRow(series: MeasurementSeries, t: number): number {
  let lo = 0;
  let hi = series.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((series.time[mid] as number) < t) lo = mid + 1;
    else hi = mid;
  }
  return Math.max(0, Math.min(series.length - 1, lo));
}
