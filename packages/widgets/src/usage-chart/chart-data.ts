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
  let rows: number[];
  if (end - start <= pixels * 4 || !(to > from)) {
    rows = Array.from({ length: end - start }, (_, i) => start + i);
  } else {
    const picked = new Set<number>();
    const width = Math.max(1, Math.round(pixels));
    for (const column of columns) {
      const kept = downsampleM4(time, column, { from, to, pixels: width });
      let at = start;
      for (const t of kept.time) {
        at = lowerBound(time, t, at);
        picked.add(at);
      }
    }
    rows = [...picked].sort((a, b) => a - b);
  }
  const t = rows.map((r) => time[r] as number);
  const out = columns.map((column) =>
    rows.map((r) => {
      const v = column[r] as number;
      return Number.isNaN(v) ? null : v;
    }),
  );
  return { time: t, columns: out };
}
