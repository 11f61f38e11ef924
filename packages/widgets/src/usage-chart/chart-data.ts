/**
 * Columns sharing one time axis, as uPlot draws them. A column without gaps is a Float64Array;
 * a column with gaps is an array where null marks a gap (typed arrays cannot hold null).
 */
export interface ChartColumns {
  time: Float64Array;
  columns: (Float64Array | (number | null)[])[];
}

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

/** A column as uPlot draws it: as it is without gaps, with nulls for NaN otherwise. */
export function plotColumn(values: Float64Array, hasGaps: boolean): Float64Array | (number | null)[] {
  return hasGaps ? Array.from(values, (v) => (Number.isNaN(v) ? null : v)) : values;
}

/**
 * A column as it goes to uPlot: every NaN (an empty bucket, an earlier period with no data) as
 * null. uPlot takes a NaN for a number: a leading one becomes the y scale's minimum, and then
 * nothing is drawn at all.
 */
export function uplotColumn(values: Float64Array | (number | null)[]): Float64Array | (number | null)[] {
  return values instanceof Float64Array && values.some(Number.isNaN) ? plotColumn(values, true) : values;
}
