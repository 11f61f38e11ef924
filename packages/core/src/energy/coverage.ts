import type { MeasurementSeries } from '../measurements/series.js';

/** The five-minute cadence of carbonTRACK devices, assumed when a series is too short to tell. */
export const DEFAULT_CADENCE_MS = 300_000;

/**
 * A device's sampling interval, ms: the most common positive interval between consecutive valid
 * samples (so an outage does not stretch it), or {@link DEFAULT_CADENCE_MS} with fewer than two.
 */
export function sampleCadenceMs(series: MeasurementSeries): number {
  const counts = new Map<number, number>();
  let previous = Number.NaN;
  for (let row = 0; row < series.length; row++) {
    const t = series.time[row] as number;
    if (Number.isNaN(t)) continue;
    const step = t - previous;
    if (step > 0) counts.set(step, (counts.get(step) ?? 0) + 1);
    previous = t;
  }
  let best = DEFAULT_CADENCE_MS;
  let bestCount = 0;
  for (const [step, count] of counts) {
    if (count > bestCount || (count === bestCount && step < best)) {
      best = step;
      bestCount = count;
    }
  }
  return best;
}

/**
 * How complete the data of [from, to) is: valid samples present there over the samples the
 * cadence expects, 0..1 (a day with a six-hour outage is 0.75). Null for an empty span.
 */
export function coverage(
  series: MeasurementSeries,
  from: number,
  to: number,
  cadenceMs = sampleCadenceMs(series),
): number | null {
  if (!(to > from)) return null;
  let present = 0;
  for (let row = 0; row < series.length; row++) {
    const t = series.time[row] as number;
    if (t >= from && t < to) present++;
  }
  return Math.min(1, present / Math.max(1, Math.round((to - from) / cadenceMs)));
}

/**
 * {@link coverage} of a summary's period: pass the period the summary stands for, so missing
 * data at its start or end counts (a period with no samples is 0: it never reads as a quiet one).
 */
export function summaryCoverage(series: MeasurementSeries, period: { from: number; to: number }): number | null {
  return coverage(series, period.from, period.to);
}
