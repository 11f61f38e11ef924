import type uPlot from 'uplot';

/** Share of a bucket's width the bars of all series take together (the rest is the gap). */
const GROUP_SHARE = 0.8;

/**
 * Bars of one series for calendar buckets, in slot `slot` of `slots` side by side within each
 * bucket: bucket `i` runs from `u.data[0][i]` to `ends()[i]`, so 23- and 25-hour days and months
 * of any length get their true widths. Stacked, a bar starts on top of the series listed in
 * `stackedOn` (their `u.data` indexes; negative values count as 0). Each bar is at least one
 * device pixel wide and a zero value draws nothing.
 */
export function bucketBars(
  slot: number,
  slots: number,
  ends: () => ArrayLike<number>,
  stackedOn: readonly number[] = [],
): uPlot.Series.PathBuilder {
  return (u, seriesIdx, idx0, idx1) => {
    const starts = u.data[0];
    const values = u.data[seriesIdx];
    const bucketEnds = ends();
    const fill = new Path2D();
    const scaleKey = u.series[seriesIdx]?.scale ?? 'y';
    for (let i = idx0; i <= idx1; i++) {
      const v = values?.[i];
      const start = starts[i];
      const end = bucketEnds[i];
      if (v === null || v === undefined || start === undefined || end === undefined || !Number.isFinite(v) || v === 0) {
        continue;
      }
      let base = 0;
      for (const j of stackedOn) {
        const below = u.data[j]?.[i];
        if (typeof below === 'number' && below > 0) base += below;
      }
      const x0 = u.valToPos(start, 'x', true);
      const x1 = u.valToPos(end, 'x', true);
      const group = (x1 - x0) * GROUP_SHARE;
      const width = Math.max(1, Math.floor(group / slots));
      const left = Math.round(x0 + (x1 - x0 - width * slots) / 2 + slot * width);
      const bottom = u.valToPos(base, scaleKey, true);
      const top = u.valToPos(base + v, scaleKey, true);
      const y = Math.round(Math.min(top, bottom));
      const height = Math.max(1, Math.round(Math.abs(bottom - top)));
      fill.rect(left, y, width, height);
    }
    return { stroke: fill, fill, clip: null, band: null, flags: 0 };
  };
}
