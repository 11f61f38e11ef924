import uPlot from 'uplot';

/** A segment between pixel columns at least this many times as tall as it is wide is "steep". */
const STEEP = 30;

/**
 * uPlot's linear path for dense series, drawn faster. With pixel-aligned x, every point of one
 * pixel column lands on the same x, so the line runs up and down each column (M4 keeps first, min,
 * max and last there), and Chromium's software rasteriser takes 50-100 ms to stroke a year of that
 * at 1.5 px. Here each column's vertical run is filled as one rectangle of the line width (the area
 * those strokes cover), a steep segment into a column (at least STEEP times as tall as wide, i.e.
 * nearly vertical over one pixel) extends that rectangle instead of being stroked, and only the
 * remaining, flatter segments are stroked. Sparse data (fewer points than pixel columns) is drawn
 * by uPlot's own linear path. A null is a gap, as there.
 */
export function columnLines(color: string): uPlot.Series.PathBuilder {
  const linear = uPlot.paths.linear?.() as uPlot.Series.PathBuilder;
  return (u, seriesIdx, idx0, idx1) => {
    const ys = u.data[seriesIdx];
    if (!ys || idx1 - idx0 + 1 < u.bbox.width) return linear(u, seriesIdx, idx0, idx1);
    const series = u.series[seriesIdx];
    const half = ((series?.width ?? 1) * uPlot.pxRatio) / 2;
    const pixelX = columnXs(u, idx0, idx1);
    const toY = position(u, series?.scale ?? 'y', u.bbox.top, u.bbox.height, true);
    const stroke = new Path2D();
    const fill = new Path2D();
    let column = Number.NaN;
    let last = 0;
    let top = 0;
    let bottom = 0;
    // Where the stroke path's pen is, to continue a polyline (with its joins) rather than restart.
    let penX = Number.NaN;
    let penY = Number.NaN;
    const flush = () => {
      if (!Number.isNaN(column) && top !== bottom)
        fill.rect(column - half, top - half, 2 * half, bottom - top + 2 * half);
    };
    for (let i = idx0; i <= idx1; i++) {
      const v = ys[i];
      if (v === undefined) continue;
      if (v === null) {
        flush();
        column = penX = Number.NaN;
        continue;
      }
      const x = pixelX[i - idx0] as number;
      const y = Math.round(toY(v));
      if (x !== column) {
        flush();
        const joined = !Number.isNaN(column);
        const steep = joined && Math.abs(y - last) >= STEEP * Math.abs(x - column);
        top = bottom = y;
        if (steep) {
          // Nearly vertical over one pixel: part of this column's rectangle.
          if (last < top) top = last;
          else if (last > bottom) bottom = last;
        } else if (joined) {
          if (penX !== column || penY !== last) stroke.moveTo(column, last);
          stroke.lineTo(x, y);
          penX = x;
          penY = y;
        }
        column = x;
        last = y;
      } else {
        if (y < top) top = y;
        else if (y > bottom) bottom = y;
        last = y;
      }
    }
    flush();
    return { stroke, fill, _fill: color, clip: null, band: null, flags: 0 };
  };
}

// The x pixel of every row drawn, shared by the series of one draw (they have one x axis).
interface SharedXs {
  data: unknown;
  min: number;
  max: number;
  left: number;
  width: number;
  idx0: number;
  xs: Int32Array;
}
const sharedXs = new WeakMap<uPlot, SharedXs>();

function columnXs(u: uPlot, idx0: number, idx1: number): Int32Array {
  const scale = u.scales.x;
  const { left, width } = u.bbox;
  const min = scale?.min ?? 0;
  const max = scale?.max ?? 0;
  const s = sharedXs.get(u);
  if (s && s.data === u.data[0] && s.min === min && s.max === max && s.left === left && s.width === width) {
    if (s.idx0 === idx0 && s.xs.length === idx1 - idx0 + 1) return s.xs;
  }
  const toX = position(u, 'x', left, width, false);
  const data = u.data[0];
  const xs = new Int32Array(idx1 - idx0 + 1);
  for (let i = idx0; i <= idx1; i++) xs[i - idx0] = Math.round(toX(data[i] as number));
  sharedXs.set(u, { data, min, max, left, width, idx0, xs });
  return xs;
}

/**
 * `u.valToPos(value, key, true)` for a linear scale without the per-call lookups, computed the same
 * way (share of the range, then offset plus share of the plot size); uPlot's own for other scales.
 */
function position(u: uPlot, key: string, offset: number, size: number, vertical: boolean): (value: number) => number {
  const scale = u.scales[key];
  const min = scale?.min;
  const max = scale?.max;
  if (scale?.distr !== 1 || scale.dir !== 1 || scale.ori !== (vertical ? 1 : 0) || min == null || max == null) {
    return (value) => u.valToPos(value, key, true);
  }
  const range = max - min;
  return vertical
    ? (value) => offset + size * (1 - (value - min) / range)
    : (value) => offset + size * ((value - min) / range);
}
