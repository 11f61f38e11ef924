import { downsampleM4 } from '@carbontrack/core/energy';

/** Columns sharing one time axis, as uPlot draws them (null marks a gap). */
export interface ChartColumns {
  time: number[];
  columns: (number | null)[][];
}

/** Index of the first element of a sorted array that is >= `value`. */
function lowerBound(sorted: Float64Array, value: number, start = 0): number {
  let lo = start;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The rows of several columns to draw in [from, to] at `pixels` columns: every row when they fit,
 * else the union of core's M4 picks of each column (first, last, min, max per pixel column), so
 * every series draws the same pixels as with all rows and uPlot still gets one shared time axis.
 */
export function chartColumns(
  time: Float64Array,
  columns: readonly Float64Array[],
  from: number,
  to: number,
  pixels: number,
): ChartColumns {
  const start = lowerBound(time, from);
  const end = lowerBound(time, to + 1e-9 /* inclusive end */, start);
  const span = end - start;
  let rows: Int32Array;
  if (span <= pixels * 4 || !(to > from)) {
    rows = new Int32Array(span);
    for (let i = 0; i < span; i++) rows[i] = start + i;
  } else {
    // Mark the rows core's M4 keeps for any column; kept times are ascending, so one moving
    // pointer per column finds their rows (no search, no set, no sort).
    const keep = new Uint8Array(span);
    const width = Math.max(1, Math.round(pixels));
    for (const column of columns) {
      const kept = downsampleM4(time, column, { from, to, pixels: width }).time;
      let at = start;
      for (let k = 0; k < kept.length; k++) {
        const t = kept[k] as number;
        while (at < end && (time[at] as number) < t) at++;
        keep[at - start] = 1;
      }
    }
    let count = 0;
    for (let i = 0; i < span; i++) count += keep[i] as number;
    rows = new Int32Array(count);
    for (let i = 0, j = 0; i < span; i++) if (keep[i]) rows[j++] = start + i;
  }
  const n = rows.length;
  const t: number[] = new Array(n);
  for (let i = 0; i < n; i++) t[i] = time[rows[i] as number] as number;
  const out: (number | null)[][] = [];
  for (const column of columns) {
    const values: (number | null)[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const v = column[rows[i] as number] as number;
      values[i] = Number.isNaN(v) ? null : v;
    }
    out.push(values);
  }
  return { time: t, columns: out };
}
