/**
 * `@carbontrack/core/energy`: energy maths on measurement series (integration to kWh, calendar
 * resampling across DST, summaries with self-consumption and CO₂) and per-pixel downsampling for
 * charts. A separate entry so that apps that only fetch and parse do not carry it.
 * @packageDocumentation
 */

export {
  type ColumnStats,
  type DownsampledColumns,
  type DownsampledPoints,
  type DownsampleM4Options,
  downsampleColumnsM4,
  downsampleM4,
} from '../measurements/downsample-m4.js';
export type { CalendarUnit } from './calendar-buckets.js';
export {
  type CircuitBreakdown,
  type CircuitBuckets,
  type CircuitChannels,
  type CircuitEnergy,
  type CircuitEnergyUnit,
  type CircuitOptions,
  circuits,
} from './circuits.js';
export {
  type ComparisonKind,
  compareSummaries,
  comparisonPeriod,
  type Delta,
  type EnergyComparison,
  type PeriodSummary,
  shiftLocalTime,
} from './compare-periods.js';
export { type CostBreakdown, type CostColumns, type CostOptions, type CostResult, cost } from './cost.js';
export { coverage, DEFAULT_CADENCE_MS, sampleCadenceMs, summaryCoverage } from './coverage.js';
export { DEFAULT_EMISSION_FACTOR } from './emission-factor.js';
export { DEFAULT_MAX_GAP_MINUTES, type IntegrationMethod } from './energy-validation.js';
export { importPowerW } from './grid-flows.js';
export { type IntegrateEnergyOptions, integrateEnergy } from './integrate-energy.js';
export { type ResampleAggregate, type ResampledSeries, type ResampleOptions, resample } from './resample.js';
export { type ResampledRow, type RowOptions, toCsv, toRows } from './resampled-rows.js';
export { type ComparedSummary, type EnergySummary, type SummarizeOptions, summarize } from './summarize.js';
export type {
  DemandCharge,
  Tariff,
  TariffPeriod,
  TariffRate,
  TariffVersion,
  TariffWindow,
  Weekday,
} from './tariff.js';
export { validateTariff } from './tariff-validation.js';
