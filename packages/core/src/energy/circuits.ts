import { assertTimeZone } from '@carbontrack/api';
import type { MeasurementField } from '../measurements/fields.js';
import type { MeasurementSeries } from '../measurements/series.js';
import { bucketEdges, type CalendarUnit } from './calendar-buckets.js';
import { assertSortedTime, type IntegrationMethod, integrationMethod, maxGapMs } from './energy-validation.js';
import { integrateColumn } from './integrate-energy.js';
import { energyInBuckets } from './resample.js';

/** Which channels are the circuits: Power1..4, or their N variants Power1N..4N. */
export type CircuitChannels = 'Power' | 'PowerN';

/** Options of {@link circuits}. */
export interface CircuitOptions {
  /** Names of the circuits by channel number, e.g. `{ 1: 'Lights and power', 2: 'Hot water' }` (default "Circuit n"). */
  labels?: Partial<Record<1 | 2 | 3 | 4, string>>;
  /** Power1..4 (default) or Power1N..4N. */
  channels?: CircuitChannels;
  /** Let the remainder go negative where the circuits add up to more than PowerUsage (default false: clamped at 0). */
  allowNegativeRemainder?: boolean;
  /** Intervals longer than this many minutes contribute no energy (default 15). */
  maxGapMinutes?: number;
  /** Integration rule, as in `integrateEnergy` (default 'trapezoid'). */
  method?: IntegrationMethod;
  /** Also break each hour, day or month of `timeZone` down (the buckets of `resample`, same edges). */
  unit?: CalendarUnit;
  /** IANA zone of the buckets (default 'UTC'). */
  timeZone?: string;
}

/** Circuit energy per bucket, as columns. */
export interface CircuitBuckets {
  /** Bucket start and end (exclusive), epoch ms: `resample`'s buckets of the same series. */
  start: Float64Array;
  end: Float64Array;
  /** kWh of each circuit per bucket, in the order of `circuits`. */
  circuits: Float64Array[];
  /** Untracked kWh per bucket. */
  untracked: Float64Array;
  /** PowerUsage kWh per bucket (the circuits plus the untracked remainder, within their rules). */
  usage: Float64Array;
}

/** One circuit's share of a period. */
export interface CircuitEnergy {
  /** The channel it is measured on. */
  field: MeasurementField;
  label: string;
  kWh: number;
}

/** Where the energy of a period went, by circuit. */
export interface CircuitBreakdown {
  circuits: CircuitEnergy[];
  /** Energy used on site that no circuit measured (PowerUsage minus the circuits), kWh. */
  untrackedKWh: number;
  /** PowerUsage energy, kWh. */
  usageKWh: number;
  /** The untracked power at each sample, W: what a stacked chart draws on top of the circuits. */
  untrackedW: Float64Array;
  /** Per bucket, with `unit`; null otherwise. */
  buckets: CircuitBuckets | null;
}

/**
 * The energy of Power1..Power4 (or their N variants) as named circuits, and the untracked
 * remainder: PowerUsage minus the circuits, sample by sample, never below 0 unless allowed
 * (a CT clamped the wrong way round, or one circuit measured twice, would otherwise show as
 * negative use). Circuits plus remainder equal PowerUsage's energy whenever the circuits stay
 * within it.
 * @throws RangeError for bad options or unsorted times.
 */
export function circuits(series: MeasurementSeries, options: CircuitOptions = {}): CircuitBreakdown {
  const channels = options.channels ?? 'Power';
  if (channels !== 'Power' && channels !== 'PowerN') {
    throw new RangeError(`channels must be 'Power' or 'PowerN', got '${String(channels)}'`);
  }
  const method = integrationMethod(options.method);
  const gap = maxGapMs(options.maxGapMinutes);
  assertSortedTime(series);
  const { time, length, columns } = series;
  const fields = ([1, 2, 3, 4] as const).map(
    (n) => (channels === 'Power' ? `Power${n}` : `Power${n}N`) as MeasurementField,
  );
  const untrackedW = new Float64Array(length);
  const usage = columns.PowerUsage;
  for (let row = 0; row < length; row++) {
    let tracked = 0;
    for (const field of fields) {
      const v = columns[field][row] as number;
      if (Number.isFinite(v)) tracked += v;
    }
    const rest = (usage[row] as number) - tracked;
    untrackedW[row] = options.allowNegativeRemainder ? rest : Math.max(0, rest);
  }
  let buckets: CircuitBuckets | null = null;
  if (options.unit) {
    const timeZone = options.timeZone ?? 'UTC';
    assertTimeZone(timeZone);
    const valid = Array.from(time).filter((t) => !Number.isNaN(t));
    const edges =
      valid.length === 0
        ? new Float64Array(0)
        : bucketEdges(valid[0] as number, valid[valid.length - 1] as number, options.unit, timeZone);
    const inBuckets = (column: Float64Array) => energyInBuckets(time, column, edges, method, gap);
    buckets = {
      start: edges.subarray(0, Math.max(0, edges.length - 1)),
      end: edges.subarray(1),
      circuits: fields.map((field) => inBuckets(columns[field])),
      untracked: inBuckets(untrackedW),
      usage: inBuckets(usage),
    };
  }
  return {
    buckets,
    circuits: fields.map((field, i) => ({
      field,
      label: options.labels?.[(i + 1) as 1 | 2 | 3 | 4] ?? `Circuit ${i + 1}`,
      kWh: integrateColumn(time, columns[field], length, method, gap),
    })),
    untrackedKWh: integrateColumn(time, untrackedW, length, method, gap),
    usageKWh: integrateColumn(time, usage, length, method, gap),
    untrackedW,
  };
}
