import type uPlot from 'uplot';

/** Share of a bucket's width the bars of all series take together (the rest is the gap). */
const GROUP_SHARE = 0.8;

/**
 * Bars of series `k` of `n` for calendar buckets, side by side within each bucket: bucket `i` runs
 * from `u.data[0][i]` to `ends()[i]`, so 23- and 25-hour days and months of any length get their
 * true widths. Each bar is at least one device pixel wide and a zero value draws nothing.
 */
export function bucketBars(k: number, n: number, ends: () => ArrayLike<number>): uPlot.Series.PathBuilder {
  return (u, seriesIdx, idx0, idx1) => {
    const starts = u.data[0];
    const values = u.data[seriesIdx];
    const bucketEnds = ends();
    const fill = new Path2D();
    const scaleKey = u.series[seriesIdx]?.scale ?? 'y';
    const zero = u.valToPos(0, scaleKey, true);
    for (let i = idx0; i <= idx1; i++) {
      const v = values?.[i];
      const start = starts[i];
      const end = bucketEnds[i];
      if (v === null || v === undefined || start === undefined || end === undefined || !Number.isFinite(v) || v === 0) {
        continue;
      }
      const x0 = u.valToPos(start, 'x', true);
      const x1 = u.valToPos(end, 'x', true);
      const group = (x1 - x0) * GROUP_SHARE;
      const width = Math.max(1, Math.floor(group / n));
      const left = Math.round(x0 + (x1 - x0 - width * n) / 2 + k * width);
      const top = u.valToPos(v, scaleKey, true);
      const y = Math.round(Math.min(top, zero));
      const height = Math.max(1, Math.round(Math.abs(zero - top)));
      fill.rect(left, y, width, height);
    }
    return { stroke: fill, fill, clip: null, band: null, flags: 0 };
  };
}
