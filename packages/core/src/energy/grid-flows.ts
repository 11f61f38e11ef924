import type { MeasurementSeries } from '../measurements/series.js';

/**
 * Power imported from the grid by one sample, W: its `PowerUsageNet` where that is a number, else
 * `max(0, PowerUsage − Generating)`. The one rule for "import" that summaries and costs share.
 * @internal
 */
export function importPowerAt(usage: Float64Array, generating: Float64Array, net: Float64Array, row: number): number {
  const n = net[row] as number;
  return Number.isFinite(n) ? n : Math.max(0, (usage[row] as number) - (generating[row] as number));
}

/** Power imported from the grid at each sample, W, by the rule of `importPowerAt`. */
export function importPowerW(series: MeasurementSeries): Float64Array {
  const { PowerUsage, Generating, PowerUsageNet } = series.columns;
  const out = new Float64Array(series.length);
  for (let row = 0; row < series.length; row++) out[row] = importPowerAt(PowerUsage, Generating, PowerUsageNet, row);
  return out;
}
