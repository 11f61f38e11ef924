import type { MeasurementField } from '../measurements/fields.js';
import type { MeasurementSeries } from '../measurements/series.js';
import {
  assertSortedTime,
  columnOf,
  type IntegrationMethod,
  integrationMethod,
  maxGapMs,
} from './energy-validation.js';

/** Watt-milliseconds per kilowatt-hour. */
export const WATT_MS_PER_KWH = 3_600_000_000;

/** Options of {@link integrateEnergy}. */
export interface IntegrateEnergyOptions {
  /** 'trapezoid' (default) averages the two samples of an interval; 'left' holds the earlier one. */
  method?: IntegrationMethod;
  /** Intervals longer than this many minutes count as outages and contribute nothing (default 15). */
  maxGapMinutes?: number;
}

/**
 * Energy in watt-milliseconds of the interval between two samples, or 0 when the interval does not count.
 * Shared by integration and resampling so both apply the same rules. @internal
 */
export function intervalEnergy(a: number, b: number, dt: number, method: IntegrationMethod, gap: number): number {
  if (!(dt > 0 && dt <= gap) || !Number.isFinite(a) || !Number.isFinite(b)) return 0;
  return method === 'left' ? a * dt : ((a + b) / 2) * dt;
}

/**
 * Integrates `values` (W) over `time` (epoch ms) in kWh, skipping rows without a valid time.
 * The caller has validated sorting and options. @internal
 */
export function integrateColumn(
  time: Float64Array,
  values: Float64Array,
  length: number,
  method: IntegrationMethod,
  gap: number,
): number {
  let total = 0;
  let previous = -1;
  for (let row = 0; row < length; row++) {
    const t = time[row] as number;
    if (Number.isNaN(t)) continue;
    if (previous >= 0) {
      total += intervalEnergy(
        values[previous] as number,
        values[row] as number,
        t - (time[previous] as number),
        method,
        gap,
      );
    }
    previous = row;
  }
  return total / WATT_MS_PER_KWH;
}

/**
 * Energy in kWh of a power field (W) over the whole series.
 *
 * Each pair of consecutive samples (rows whose time is NaN are skipped) bounds one interval. An interval
 * counts only when both of its samples are finite and it is no longer than `maxGapMinutes`: a long gap
 * means the meter was silent, and bridging it (as a flat-line sensor would) invents energy.
 * @throws RangeError for an unknown field, bad options, or times not in ascending order.
 */
export function integrateEnergy(
  series: MeasurementSeries,
  field: MeasurementField,
  options: IntegrateEnergyOptions = {},
): number {
  const values = columnOf(series, field);
  const method = integrationMethod(options.method);
  const gap = maxGapMs(options.maxGapMinutes);
  assertSortedTime(series);
  return integrateColumn(series.time, values, series.length, method, gap);
}
