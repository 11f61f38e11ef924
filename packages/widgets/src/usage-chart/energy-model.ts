// The energy maths of <ct-usage-chart>, loaded on first use (a chunk of its own in ct-widgets.js):
// kWh bars per local calendar bucket, circuits stacked with their remainder, and the earlier
// period's bars. A power chart never downloads it.
// It imports the energy maths and types only: what it shares with the script is then only what
// the maths needs, and the script stays one file.
import type { MeasurementField, MeasurementSeries } from '@carbontrack/core';
import { type CalendarUnit, type ComparisonKind, circuits, resample, shiftLocalTime } from '@carbontrack/core/energy';
import type { SeriesStats } from './chart-table.js';
import type { ChartView } from './chart-view.js';
import type { ChartModel } from './chart-view-model.js';
import type { PlotSeries } from './plot-series.js';

/** The earlier period's readings, for `compare` bars: the earlier series and this one, joined in time order. */
export interface EarlierReadings {
  both: MeasurementSeries;
  kind: ComparisonKind;
  /** How far the earlier period lies before this one, ms (for 'previous': the range's length). */
  shiftMs: number;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const UNIT_MS: Record<CalendarUnit, number> = { hour: HOUR_MS, day: DAY_MS, month: (365.25 / 12) * DAY_MS };

/** `t` moved by `steps` buckets of `unit` on the local calendar (days and months by wall time). */
function shiftBuckets(t: number, unit: CalendarUnit, steps: number, timeZone: string): number {
  if (unit === 'hour') return t + steps * HOUR_MS;
  return shiftLocalTime(t, unit === 'day' ? { days: steps } : { months: steps }, timeZone);
}

/**
 * The earlier twin of each bucket for 'previous': the bucket as many whole units back as the
 * range is long (7 days for '7d', 24 hours for '24h', 12 months for '1y'), which is where the
 * fetched earlier range lies. (Core's "as many buckets just before" would count the view's part
 * buckets at both ends and compare each bar with one a bucket further back.)
 */
function previousBuckets(
  both: MeasurementSeries,
  unit: CalendarUnit,
  fields: MeasurementField[],
  timeZone: string,
  period: { from: number; to: number },
  shiftMs: number,
  count: number,
): Record<string, Float64Array> {
  const steps = -Math.max(1, Math.round(shiftMs / UNIT_MS[unit]));
  const back = resample(both, unit, {
    fields,
    timeZone,
    period: {
      from: shiftBuckets(period.from, unit, steps, timeZone),
      to: shiftBuckets(period.to, unit, steps, timeZone),
    },
  });
  const out: Record<string, Float64Array> = {};
  for (const field of fields) {
    const column = back.columns[field];
    // A bucket with no data then is NaN (drawn as no bar), never a zero that looks like a reading.
    out[field] = Float64Array.from({ length: count }, (_, k) =>
      k < column.length && (back.coverage[k] as number) > 0 ? (column[k] as number) : Number.NaN,
    );
  }
  return out;
}

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
 * What to draw in energy mode: kWh per local calendar bucket of `timeZone` (core's `resample`),
 * the buckets that overlap the view. Stacked, the four circuits and the untracked remainder
 * (core's `circuits`, per bucket); with `earlier`, each `compare` series is the matching earlier
 * bucket (a range's length before, or the same one a year earlier), NaN where that period has no data.
 * `stats` is the table's statistics, worked out by the caller.
 */
export function energyModel(
  series: MeasurementSeries,
  plotSeries: readonly PlotSeries[],
  view: ChartView,
  timeZone: string,
  earlier: EarlierReadings | null,
  circuitLabels: readonly string[],
  stats: SeriesStats[],
): ChartModel {
  const unit = energyUnit(view.to - view.from);
  const stacked = plotSeries.some((p) => p.role === 'circuit');
  const fields = [
    ...new Set(
      plotSeries
        .filter((p) => p.role === 'field' || p.role === 'compare')
        .map((p) => p.field as MeasurementField)
        .concat(stacked ? ['PowerUsage'] : []),
    ),
  ];
  const all = resample(series, unit, { fields, timeZone, aggregate: 'energy' });
  const keep: number[] = [];
  for (let i = 0; i < all.start.length; i++) {
    if ((all.end[i] as number) > view.from && (all.start[i] as number) < view.to) keep.push(i);
  }
  const first = keep[0];
  const last = keep[keep.length - 1];
  const picked = (column: ArrayLike<number>) => Float64Array.from(keep, (i) => column[i] as number);

  let comparison: Record<string, Float64Array> | null = null;
  if (earlier && first !== undefined && last !== undefined) {
    const both = earlier.both;
    const period = { from: all.start[first] as number, to: all.end[last] as number };
    if (earlier.kind === 'previous') {
      comparison = previousBuckets(both, unit, fields, timeZone, period, earlier.shiftMs, keep.length);
    } else {
      const compared = resample(both, unit, { fields, timeZone, period, compareWith: earlier.kind }).comparison;
      comparison = compared ? (compared.columns as Record<string, Float64Array>) : null;
    }
  }
  const breakdown = stacked
    ? circuits(series, {
        unit,
        timeZone,
        labels: Object.fromEntries(circuitLabels.map((label, i) => [i + 1, label])),
      }).buckets
    : null;

  const columns = plotSeries.map((p): Float64Array => {
    if (p.role === 'field') return picked(all.columns[p.field as MeasurementField]);
    if (p.role === 'compare') {
      const column = comparison?.[p.field as string];
      return column ? Float64Array.from(column) : new Float64Array(keep.length).fill(Number.NaN);
    }
    if (!breakdown) return new Float64Array(keep.length);
    if (p.role === 'untracked') return picked(breakdown.untracked);
    // Circuit n is Power<n>: its column in core's breakdown is n − 1.
    return picked(breakdown.circuits[Number(p.key.slice('circuit:'.length)) - 1] ?? []);
  });
  let stackMax: number | null = null;
  if (stacked) {
    stackMax = 0;
    for (let k = 0; k < keep.length; k++) {
      let top = 0;
      plotSeries.forEach((p, i) => {
        if (p.role === 'circuit' || p.role === 'untracked') top += Math.max(0, columns[i]?.[k] ?? 0);
      });
      stackMax = Math.max(stackMax, top);
    }
  }
  return {
    mode: 'energy',
    unit,
    time: picked(all.start),
    ends: picked(all.end),
    columns,
    stats,
    series: plotSeries,
    stacked,
    stackMax,
  };
}
