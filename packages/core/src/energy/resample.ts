import { assertTimeZone } from '@carbontrack/api';
import { MEASUREMENT_FIELD_NAMES, MEASUREMENT_FIELDS, type MeasurementField } from '../measurements/fields.js';
import type { MeasurementSeries } from '../measurements/series.js';
import { bucketEdges, bucketStart, type CalendarUnit } from './calendar-buckets.js';
import { type ComparisonKind, comparisonPeriod } from './compare-periods.js';
import { sampleCadenceMs } from './coverage.js';
import {
  assertSortedTime,
  columnOf,
  type IntegrationMethod,
  integrationMethod,
  maxGapMs,
} from './energy-validation.js';
import { intervalEnergy, WATT_MS_PER_KWH } from './integrate-energy.js';

/** How the samples of one bucket become one value. */
export type ResampleAggregate = 'energy' | 'mean' | 'min' | 'max' | 'sum' | 'last';

const AGGREGATES: readonly ResampleAggregate[] = ['energy', 'mean', 'min', 'max', 'sum', 'last'];
const UNITS: readonly CalendarUnit[] = ['hour', 'day', 'month'];
const POWER_FIELDS: readonly string[] = MEASUREMENT_FIELDS.filter((f) => f.kind === 'power').map((f) => f.name);

/** Options of {@link resample}. */
export interface ResampleOptions<F extends MeasurementField = MeasurementField> {
  /** IANA time zone whose calendar defines hours, days and months (default 'UTC'). */
  timeZone?: string;
  /** 'energy' (default): kWh per bucket; the others aggregate the samples whose time falls in the bucket. */
  aggregate?: ResampleAggregate;
  /**
   * Fields to resample. Default: for 'energy' the real-power fields (kind 'power' in
   * `MEASUREMENT_FIELDS`; kWh of a temperature or a power factor means nothing, and naming such a
   * field with 'energy' is a RangeError); for the other aggregates all 34.
   */
  fields?: readonly F[];
  /** For 'energy': intervals longer than this many minutes contribute nothing (default 15). */
  maxGapMinutes?: number;
  /** For 'energy': integration rule, as in {@link integrateEnergy} (default 'trapezoid'). */
  method?: IntegrationMethod;
  /**
   * Only this period, epoch ms [from, to): its buckets, empty ones included, and only its samples.
   * Default: from the bucket of the first valid sample to the bucket of the last.
   */
  period?: { from: number; to: number };
  /**
   * Also resample the period to compare with (needs `period`; the series must hold its samples
   * too): `'previous'`, the same number of buckets just before; `'year'`, the same calendar
   * buckets a year earlier. See {@link ResampledSeries.comparison}.
   */
  compareWith?: ComparisonKind;
}

/** A series aggregated into calendar buckets. */
export interface ResampledSeries<F extends MeasurementField = MeasurementField> {
  /** Bucket start, epoch ms. */
  start: Float64Array;
  /** Bucket end (exclusive), epoch ms; `end[k] === start[k + 1]`. Buckets can be 23 h or 25 h long. */
  end: Float64Array;
  /** One value per bucket and field: kWh for 'energy', NaN for an empty bucket with mean/min/max/last. */
  columns: Record<F, Float64Array>;
  /**
   * How complete each bucket's data is, 0..1: its samples over what the series' cadence expects
   * (see `sampleCadenceMs`), so a day with a six-hour outage reads 0.75 instead of as a low day.
   */
  coverage: Float64Array;
  /**
   * With `compareWith`: the earlier buckets, one for each bucket above (index k compares with k),
   * with their own start and end. A bucket with no data there (before the device existed, say)
   * is NaN with coverage 0, never a zero that looks like a reading.
   */
  comparison?: ResampledSeries<F>;
}

/**
 * Aggregates a series into hour, day or month buckets of a time zone's calendar, from the bucket of the
 * first valid sample to the bucket of the last one (empty buckets included).
 *
 * With 'energy' each interval between samples counts under the same rules as {@link integrateEnergy};
 * an interval crossing a bucket boundary is split there (by integrating the straight line between its
 * samples, or the held value for 'left'), so bucket energies add up to the series total. 'mean' is the
 * plain mean of the samples in the bucket, not time-weighted; 'sum' of an empty bucket is 0.
 * @throws RangeError for an unknown unit, field, aggregate or time zone, bad options, or unsorted times.
 */
export function resample<F extends MeasurementField = MeasurementField>(
  series: MeasurementSeries,
  unit: CalendarUnit,
  options: ResampleOptions<F> = {},
): ResampledSeries<F> {
  if (!UNITS.includes(unit)) throw new RangeError(`unit must be 'hour', 'day' or 'month', got '${String(unit)}'`);
  const aggregate = options.aggregate ?? 'energy';
  if (!AGGREGATES.includes(aggregate)) throw new RangeError(`Unknown aggregate '${String(aggregate)}'`);
  const timeZone = options.timeZone ?? 'UTC';
  assertTimeZone(timeZone);
  const fields = (options.fields ?? (aggregate === 'energy' ? POWER_FIELDS : MEASUREMENT_FIELD_NAMES)) as readonly F[];
  const notPower = aggregate === 'energy' && fields.find((field) => !POWER_FIELDS.includes(field));
  if (notPower) throw new RangeError(`energy needs power fields, not ${notPower}`);
  const values = fields.map((field) => columnOf(series, field));
  const method = integrationMethod(options.method);
  const gap = maxGapMs(options.maxGapMinutes);
  assertSortedTime(series);

  const cadence = sampleCadenceMs(series);
  const { time, length } = series;
  let edges: Float64Array;
  if (options.period) {
    const { from, to } = options.period;
    if (!(Number.isFinite(from) && Number.isFinite(to) && to > from)) {
      throw new RangeError('period must be finite epoch ms with to > from');
    }
    edges = bucketEdges(from, to - 1, unit, timeZone);
  } else {
    let first = Number.NaN;
    let last = Number.NaN;
    for (let row = 0; row < length; row++) {
      const t = time[row] as number;
      if (Number.isNaN(t)) continue;
      if (Number.isNaN(first)) first = t;
      last = t;
    }
    if (Number.isNaN(first)) {
      if (options.compareWith) throw new RangeError('compareWith needs a period');
      return aggregateOnEdges(series, new Float64Array(0), fields, values, aggregate, method, gap, cadence);
    }
    edges = bucketEdges(first, last, unit, timeZone);
  }
  const result = aggregateOnEdges(series, edges, fields, values, aggregate, method, gap, cadence);
  if (options.compareWith === undefined) return result;
  if (!options.period) throw new RangeError('compareWith needs a period');
  const earlier = comparisonEdges(edges, unit, options.compareWith, timeZone);
  const comparison = aggregateOnEdges(series, earlier, fields, values, aggregate, method, gap, cadence);
  for (const field of fields) {
    const column = comparison.columns[field];
    for (let k = 0; k < column.length; k++) if (comparison.coverage[k] === 0) column[k] = Number.NaN;
  }
  return { ...result, comparison };
}

/**
 * Buckets to compare `edges`' buckets with, as many: for 'previous' the ones just before, for
 * 'year' each bucket's calendar twin a year earlier (the same local wall times, 29 February as
 * the 28th), so "this July, day by day" lines up with "last July".
 */
function comparisonEdges(
  edges: Float64Array,
  unit: CalendarUnit,
  kind: ComparisonKind,
  timeZone: string,
): Float64Array {
  const buckets = edges.length - 1;
  const out = new Float64Array(edges.length);
  if (kind === 'previous') {
    out[buckets] = edges[0] as number;
    for (let k = buckets - 1; k >= 0; k--) out[k] = bucketStart((out[k + 1] as number) - 1, unit, timeZone);
    return out;
  }
  for (let k = 0; k <= buckets; k++) {
    out[k] = comparisonPeriod({ from: edges[k] as number, to: (edges[k] as number) + 1 }, kind, timeZone).from;
  }
  return out;
}

/** Aggregates the samples in [edges[0], edges[last]) into the buckets of `edges`. */
function aggregateOnEdges<F extends MeasurementField>(
  series: MeasurementSeries,
  edges: Float64Array,
  fields: readonly F[],
  values: readonly Float64Array[],
  aggregate: ResampleAggregate,
  method: IntegrationMethod,
  gap: number,
  cadence: number,
): ResampledSeries<F> {
  const { time } = series;
  const buckets = Math.max(0, edges.length - 1);
  const columns = {} as Record<F, Float64Array>;
  // Bucket of every row, found once and shared by all fields (and the coverage).
  const { rows, bucketOf, counts } = rowsInBuckets(time, edges);
  const coverage = new Float64Array(buckets);
  for (let j = 0; j < buckets; j++) {
    const expected = Math.max(1, Math.round(((edges[j + 1] as number) - (edges[j] as number)) / cadence));
    coverage[j] = Math.min(1, (counts[j] as number) / expected);
  }
  fields.forEach((field, f) => {
    const column = values[f] as Float64Array;
    const out = new Float64Array(buckets);
    if (aggregate === 'energy') addEnergy(out, column, time, rows, bucketOf, edges, method, gap);
    else aggregateSamples(out, column, rows, bucketOf, aggregate);
    columns[field] = out;
  });
  return { start: edges.subarray(0, buckets), end: edges.subarray(1), columns, coverage };
}

/**
 * kWh of one power column (W) per bucket of `edges`, by {@link resample}'s 'energy' rules, for
 * columns that are not fields of a series (a circuit remainder, say). @internal
 */
export function energyInBuckets(
  time: Float64Array,
  column: Float64Array,
  edges: Float64Array,
  method: IntegrationMethod,
  gap: number,
): Float64Array {
  const { rows, bucketOf } = rowsInBuckets(time, edges);
  const out = new Float64Array(Math.max(0, edges.length - 1));
  addEnergy(out, column, time, rows, bucketOf, edges, method, gap);
  return out;
}

/** The rows whose time falls in [edges[0], edges[last]), the bucket of each, and each bucket's count. */
function rowsInBuckets(time: Float64Array, edges: Float64Array) {
  const buckets = Math.max(0, edges.length - 1);
  const lo = buckets > 0 ? (edges[0] as number) : 0;
  const hi = buckets > 0 ? (edges[buckets] as number) : 0;
  const rows: number[] = [];
  for (let row = 0; row < time.length; row++) {
    const t = time[row] as number;
    if (t >= lo && t < hi) rows.push(row);
  }
  const bucketOf = new Int32Array(rows.length);
  const counts = new Float64Array(buckets);
  let k = 0;
  for (let r = 0; r < rows.length; r++) {
    const t = time[rows[r] as number] as number;
    while (t >= (edges[k + 1] as number)) k++;
    bucketOf[r] = k;
    counts[k] = (counts[k] as number) + 1;
  }
  return { rows, bucketOf, counts };
}

function addEnergy(
  out: Float64Array,
  column: Float64Array,
  time: Float64Array,
  rows: readonly number[],
  bucketOf: Int32Array,
  edges: Float64Array,
  method: IntegrationMethod,
  gap: number,
): void {
  for (let r = 1; r < rows.length; r++) {
    const i = rows[r - 1] as number;
    const j = rows[r] as number;
    const ta = time[i] as number;
    const tb = time[j] as number;
    const a = column[i] as number;
    const b = column[j] as number;
    const energy = intervalEnergy(a, b, tb - ta, method, gap);
    if (energy === 0) continue;
    let k = bucketOf[r - 1] as number;
    // An interval ending exactly on a boundary belongs to the buckets before it.
    const kb = (bucketOf[r] as number) - (tb === edges[bucketOf[r] as number] ? 1 : 0);
    if (k >= kb) {
      out[k] = (out[k] as number) + energy / WATT_MS_PER_KWH;
      continue;
    }
    // Split at each boundary; the last piece takes the remainder so the pieces add up to `energy`.
    const slope = (b - a) / (tb - ta);
    let x0 = ta;
    let assigned = 0;
    for (; k < kb; k++) {
      const x1 = edges[k + 1] as number;
      const piece =
        method === 'left' ? a * (x1 - x0) : ((2 * a + slope * (x0 - ta) + slope * (x1 - ta)) / 2) * (x1 - x0);
      out[k] = (out[k] as number) + piece / WATT_MS_PER_KWH;
      assigned += piece;
      x0 = x1;
    }
    out[kb] = (out[kb] as number) + (energy - assigned) / WATT_MS_PER_KWH;
  }
}

function aggregateSamples(
  out: Float64Array,
  column: Float64Array,
  rows: readonly number[],
  bucketOf: Int32Array,
  aggregate: Exclude<ResampleAggregate, 'energy'>,
): void {
  const counts = new Float64Array(out.length);
  out.fill(aggregate === 'sum' || aggregate === 'mean' ? 0 : Number.NaN);
  for (let r = 0; r < rows.length; r++) {
    const v = column[rows[r] as number] as number;
    if (!Number.isFinite(v)) continue;
    const k = bucketOf[r] as number;
    const current = out[k] as number;
    counts[k] = (counts[k] as number) + 1;
    if (aggregate === 'sum' || aggregate === 'mean') out[k] = current + v;
    else if (aggregate === 'last') out[k] = v;
    else if (aggregate === 'min') out[k] = Number.isNaN(current) || v < current ? v : current;
    else out[k] = Number.isNaN(current) || v > current ? v : current;
  }
  if (aggregate === 'mean') {
    for (let k = 0; k < out.length; k++)
      out[k] = (counts[k] as number) === 0 ? Number.NaN : (out[k] as number) / (counts[k] as number);
  }
}
