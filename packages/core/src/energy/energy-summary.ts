/** Energy totals and ratios of a series. */
export interface EnergySummary {
  /** Energy used on site (PowerUsage), kWh. */
  consumptionKWh: number;
  /** Energy generated (Generating), kWh. */
  generationKWh: number;
  /** Energy exported to the grid (PowerExported), kWh. */
  exportKWh: number;
  /** Energy imported from the grid, kWh: PowerUsageNet where finite, else max(0, usage − generation). */
  importKWh: number;
  /** Share of generation used on site: (generation − export) / generation · 100; null without generation. */
  selfConsumptionPct: number | null;
  /** Share of consumption not imported: (1 − import / consumption) · 100; null without consumption. */
  selfSufficiencyPct: number | null;
  /** Highest PowerUsage sample, W; null when there is none. */
  peakDemandW: number | null;
  /** Time of the (first) highest PowerUsage sample, epoch ms; null when there is none. */
  peakDemandTime: number | null;
  /** `peakDemandTime` as local ISO 8601 with offset in `timeZone`, e.g. "2024-04-07T02:30:00+10:00". */
  peakDemandLocalTime: string | null;
  /** Emissions of the imported energy: importKWh × emissionFactor, kg CO₂-e. */
  co2Kg: number;
  /** First valid sample time, epoch ms; null for an empty series. */
  from: number | null;
  /** Last valid sample time, epoch ms; null for an empty series. */
  to: number | null;
  /** Number of samples with a valid time. */
  samples: number;
  /**
   * How complete the data is, 0..1: samples present over what the device's cadence expects over
   * `period` (given) or from the first sample to one cadence after the last. 0 for a period with
   * no samples, null for an empty series without a period.
   */
  coverage: number | null;
}
