/**
 * Columns sharing one time axis, as uPlot draws them. A column without gaps is a Float64Array;
 * a column with gaps is an array where null marks a gap (typed arrays cannot hold null).
 */
export interface ChartColumns {
  time: Float64Array;
  columns: (Float64Array | (number | null)[])[];
}

/** Minimum, maximum, sum, count and latest of one column's values (NaN gaps skipped). */
export interface ColumnStats {
  min: number;
  max: number;
  sum: number;
  /** Values present. */
  count: number;
  /** The last value present (NaN when none). */
  latest: number;
}

const emptyStats = (): ColumnStats => ({
  min: Number.POSITIVE_INFINITY,
  max: Number.NEGATIVE_INFINITY,
  sum: 0,
  count: 0,
  latest: Number.NaN,
});

/** Index of the first element of a sorted array that is >= `value`. */
export function lowerBound(sorted: Float64Array, value: number, start = 0): number {
  let lo = start;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first element of a sorted array that is > `value`. */
function upperBound(sorted: Float64Array, value: number, start = 0): number {
  let lo = start;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The rows of several columns to draw in [from, to] (both inclusive) at `pixels` columns: every
 * row when they fit, else the union of each column's M4 picks (first, last, min, max and first
 * gap per pixel column, as core's `downsampleM4` picks them), so every series draws the same
 * pixels as with all rows and uPlot still gets one shared time axis.
 *
 * The pixel grid is shared: one pass over time finds where each pixel column starts, then each
 * series is scanned once per pixel column, with no per-series time arrays to merge afterwards.
 */
export function chartColumns(
  time: Float64Array,
  columns: readonly Float64Array[],
  from: number,
  to: number,
  pixels: number,
): ChartColumns & { stats: ColumnStats[] } {
  const start = lowerBound(time, from);
  const end = Math.max(start, upperBound(time, to, start));
  const span = end - start;
  let rows: Int32Array | null = null;
  // The statistics of every row in range come from the same pass that picks the rows to draw.
  const stats = columns.map(emptyStats);
  if (span > pixels * 4 && to > from) {
    const width = Math.max(1, Math.round(pixels));
    const keep = m4Rows(time, columns, start, end, from, to, width, stats);
    // At most five picks per pixel column and series: one pass, no count first.
    const picked = new Int32Array(Math.min(span, 5 * width * columns.length + 1));
    let j = 0;
    for (let i = 0; i < span; i++) if (keep[i]) picked[j++] = start + i;
    rows = picked.subarray(0, j);
  }
  const n = rows ? rows.length : span;
  const t = rows ? new Float64Array(n) : time.slice(start, end);
  if (rows) for (let i = 0; i < n; i++) t[i] = time[rows[i] as number] as number;
  const out: (Float64Array | (number | null)[])[] = [];
  columns.forEach((column, c) => {
    const values = rows ? new Float64Array(n) : column.slice(start, end);
    const st = stats[c] as ColumnStats;
    let gaps = false;
    for (let i = 0; i < n; i++) {
      const v = rows ? (column[rows[i] as number] as number) : (values[i] as number);
      if (rows) values[i] = v;
      if (Number.isNaN(v)) gaps = true;
      else if (!rows) {
        if (v < st.min) st.min = v;
        if (v > st.max) st.max = v;
        st.sum += v;
        st.count++;
        st.latest = v;
      }
    }
    out.push(gaps ? Array.from(values, (v) => (Number.isNaN(v) ? null : v)) : values);
  });
  return { time: t, columns: out, stats };
}

/**
 * Marks (relative to `start`) the rows core's M4 keeps for any of `columns` within rows
 * [start, end): per pixel column and series the first and last non-NaN row, the first row of the
 * minimum and of the maximum, and the first NaN row. Adds every value to `stats` on the way.
 */
function m4Rows(
  time: Float64Array,
  columns: readonly Float64Array[],
  start: number,
  end: number,
  from: number,
  to: number,
  pixels: number,
  stats: ColumnStats[],
): Uint8Array {
  const span = end - start;
  const keep = new Uint8Array(span);
  // Where each pixel column begins (rows are sorted, so columns only move forward); the same
  // formula as downsampleM4, so the grid matches it row for row.
  const scale = pixels / (to - from);
  const bounds = new Int32Array(Math.min(span, pixels) + 1);
  let segments = 0;
  let current = -1;
  for (let row = start; row < end; row++) {
    const c = Math.min(pixels - 1, Math.floor(((time[row] as number) - from) * scale));
    if (c !== current) {
      bounds[segments++] = row;
      current = c;
    }
  }
  bounds[segments] = end;
  columns.forEach((values, c) => {
    const st = stats[c] as ColumnStats;
    let sum = 0;
    let count = 0;
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    let latest = Number.NaN;
    for (let s = 0; s < segments; s++) {
      const b0 = bounds[s] as number;
      const b1 = bounds[s + 1] as number;
      let first = -1;
      let last = -1;
      let min = -1;
      let max = -1;
      let gap = -1;
      let minValue = 0;
      let maxValue = 0;
      for (let row = b0; row < b1; row++) {
        const v = values[row] as number;
        if (Number.isNaN(v)) {
          if (gap < 0) gap = row;
          continue;
        }
        sum += v;
        count++;
        if (first < 0) {
          first = min = max = row;
          minValue = maxValue = v;
        } else if (v < minValue) {
          min = row;
          minValue = v;
        } else if (v > maxValue) {
          max = row;
          maxValue = v;
        }
        last = row;
      }
      if (first >= 0) {
        keep[first - start] = 1;
        keep[last - start] = 1;
        keep[min - start] = 1;
        keep[max - start] = 1;
        if (minValue < lo) lo = minValue;
        if (maxValue > hi) hi = maxValue;
        latest = values[last] as number;
      }
      if (gap >= 0) keep[gap - start] = 1;
    }
    st.min = lo;
    st.max = hi;
    st.sum = sum;
    st.count = count;
    st.latest = latest;
  });
  return keep;
}
