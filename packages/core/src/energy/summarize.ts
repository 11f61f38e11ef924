import { assertTimeZone } from '@carbontrack/api';
import type { MeasurementSeries } from '../measurements/series.js';
import { formatLocalIso } from '../time-zone/format-local-iso.js';
import { type ComparisonKind, compareSummaries, comparisonPeriod, type EnergyComparison } from './compare-periods.js';
import { coverage, sampleCadenceMs } from './coverage.js';
import { DEFAULT_EMISSION_FACTOR } from './emission-factor.js';
import type { EnergySummary } from './energy-summary.js';
import { assertSortedTime, type IntegrationMethod, integrationMethod, maxGapMs } from './energy-validation.js';
import { importPowerAt } from './grid-flows.js';
import { integrateColumn } from './integrate-energy.js';
import { seriesInPeriod } from './series-in-period.js';

/** Options of {@link summarize}. */
export interface SummarizeOptions {
  /** IANA time zone used for `peakDemandLocalTime` (default 'UTC'). */
  timeZone?: string;
  /** kg CO₂-e per kWh imported (default {@link DEFAULT_EMISSION_FACTOR}, an Australian average). */
  emissionFactor?: number;
  /** Intervals longer than this many minutes contribute no energy (default 15). */
  maxGapMinutes?: number;
  /** Integration rule, as in {@link integrateEnergy} (default 'trapezoid'). */
  method?: IntegrationMethod;
  /**
   * The period the summary stands for, epoch ms [from, to): only its samples count, and its
   * coverage is measured against all of it (missing data at either end counts).
   */
  period?: { from: number; to: number };
  /**
   * Also summarise the period to compare with (needs `period`; the series must hold its samples
   * too, e.g. read from `comparisonPeriod(period, kind).from` to `period.to`): see
   * {@link ComparedSummary}.
   */
  compareWith?: ComparisonKind;
}

export type { EnergySummary };

/** A summary with its comparison (what {@link summarize} returns given `compareWith`). */
export interface ComparedSummary extends EnergySummary {
  /** This period against the earlier one: signed deltas, both coverages, and `lessData`. */
  comparison: EnergyComparison;
}

/**
 * Consumption, generation, export, import, self-consumption, self-sufficiency, peak demand and CO₂ of a
 * series. Field roles: consumption = PowerUsage, generation = Generating, export = PowerExported, import =
 * PowerUsageNet per sample where finite, otherwise max(0, PowerUsage − Generating). Energies follow
 * {@link integrateEnergy}'s rules (gaps longer than `maxGapMinutes` count as zero).
 * @throws RangeError for bad options, an unknown time zone or unsorted times.
 */
export function summarize(
  series: MeasurementSeries,
  options: SummarizeOptions & { compareWith: ComparisonKind },
): ComparedSummary;
export function summarize(series: MeasurementSeries, options?: SummarizeOptions): EnergySummary;
export function summarize(series: MeasurementSeries, options: SummarizeOptions = {}): EnergySummary | ComparedSummary {
  const { period, compareWith } = options;
  if (compareWith === undefined && period === undefined) return summarizeAll(series, options, null);
  if (period === undefined) throw new RangeError('compareWith needs a period');
  if (!(Number.isFinite(period.from) && Number.isFinite(period.to) && period.to > period.from)) {
    throw new RangeError('period must be finite epoch ms with to > from');
  }
  const cadence = sampleCadenceMs(series);
  const current = summarizeAll(seriesInPeriod(series, period), options, { ...period, cadence });
  if (compareWith === undefined) return current;
  const earlier = comparisonPeriod(period, compareWith, options.timeZone ?? 'UTC');
  const previous = summarizeAll(seriesInPeriod(series, earlier), options, { ...earlier, cadence });
  return {
    ...current,
    comparison: compareSummaries(
      { summary: current, coverage: current.coverage },
      { summary: previous, coverage: previous.coverage },
    ),
  };
}

function summarizeAll(
  series: MeasurementSeries,
  options: SummarizeOptions,
  period: { from: number; to: number; cadence: number } | null,
): EnergySummary {
  const timeZone = options.timeZone ?? 'UTC';
  assertTimeZone(timeZone);
  const emissionFactor = options.emissionFactor ?? DEFAULT_EMISSION_FACTOR;
  if (!Number.isFinite(emissionFactor) || emissionFactor < 0) {
    throw new RangeError(`emissionFactor must be a finite number ≥ 0 (kg CO₂-e/kWh), got ${String(emissionFactor)}`);
  }
  const method = integrationMethod(options.method);
  const gap = maxGapMs(options.maxGapMinutes);
  assertSortedTime(series);

  const { time, length, columns } = series;
  const usage = columns.PowerUsage;
  const generating = columns.Generating;
  const net = columns.PowerUsageNet;
  const importW = new Float64Array(length);
  let from: number | null = null;
  let to: number | null = null;
  let samples = 0;
  let peakDemandW: number | null = null;
  let peakDemandTime: number | null = null;
  for (let row = 0; row < length; row++) {
    importW[row] = importPowerAt(usage, generating, net, row);
    const u = usage[row] as number;
    const t = time[row] as number;
    if (Number.isNaN(t)) continue;
    samples++;
    from ??= t;
    to = t;
    if (Number.isFinite(u) && (peakDemandW === null || u > peakDemandW)) {
      peakDemandW = u;
      peakDemandTime = t;
    }
  }
  const consumptionKWh = integrateColumn(time, usage, length, method, gap);
  const generationKWh = integrateColumn(time, generating, length, method, gap);
  const exportKWh = integrateColumn(time, columns.PowerExported, length, method, gap);
  const importKWh = integrateColumn(time, importW, length, method, gap);
  return {
    consumptionKWh,
    generationKWh,
    exportKWh,
    importKWh,
    selfConsumptionPct: generationKWh === 0 ? null : ((generationKWh - exportKWh) / generationKWh) * 100,
    selfSufficiencyPct: consumptionKWh === 0 ? null : (1 - importKWh / consumptionKWh) * 100,
    peakDemandW,
    peakDemandTime,
    peakDemandLocalTime: peakDemandTime === null ? null : formatLocalIso(peakDemandTime, timeZone),
    co2Kg: importKWh * emissionFactor,
    from,
    to,
    samples,
    coverage: period
      ? coverage(series, period.from, period.to, period.cadence)
      : from === null || to === null
        ? null
        : coverage(series, from, to + sampleCadenceMs(series)),
  };
}
