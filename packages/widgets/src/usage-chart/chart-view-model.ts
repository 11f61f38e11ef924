import type { MeasurementField, MeasurementSeries } from '@carbontrack/core';
import { downsampleColumnsM4 } from '@carbontrack/core/downsample';
import type { CalendarUnit } from '@carbontrack/core/energy';
import { type ChartColumns, lowerBound, plotColumn } from './chart-data.js';
import type { SeriesStats } from './chart-table.js';
import type { ChartView } from './chart-view.js';
import type { PlotSeries } from './plot-series.js';

export type { ChartView };

/** What the plot draws: columns on one time axis, and for energy bars where each bucket ends. */
export interface ChartModel extends ChartColumns {
  /** `power` lines or `energy` bars. */
  mode: 'power' | 'energy';
  /** End of each bucket (energy mode), epoch ms; empty in power mode. */
  ends: Float64Array;
  /** The calendar unit of the energy buckets, null in power mode. */
  unit: CalendarUnit | null;
  /** Each field's power statistics over every row in the view (for the table). */
  stats: SeriesStats[];
  /** The series drawn, one per column. */
  series: readonly PlotSeries[];
  /** Bars of the circuits (and the untracked remainder) stacked, not side by side. */
  stacked: boolean;
  /** The top of the highest stack, kWh (stacked bars only; uPlot sees each series alone). */
  stackMax: number | null;
}

/** The earlier period a chart is compared with, and how far its times move to line up. */
export interface EarlierPeriod {
  series: MeasurementSeries;
  /** Added to its times to put them on this period's axis, ms. */
  shiftMs: number;
}

/**
 * What to draw in power mode of `series` in `view` at `pixels` columns: the rows in the view,
 * reduced per pixel column (M4) when there are more than the width can show, and for each
 * `compare` series the earlier period's reading nearest each of those instants (moved by its
 * shift), none where it has no reading within a pixel or ten minutes.
 */
export function powerModel(
  series: MeasurementSeries,
  plotSeries: readonly PlotSeries[],
  view: ChartView,
  pixels: number,
  earlier: EarlierPeriod | null,
): ChartModel {
  const fields = plotSeries.filter((p) => p.role === 'field').map((p) => p.field as MeasurementField);
  // Core's M4 reducer: every row when the view holds at most four a pixel, else each pixel
  // column's picks; the table's statistics come from the same pass.
  const reduced = downsampleColumnsM4(
    series.time,
    fields.map((field) => series.columns[field]),
    { from: view.from, to: view.to, pixels: Math.max(1, Math.round(pixels)), keepAllBelowPerPixel: 4 },
  );
  const stats = reduced.stats.map((st, i) => ({
    field: fields[i] as MeasurementField,
    min: st.min,
    max: st.max,
    mean: st.count ? st.sum / st.count : Number.NaN,
    latest: st.latest,
    count: st.count,
  }));
  const tolerance = Math.max(10 * 60_000, (view.to - view.from) / Math.max(1, pixels));
  const columns = plotSeries.map((p) => {
    if (p.role === 'field') {
      const i = fields.indexOf(p.field as MeasurementField);
      return plotColumn(reduced.columns[i] as Float64Array, reduced.gaps[i] === true);
    }
    return earlier ? nearestReadings(earlier, p.field as MeasurementField, reduced.time, tolerance) : [];
  });
  return {
    time: reduced.time,
    columns,
    mode: 'power',
    ends: new Float64Array(0),
    unit: null,
    stats,
    series: plotSeries,
    stacked: false,
    stackMax: null,
  };
}

/** The earlier period's `field` at each instant of `at` (its own times moved by the shift), null where it has none near. */
function nearestReadings(
  earlier: EarlierPeriod,
  field: MeasurementField,
  at: Float64Array,
  tolerance: number,
): (number | null)[] {
  const { time } = earlier.series;
  const values = earlier.series.columns[field];
  return Array.from(at, (t) => {
    const target = t - earlier.shiftMs;
    const j = lowerBound(time, target);
    let best = -1;
    for (const k of [j - 1, j]) {
      if (k < 0 || k >= time.length || Number.isNaN(values[k] as number)) continue;
      if (best < 0 || Math.abs((time[k] as number) - target) < Math.abs((time[best] as number) - target)) best = k;
    }
    return best >= 0 && Math.abs((time[best] as number) - target) <= tolerance ? (values[best] as number) : null;
  });
}

/** The x range to show: the view, widened to whole buckets in energy mode so no bar is cut. */
export function xRange(model: ChartModel | null, view: ChartView): [number, number] {
  if (!model || model.mode === 'power' || model.time.length === 0) return [view.from, view.to];
  return [Math.min(view.from, model.time[0] as number), Math.max(view.to, model.ends[model.ends.length - 1] as number)];
}
