import { assertTimeZone, zoneOffsetSpan } from '@carbontrack/api';
import type { MeasurementSeries } from '../measurements/series.js';
import { bucketEdges, type CalendarUnit, localTimeToInstant } from './calendar-buckets.js';
import { assertSortedTime, type IntegrationMethod, integrationMethod, maxGapMs } from './energy-validation.js';
import { importPowerAt } from './grid-flows.js';
import { WATT_MS_PER_KWH } from './integrate-energy.js';
import { seriesInPeriod } from './series-in-period.js';
import type { Tariff } from './tariff.js';
import { type CompiledTariff, type CompiledVersion, compileTariff, WEEK_MINUTES } from './tariff-validation.js';

/** Options of {@link cost}. */
export interface CostOptions {
  /** IANA zone of the device: prices apply by its local time, supply by its local days (default 'UTC'). */
  timeZone?: string;
  /** Also cost per hour, day or month bucket of that zone's calendar (the buckets of {@link resample}). */
  unit?: CalendarUnit;
  /** Intervals longer than this many minutes contribute no energy (default 15). */
  maxGapMinutes?: number;
  /** Integration rule, as in {@link integrateEnergy} (default 'trapezoid'). */
  method?: IntegrationMethod;
  /**
   * The period priced, epoch ms [from, to): only its samples count, and the daily supply is
   * charged pro rata for the part of each local day inside it (24 hours from 15:00 is one day's
   * supply, not two; today until 09:00 is 9/24 of one). Without it, every local day the series
   * touches is charged whole, as on a bill.
   */
  period?: { from: number; to: number };
}

/** Money of a period, in the tariff's currency. */
export interface CostBreakdown {
  /** What the imported energy cost. */
  importCost: number;
  /** What the exported energy was credited. */
  exportCredit: number;
  /** Daily supply charges. */
  supply: number;
  /** Demand charges. */
  demand: number;
  /** GST added on import, supply and demand (0 when the prices include it). */
  gst: number;
  /** importCost + supply + demand + gst − exportCredit. */
  net: number;
  /** Energy imported, kWh. */
  importKWh: number;
  /** Energy exported, kWh. */
  exportKWh: number;
}

/** The same breakdown per bucket, as columns. */
export type CostColumns = { readonly [K in keyof CostBreakdown]: Float64Array };

/** What {@link cost} returns. */
export interface CostResult extends CostBreakdown {
  /** ISO 4217 code of every amount. */
  currency: string;
  /** Per bucket when `unit` was given (they add up to the totals), else null. */
  buckets: ({ start: Float64Array; end: Float64Array } & CostColumns) | null;
}

// Called through a module-local constant, which the optimiser inlines (an imported live binding it does not).
const importRule = importPowerAt;
const DAY_MS = 86_400_000;
const HALF_HOUR_MS = 1_800_000;
const KEYS = ['importCost', 'exportCredit', 'supply', 'demand', 'gst', 'net', 'importKWh', 'exportKWh'] as const;

/**
 * What a series cost under a tariff. Each interval between samples is priced at the local time it
 * began (so a 23- or 25-hour day has 23 or 25 hours of prices), by the tariff version valid on that
 * local day: import (the rule of `importPowerW`, sample by sample) at the import rate, `PowerExported` at the
 * feed-in rate, under {@link integrateEnergy}'s rules. Supply is charged for every local day the
 * series touches (pro rata within `period`, when given); a demand charge takes each local month's highest 30-minute average import (in
 * the demand windows); GST is added on import, supply and demand unless the prices include it.
 * @throws ValidationError for a tariff that fails its checks (see {@link compileTariff}); RangeError
 * for bad options, unsorted times, or a day no tariff version covers.
 */
export function cost(input: MeasurementSeries, tariff: Tariff, options: CostOptions = {}): CostResult {
  let series = input;
  const compiled = compiledTariff(tariff);
  const timeZone = options.timeZone ?? 'UTC';
  assertTimeZone(timeZone);
  const method = integrationMethod(options.method);
  const gap = maxGapMs(options.maxGapMinutes);
  assertSortedTime(series);
  const period = options.period;
  if (period && !(Number.isFinite(period.from) && Number.isFinite(period.to) && period.to > period.from)) {
    throw new RangeError('period must be finite epoch ms with to > from');
  }
  if (period) series = seriesInPeriod(series, period);
  const { time, length } = series;

  const first = firstTimedRow(time, length);
  const last = lastTimedRow(time, length);
  const totals = emptyBreakdown();
  if (first < 0) {
    const none = new Float64Array(0);
    return {
      currency: compiled.currency,
      ...totals,
      buckets: options.unit ? { start: none, end: none, ...emptyColumns(0) } : null,
    };
  }

  const clock = new LocalClock(timeZone);
  const firstDay = clock.day(period ? period.from : (time[first] as number));
  const lastDay = clock.day(period ? period.to - 1 : (time[last] as number));
  // Buckets cover whole local days, so each day's supply falls inside them.
  const dayStart = (day: number) => localTimeToInstant(day * DAY_MS, timeZone);
  const edges = options.unit
    ? bucketEdges(dayStart(firstDay), dayStart(lastDay + 1) - 1, options.unit, timeZone)
    : Float64Array.of(dayStart(firstDay), dayStart(lastDay + 1));
  const buckets = edges.length - 1;
  const columns = emptyColumns(buckets);
  const versions = new VersionFinder(compiled);

  // Energy, priced per interval; half-hour import kept for the demand charge.
  const halfHours = new Map<number, HalfHour>();
  priceIntervals(series, first, last, method === 'left', gap, edges, columns, clock, versions, halfHours);

  // Supply: each local day's charge, spread over the buckets it overlaps (one, unless hourly);
  // with a period, only the part of the day inside it.
  const chargedFrom = period ? period.from : Number.NEGATIVE_INFINITY;
  const chargedTo = period ? period.to : Number.POSITIVE_INFINITY;
  let b = 0;
  let end = dayStart(firstDay);
  for (let day = firstDay; day <= lastDay; day++) {
    const charge = versions.at(day).version.supplyPerDay;
    // Each day starts where the one before ended: one local-midnight lookup a day.
    const start = end;
    end = dayStart(day + 1);
    while ((edges[b + 1] as number) <= start) b++;
    for (let j = b; j < buckets && (edges[j] as number) < end; j++) {
      const from = Math.max(start, edges[j] as number, chargedFrom);
      const to = Math.min(end, edges[j + 1] as number, chargedTo);
      if (to > from) columns.supply[j] = (columns.supply[j] as number) + (charge * (to - from)) / (end - start);
    }
  }

  // Demand: the highest half-hour of each local month, charged in the bucket where it happened.
  const peaks = new Map<string, { kW: number; at: number; price: number }>();
  for (const [slot, entry] of halfHours) {
    const price = entry.version.version.demand?.pricePerKwMonth ?? 0;
    const month = new Date(slot * HALF_HOUR_MS).toISOString().slice(0, 7);
    const kW = entry.kWh / 0.5;
    const peak = peaks.get(month);
    if (!peak || kW > peak.kW) peaks.set(month, { kW, at: entry.at, price });
  }
  for (const peak of peaks.values()) {
    const j = bucketIndex(edges, peak.at);
    columns.demand[j] = (columns.demand[j] as number) + peak.kW * peak.price;
  }

  const gstRate = compiled.pricesIncludeGst ? 0 : compiled.gstRate;
  for (let j = 0; j < buckets; j++) {
    const charges = (columns.importCost[j] as number) + (columns.supply[j] as number) + (columns.demand[j] as number);
    columns.gst[j] = charges * gstRate;
    columns.net[j] = charges + (columns.gst[j] as number) - (columns.exportCredit[j] as number);
  }
  for (const key of KEYS) totals[key] = sum(columns[key]);
  return {
    currency: compiled.currency,
    ...totals,
    buckets: options.unit ? { start: edges.subarray(0, buckets), end: edges.subarray(1), ...columns } : null,
  };
}

interface HalfHour {
  kWh: number;
  version: CompiledVersion;
  at: number;
}

/**
 * The per-sample loop of {@link cost}: energy of each interval, priced at its local start, summed
 * into `columns` per bucket of `edges`; half-hour import in the demand windows into `halfHours`.
 * Its own function so that the optimiser compiles the loop whole, not as an entry into `cost`
 * that the code after the loop keeps throwing away.
 */
function priceIntervals(
  series: MeasurementSeries,
  first: number,
  last: number,
  left: boolean,
  gap: number,
  edges: Float64Array,
  columns: CostColumns,
  clock: LocalClock,
  versions: VersionFinder,
  halfHours: Map<number, HalfHour>,
): void {
  const { time } = series;
  const { PowerUsage, Generating, PowerUsageNet, PowerExported } = series.columns;
  // Everything calendar-related (the bucket, the zone's offset, the local day, the tariff version,
  // the price run) changes at known instants; the earliest is `nextEvent`, so a sample costs one
  // comparison for all of it, and the prices are looked up once a run (a few times a day).
  let nextEvent = Number.NEGATIVE_INFINITY;
  let k = 0;
  let bucketEnd = edges[1] as number;
  let offsetUntil = Number.NEGATIVE_INFINITY;
  let offset = 0;
  let day = Number.NaN;
  let dayWall = 0;
  let rowBase = 0;
  let version = versions.at(clock.day(time[first] as number));
  let importRate = 0;
  let feedInRate = 0;
  let inDemand = false;
  // Sums are kept in watt-milliseconds and turned into kWh once a bucket: no division a sample.
  let sumImportKWh = 0;
  let sumExportKWh = 0;
  let sumImportCost = 0;
  let sumExportCredit = 0;
  let previousImport = importRule(PowerUsage, Generating, PowerUsageNet, first);
  for (let row = first + 1, previous = first; row <= last; row++) {
    const tb = time[row] as number;
    if (Number.isNaN(tb)) continue;
    const i = previous;
    previous = row;
    const ta = time[i] as number;
    const dt = tb - ta;
    const nextImport = importRule(PowerUsage, Generating, PowerUsageNet, row);
    const a = previousImport;
    previousImport = nextImport;
    if (!(dt > 0 && dt <= gap)) continue;
    const ea = PowerExported[i] as number;
    const eb = PowerExported[row] as number;
    // integrateEnergy's interval rule (intervalEnergy), inlined for both flows.
    const importWms = Number.isFinite(a) && Number.isFinite(nextImport) ? (left ? a : (a + nextImport) / 2) * dt : 0;
    const exportWms = Number.isFinite(ea) && Number.isFinite(eb) ? (left ? ea : (ea + eb) / 2) * dt : 0;
    if (importWms === 0 && exportWms === 0) continue;
    if (ta >= nextEvent) {
      if (ta >= bucketEnd) {
        // The bucket is done: its sums go to the columns (no closure here: captured variables would
        // live on the heap and slow every sample down).
        columns.importKWh[k] = (columns.importKWh[k] as number) + sumImportKWh / WATT_MS_PER_KWH;
        columns.exportKWh[k] = (columns.exportKWh[k] as number) + sumExportKWh / WATT_MS_PER_KWH;
        columns.importCost[k] = (columns.importCost[k] as number) + sumImportCost / WATT_MS_PER_KWH;
        columns.exportCredit[k] = (columns.exportCredit[k] as number) + sumExportCredit / WATT_MS_PER_KWH;
        sumImportKWh = 0;
        sumExportKWh = 0;
        sumImportCost = 0;
        sumExportCredit = 0;
        while (ta >= bucketEnd) {
          k++;
          bucketEnd = edges[k + 1] as number;
        }
      }
      if (ta >= offsetUntil) {
        clock.locate(ta);
        offsetUntil = clock.until;
        offset = clock.offset;
      }
      const wall = ta + offset;
      const wallDay = Math.floor(wall / DAY_MS);
      if (wallDay !== day) {
        day = wallDay;
        dayWall = day * DAY_MS;
        version = versions.at(day);
        // 1970-01-01, day 0, was a Thursday: the grid row of this month and weekday.
        rowBase = new Date(dayWall).getUTCMonth() * WEEK_MINUTES + ((day + 4) % 7) * 1440;
      }
      const cell = rowBase + Math.floor((wall - dayWall) / 60_000);
      importRate = version.importPrice[cell] as number;
      feedInRate = version.feedInPrice ? (version.feedInPrice[cell] as number) : 0;
      inDemand = version.demandMask ? version.demandMask[cell] === 1 : false;
      // The run ends at a local minute; a change of offset before then is an event of its own.
      const runEnd = dayWall + (version.runEnd[cell] as number) * 60_000 - offset;
      nextEvent = Math.min(runEnd, offsetUntil, bucketEnd);
    }
    sumImportKWh += importWms;
    sumExportKWh += exportWms;
    sumImportCost += importWms * importRate;
    sumExportCredit += exportWms * feedInRate;
    if (inDemand && importWms > 0) {
      const slot = Math.floor((ta + offset) / HALF_HOUR_MS);
      const kWh = importWms / WATT_MS_PER_KWH;
      const entry = halfHours.get(slot);
      if (entry) entry.kWh += kWh;
      else halfHours.set(slot, { kWh, version, at: ta });
    }
  }
  columns.importKWh[k] = (columns.importKWh[k] as number) + sumImportKWh / WATT_MS_PER_KWH;
  columns.exportKWh[k] = (columns.exportKWh[k] as number) + sumExportKWh / WATT_MS_PER_KWH;
  columns.importCost[k] = (columns.importCost[k] as number) + sumImportCost / WATT_MS_PER_KWH;
  columns.exportCredit[k] = (columns.exportCredit[k] as number) + sumExportCredit / WATT_MS_PER_KWH;
}

// A tariff is data, typically one object costed again and again (a chart, a fleet): its compiled
// grids are kept with it, and checked against its JSON each time, so a changed tariff recompiles.
const compiledTariffs = new WeakMap<object, { json: string; compiled: CompiledTariff }>();

function compiledTariff(tariff: Tariff): CompiledTariff {
  if (typeof tariff !== 'object' || tariff === null) return compileTariff(tariff);
  const json = JSON.stringify(tariff);
  const kept = compiledTariffs.get(tariff);
  if (kept && kept.json === json) return kept.compiled;
  const compiled = compileTariff(tariff);
  compiledTariffs.set(tariff, { json, compiled });
  return compiled;
}

/** Local wall-clock time (as UTC ms) of instants in time order, the zone's offset taken a span at a time. */
class LocalClock {
  /** The span [from, until) in which `offset` holds. */
  from = Number.POSITIVE_INFINITY;
  until = Number.NEGATIVE_INFINITY;
  offset = 0;

  constructor(private readonly timeZone: string) {}

  day(t: number): number {
    if (t < this.from || t >= this.until) this.locate(t);
    return Math.floor((t + this.offset) / DAY_MS);
  }

  /** Finds the offset at `t` and the span it holds for. */
  locate(t: number): void {
    const span = zoneOffsetSpan(this.timeZone, t);
    this.from = span.from;
    this.until = span.until;
    this.offset = span.offset;
  }
}

/** The version valid on a local day, found by walking forward (days come in order). */
class VersionFinder {
  private index = 0;

  constructor(private readonly compiled: CompiledTariff) {}

  at(day: number): CompiledVersion {
    const { versions } = this.compiled;
    const current = versions[this.index] as CompiledVersion;
    if (day >= current.fromDay && day < current.toDay) return current;
    const found = versions.findIndex((v) => day >= v.fromDay && day < v.toDay);
    if (found < 0) {
      throw new RangeError(
        `no version of tariff '${this.compiled.tariff.name}' covers ${new Date(day * DAY_MS).toISOString().slice(0, 10)}`,
      );
    }
    this.index = found;
    return versions[found] as CompiledVersion;
  }
}

/** First row with a time, or -1. */
function firstTimedRow(time: Float64Array, length: number): number {
  for (let row = 0; row < length; row++) if (!Number.isNaN(time[row] as number)) return row;
  return -1;
}

/** Last row with a time, or -1. */
function lastTimedRow(time: Float64Array, length: number): number {
  for (let row = length - 1; row >= 0; row--) if (!Number.isNaN(time[row] as number)) return row;
  return -1;
}

function bucketIndex(edges: Float64Array, t: number): number {
  let low = 0;
  let high = edges.length - 2;
  while (low < high) {
    const mid = (low + high + 1) >>> 1;
    if ((edges[mid] as number) <= t) low = mid;
    else high = mid - 1;
  }
  return low;
}

function emptyBreakdown(): CostBreakdown {
  return { importCost: 0, exportCredit: 0, supply: 0, demand: 0, gst: 0, net: 0, importKWh: 0, exportKWh: 0 };
}

function emptyColumns(n: number): CostColumns {
  return Object.fromEntries(KEYS.map((key) => [key, new Float64Array(n)])) as unknown as CostColumns;
}

function sum(values: Float64Array): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}
