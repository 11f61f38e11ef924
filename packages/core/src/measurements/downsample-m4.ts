/** Options of {@link downsampleM4}. */
export interface DownsampleM4Options {
  /** Start of the visible range, epoch ms; earlier points are dropped. */
  from: number;
  /** End of the visible range, epoch ms (inclusive); later points are dropped. */
  to: number;
  /** Number of pixel columns the range is drawn into (a positive integer). */
  pixels: number;
}

/** Points kept by {@link downsampleM4}, in time order. */
export interface DownsampledPoints {
  /** Point times, epoch ms, ascending. */
  time: Float64Array;
  /** Point values; NaN marks a gap in the line. */
  values: Float64Array;
}

/**
 * M4 downsampling for line charts: per pixel column keeps the first, last, minimum and maximum point,
 * which draws the same pixels as all the points, so drawing cost follows the width, not the row count.
 * A column containing NaN values (or rows with NaN time are skipped) keeps its first NaN point, so
 * gaps in the data stay gaps in the line, once per column.
 * @param time Sample times, epoch ms, ascending (NaN times are skipped).
 * @param values Sample values, same length as `time`.
 * @throws RangeError for unsorted times, mismatched lengths or bad options.
 */
export function downsampleM4(
  time: Float64Array,
  values: Float64Array,
  { from, to, pixels }: DownsampleM4Options,
): DownsampledPoints {
  if (time.length !== values.length) {
    throw new RangeError(`time and values differ in length (${time.length} and ${values.length})`);
  }
  if (!Number.isFinite(from) || !Number.isFinite(to) || !(to > from)) {
    throw new RangeError(`from and to must be finite with from < to, got ${from} and ${to}`);
  }
  if (!Number.isInteger(pixels) || pixels < 1) throw new RangeError(`pixels must be a positive integer, got ${pixels}`);

  const scale = pixels / (to - from);
  const keptTime: number[] = [];
  const keptValues: number[] = [];
  let column = -1;
  let first = -1;
  let last = -1;
  let min = -1;
  let max = -1;
  let gap = -1;
  let previousTime = Number.NEGATIVE_INFINITY;

  const flush = (): void => {
    const picks = [first, last, min, max, gap].filter((row) => row >= 0).sort((a, b) => a - b);
    let previous = -1;
    for (const row of picks) {
      if (row === previous) continue;
      keptTime.push(time[row] as number);
      keptValues.push(values[row] as number);
      previous = row;
    }
    first = last = min = max = gap = -1;
  };

  for (let row = 0; row < time.length; row++) {
    const t = time[row] as number;
    if (Number.isNaN(t)) continue;
    if (t < previousTime) throw new RangeError(`time is not sorted ascending at row ${row}`);
    previousTime = t;
    if (t < from || t > to) continue;
    const c = Math.min(pixels - 1, Math.floor((t - from) * scale));
    if (c !== column) {
      flush();
      column = c;
    }
    const v = values[row] as number;
    if (Number.isNaN(v)) {
      if (gap < 0) gap = row;
      continue;
    }
    if (first < 0) first = row;
    last = row;
    if (min < 0 || v < (values[min] as number)) min = row;
    if (max < 0 || v > (values[max] as number)) max = row;
  }
  flush();
  return { time: Float64Array.from(keptTime), values: Float64Array.from(keptValues) };
}
