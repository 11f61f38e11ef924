import { assertTimeZone } from '@carbontrack/api';
import { MEASUREMENT_FIELD_NAMES, MEASUREMENT_FIELDS, type MeasurementField } from '../measurements/fields.js';
import type { MeasurementSeries } from '../measurements/series.js';
import { bucketEdges, type CalendarUnit } from './calendar-buckets.js';
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
}

/** A series aggregated into calendar buckets. */
export interface ResampledSeries<F extends MeasurementField = MeasurementField> {
  /** Bucket start, epoch ms. */
  start: Float64Array;
  /** Bucket end (exclusive), epoch ms; `end[k] === start[k + 1]`. Buckets can be 23 h or 25 h long. */
  end: Float64Array;
  /** One value per bucket and field: kWh for 'energy', NaN for an empty bucket with mean/min/max/last. */
  columns: Record<F, Float64Array>;
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

  const { time, length } = series;
  const rows: number[] = [];
  for (let row = 0; row < length; row++) if (!Number.isNaN(time[row] as number)) rows.push(row);
  const columns = {} as Record<F, Float64Array>;
  const first = rows[0];
  const last = rows[rows.length - 1];
  if (first === undefined || last === undefined) {
    for (const field of fields) columns[field] = new Float64Array(0);
    return { start: new Float64Array(0), end: new Float64Array(0), columns };
  }
  const edges = bucketEdges(time[first] as number, time[last] as number, unit, timeZone);
  const buckets = edges.length - 1;
  // Bucket of every valid row, found once and shared by all fields.
  const bucketOf = new Int32Array(rows.length);
  let k = 0;
  for (let r = 0; r < rows.length; r++) {
    const t = time[rows[r] as number] as number;
    while (t >= (edges[k + 1] as number)) k++;
    bucketOf[r] = k;
  }

  fields.forEach((field, f) => {
    const column = values[f] as Float64Array;
    const out = new Float64Array(buckets);
    if (aggregate === 'energy') addEnergy(out, column, time, rows, bucketOf, edges, method, gap);
    else aggregateSamples(out, column, rows, bucketOf, aggregate);
    columns[field] = out;
  });
  return { start: edges.subarray(0, buckets), end: edges.subarray(1), columns };
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
