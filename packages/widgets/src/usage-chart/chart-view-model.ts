import type { MeasurementField, MeasurementSeries } from '@carbontrack/core';
import { type CalendarUnit, downsampleColumnsM4, resample } from '@carbontrack/core/energy';
import { type ChartColumns, plotColumn } from './chart-data.js';
import { type SeriesStats, seriesStats } from './chart-table.js';

/** The time range shown: the whole data range, or a zoomed part of it. */
export interface ChartView {
  /** Start, epoch ms. */
  from: number;
  /** End, epoch ms. */
  to: number;
}

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
}

const DAY_MS = 86_400_000;

/**
 * The energy bucket for a view of `spanMs`: hours up to two days, days up to about three months,
 * months beyond, so a bar chart has between a handful and a few dozen bars per series.
 */
export function energyUnit(spanMs: number): CalendarUnit {
  if (spanMs <= 2 * DAY_MS) return 'hour';
  if (spanMs <= 93 * DAY_MS) return 'day';
  return 'month';
}

/**
 * What to draw of `fields` of `series` in `view` at `pixels` columns. Power: the rows in the
 * view, reduced per pixel column (M4) when there are more than the width can show. Energy: kWh
 * per local calendar bucket of `timeZone` (core's `resample`), the buckets that overlap the view.
 */
export function chartModel(
  series: MeasurementSeries,
  fields: readonly MeasurementField[],
  mode: 'power' | 'energy',
  view: ChartView,
  pixels: number,
  timeZone: string,
): ChartModel {
  if (mode === 'power') {
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
    return {
      time: reduced.time,
      columns: reduced.columns.map((column, i) => plotColumn(column, reduced.gaps[i] === true)),
      mode,
      ends: new Float64Array(0),
      unit: null,
      stats,
    };
  }
  const unit = energyUnit(view.to - view.from);
  const buckets = resample(series, unit, { fields: [...fields], timeZone, aggregate: 'energy' });
  const keep: number[] = [];
  for (let i = 0; i < buckets.start.length; i++) {
    if ((buckets.end[i] as number) > view.from && (buckets.start[i] as number) < view.to) keep.push(i);
  }
  return {
    mode,
    unit,
    time: Float64Array.from(keep, (i) => buckets.start[i] as number),
    ends: Float64Array.from(keep, (i) => buckets.end[i] as number),
    columns: fields.map((field) => Float64Array.from(keep, (i) => buckets.columns[field][i] as number)),
    stats: seriesStats(series, fields, view),
  };
}

/** The x range to show: the view, widened to whole buckets in energy mode so no bar is cut. */
export function xRange(model: ChartModel | null, view: ChartView): [number, number] {
  if (!model || model.mode === 'power' || model.time.length === 0) return [view.from, view.to];
  return [Math.min(view.from, model.time[0] as number), Math.max(view.to, model.ends[model.ends.length - 1] as number)];
}
