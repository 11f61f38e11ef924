/** Options of {@link downsampleM4} and {@link downsampleColumnsM4}. */
export interface DownsampleM4Options {
  /** Start of the visible range, epoch ms; earlier points are dropped. */
  from: number;
  /** End of the visible range, epoch ms (inclusive); later points are dropped. */
  to: number;
  /** Number of pixel columns the range is drawn into (a positive integer). */
  pixels: number;
  /**
   * Keep every row when the range holds at most this many per pixel column (default 0: always
   * reduce). Charts pass 4: M4 keeps up to four a column anyway, so reducing gains nothing there.
   */
  keepAllBelowPerPixel?: number | undefined;
}

/** Points kept by {@link downsampleM4}, in time order. */
export interface DownsampledPoints {
  /** Point times, epoch ms, ascending. */
  time: Float64Array;
  /** Point values; NaN marks a gap in the line. */
  values: Float64Array;
}

/** Minimum, maximum, sum, count and latest of one column over every row in range (gaps skipped). */
export interface ColumnStats {
  min: number;
  max: number;
  sum: number;
  /** Values present. */
  count: number;
  /** The last value present (NaN when none). */
  latest: number;
}

/** What {@link downsampleColumnsM4} keeps: rows on one shared time axis, and each column's statistics. */
export interface DownsampledColumns {
  /** Row times, epoch ms, ascending. */
  time: Float64Array;
  /** One array per input column, aligned with `time`; NaN marks a gap. */
  columns: Float64Array[];
  /** Whether each output column has a gap (NaN). */
  gaps: boolean[];
  /** Statistics of every row in range per column, not only of the rows kept. */
  stats: ColumnStats[];
}

/**
 * M4 downsampling of several columns on one time axis, for line charts: per pixel column and
 * column it keeps the first, last, minimum and maximum row and the first gap (NaN), which draws
 * the same pixels as all the rows, so drawing cost follows the width, not the row count. The rows
 * kept are the union over the columns, so they share one time axis. The pixel grid is found in
 * one pass over time, then each column is scanned once; the same scan gives each column's
 * statistics over the range. Rows with a NaN time are skipped.
 * @param time Sample times, epoch ms, ascending.
 * @param columns Sample values, each the length of `time`.
 * @throws RangeError for unsorted times, mismatched lengths or bad options.
 */
export function downsampleColumnsM4(
  time: Float64Array,
  columns: readonly Float64Array[],
  { from, to, pixels, keepAllBelowPerPixel = 0 }: DownsampleM4Options,
): DownsampledColumns {
  for (const values of columns) {
    if (values.length !== time.length) {
      throw new RangeError(`time and values differ in length (${time.length} and ${values.length})`);
    }
  }
  if (!Number.isFinite(from) || !Number.isFinite(to) || !(to > from)) {
    throw new RangeError(`from and to must be finite with from < to, got ${from} and ${to}`);
  }
  if (!Number.isInteger(pixels) || pixels < 1) throw new RangeError(`pixels must be a positive integer, got ${pixels}`);

  // Check the order in one pass; rows with a NaN time are dropped (copies only when there are any).
  let nanTimes = 0;
  let previous = Number.NEGATIVE_INFINITY;
  for (let row = 0; row < time.length; row++) {
    const t = time[row] as number;
    // One comparison per row in the usual case (sorted, no NaN).
    if (t >= previous) previous = t;
    else if (Number.isNaN(t)) nanTimes++;
    else throw new RangeError(`time is not sorted ascending at row ${row}`);
  }
  let times = time;
  let cols = columns;
  if (nanTimes > 0) {
    const rows = Int32Array.from({ length: time.length - nanTimes });
    for (let row = 0, j = 0; row < time.length; row++) if (!Number.isNaN(time[row] as number)) rows[j++] = row;
    times = Float64Array.from(rows, (row) => time[row] as number);
    cols = columns.map((values) => Float64Array.from(rows, (row) => values[row] as number));
  }
  const start = firstAtOrAfter(times, from);
  const end = Math.max(start, firstAtOrAfter(times, to, true));
  const stats = cols.map(
    (): ColumnStats => ({
      min: Number.POSITIVE_INFINITY,
      max: Number.NEGATIVE_INFINITY,
      sum: 0,
      count: 0,
      latest: Number.NaN,
    }),
  );
  const kept =
    end - start <= keepAllBelowPerPixel * pixels
      ? allRows(cols, start, end, stats)
      : m4Rows(times, cols, start, end, from, to, pixels, stats);
  const outTime = new Float64Array(kept.length);
  for (let i = 0; i < kept.length; i++) outTime[i] = times[kept[i] as number] as number;
  const gaps: boolean[] = [];
  const out = cols.map((values) => {
    const column = new Float64Array(kept.length);
    let gap = false;
    for (let i = 0; i < kept.length; i++) {
      const v = values[kept[i] as number] as number;
      column[i] = v;
      if (Number.isNaN(v)) gap = true;
    }
    gaps.push(gap);
    return column;
  });
  return { time: outTime, columns: out, gaps, stats };
}

/** Index of the first time >= `value` (or > `value` when `after`), by binary search. */
function firstAtOrAfter(sorted: Float64Array, value: number, after = false): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const t = sorted[mid] as number;
    if (t < value || (after && t === value)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Every row in [start, end), adding each value to `stats`. */
function allRows(columns: readonly Float64Array[], start: number, end: number, stats: ColumnStats[]): Int32Array {
  columns.forEach((values, c) => {
    const st = stats[c] as ColumnStats;
    for (let row = start; row < end; row++) {
      const v = values[row] as number;
      if (Number.isNaN(v)) continue;
      if (v < st.min) st.min = v;
      if (v > st.max) st.max = v;
      st.sum += v;
      st.count++;
      st.latest = v;
    }
  });
  const rows = new Int32Array(end - start);
  for (let i = 0; i < rows.length; i++) rows[i] = start + i;
  return rows;
}

/** The rows in [start, end) M4 keeps for any column, ascending, adding every value to `stats`. */
function m4Rows(
  time: Float64Array,
  columns: readonly Float64Array[],
  start: number,
  end: number,
  from: number,
  to: number,
  pixels: number,
  stats: ColumnStats[],
): Int32Array {
  const n = end - start;
  const keep = new Uint8Array(n);
  // Where each pixel column begins: column(row) = floor((t - from) * scale) only grows with the
  // row, so each non-empty column's first row is found by galloping then bisecting from the last
  // one, about log2(rows per column) steps per column instead of one division per row.
  const scale = pixels / (to - from);
  const columnOf = (row: number) => Math.min(pixels - 1, Math.floor(((time[row] as number) - from) * scale));
  const bounds = new Int32Array(Math.min(n, pixels) + 1);
  let segments = 0;
  for (let row = start; row < end; ) {
    bounds[segments++] = row;
    const c = columnOf(row);
    // The first row after `row` in a later column.
    let step = 1;
    let lo = row + 1;
    let hi = row + 1;
    while (hi < end && columnOf(hi) === c) {
      lo = hi + 1;
      hi = Math.min(end, hi + step);
      step *= 2;
    }
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (columnOf(mid) === c) lo = mid + 1;
      else hi = mid;
    }
    row = lo;
  }
  bounds[segments] = end;
  columns.forEach((values, c) => {
    let sum = 0;
    let count = 0;
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    let latest = Number.NaN;
    for (let s = 0; s < segments; s++) {
      const b1 = bounds[s + 1] as number;
      let first = -1;
      let last = -1;
      let min = -1;
      let max = -1;
      let gap = -1;
      let minValue = 0;
      let maxValue = 0;
      for (let row = bounds[s] as number; row < b1; row++) {
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
    const st = stats[c] as ColumnStats;
    st.min = lo;
    st.max = hi;
    st.sum = sum;
    st.count = count;
    st.latest = latest;
  });
  // At most five picks per pixel column and column: one pass, no count first.
  const picked = new Int32Array(Math.min(n, 5 * pixels * columns.length + 1));
  let j = 0;
  for (let i = 0; i < n; i++) if (keep[i]) picked[j++] = start + i;
  return picked.subarray(0, j);
}

/**
 * M4 downsampling of one column (see {@link downsampleColumnsM4}): per pixel column the first,
 * last, minimum and maximum point, and the first NaN point as a gap.
 * @param time Sample times, epoch ms, ascending (NaN times are skipped).
 * @param values Sample values, same length as `time`.
 * @throws RangeError for unsorted times, mismatched lengths or bad options.
 */
export function downsampleM4(
  time: Float64Array,
  values: Float64Array,
  options: DownsampleM4Options,
): DownsampledPoints {
  const out = downsampleColumnsM4(time, [values], options);
  return { time: out.time, values: out.columns[0] as Float64Array };
}
