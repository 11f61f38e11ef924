import { assertTimeZone } from '@carbontrack/api';
import type { MeasurementField } from '../measurements/fields.js';
import type { MeasurementSeries } from '../measurements/series.js';
import { bucketEdges, type CalendarUnit } from './calendar-buckets.js';
import { assertSortedTime, type IntegrationMethod, integrationMethod, maxGapMs } from './energy-validation.js';
import { integrateColumn } from './integrate-energy.js';
import { energyInBuckets } from './resample.js';

/**
 * Which channels are the circuits: Power1..4 (W), their N variants Power1N..4N (W), or the
 * apparent power of the same circuits, PowerVAH1..4 (VA, so energies are kVAh).
 */
export type CircuitChannels = 'Power' | 'PowerN' | 'PowerVAH';

/** The energy unit of a breakdown: kWh for real power channels, kVAh for apparent power. */
export type CircuitEnergyUnit = 'kWh' | 'kVAh';

/** Options of {@link circuits}. */
export interface CircuitOptions {
  /** Names of the circuits by channel number, e.g. `{ 1: 'Lights and power', 2: 'Hot water' }` (default "Circuit n"). */
  labels?: Partial<Record<1 | 2 | 3 | 4, string>>;
  /** Power1..4 (default), Power1N..4N, or PowerVAH1..4 (apparent power: no untracked remainder). */
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
  /** Energy of each circuit per bucket, in the breakdown's `unit`, in the order of `circuits`. */
  circuits: Float64Array[];
  /** Untracked kWh per bucket (NaN for apparent power channels). */
  untracked: Float64Array;
  /** PowerUsage kWh per bucket (the circuits plus the untracked remainder, within their rules). */
  usage: Float64Array;
}

/** One circuit's share of a period. */
export interface CircuitEnergy {
  /** The channel it is measured on. */
  field: MeasurementField;
  label: string;
  /** Its energy, in the breakdown's `unit` (kWh, or kVAh for PowerVAH channels). */
  energy: number;
  /** Its energy in kWh; NaN for PowerVAH channels (apparent energy is not kWh). */
  kWh: number;
}

/** Where the energy of a period went, by circuit. */
export interface CircuitBreakdown {
  /** The unit of each circuit's `energy` and of the per-bucket circuit columns. */
  unit: CircuitEnergyUnit;
  circuits: CircuitEnergy[];
  /**
   * Energy used on site that no circuit measured (PowerUsage minus the circuits), kWh. NaN for
   * PowerVAH channels: apparent power does not subtract from real power, so there is no remainder
   * to give rather than an invented one.
   */
  untrackedKWh: number;
  /** PowerUsage energy, kWh. */
  usageKWh: number;
  /** The untracked power at each sample, W: what a stacked chart draws on top of the circuits (NaN for PowerVAH). */
  untrackedW: Float64Array;
  /** Per bucket, with `unit`; null otherwise. */
  buckets: CircuitBuckets | null;
}

const CHANNEL_FIELDS: Readonly<Record<CircuitChannels, readonly MeasurementField[]>> = {
  Power: ['Power1', 'Power2', 'Power3', 'Power4'],
  PowerN: ['Power1N', 'Power2N', 'Power3N', 'Power4N'],
  PowerVAH: ['PowerVAH1', 'PowerVAH2', 'PowerVAH3', 'PowerVAH4'],
};

/**
 * The energy of Power1..Power4 (or their N variants) as named circuits, and the untracked
 * remainder: PowerUsage minus the circuits, sample by sample, never below 0 unless allowed
 * (a CT clamped the wrong way round, or one circuit measured twice, would otherwise show as
 * negative use). Circuits plus remainder equal PowerUsage's energy whenever the circuits stay
 * within it. With `channels: 'PowerVAH'` the circuits' apparent energy, in kVAh, and no
 * remainder (NaN): volt-amperes do not subtract from PowerUsage's watts.
 * @throws RangeError for bad options or unsorted times.
 */
export function circuits(series: MeasurementSeries, options: CircuitOptions = {}): CircuitBreakdown {
  const channels = options.channels ?? 'Power';
  if (!Object.hasOwn(CHANNEL_FIELDS, channels)) {
    throw new RangeError(`channels must be 'Power', 'PowerN' or 'PowerVAH', got '${String(channels)}'`);
  }
  const apparent = channels === 'PowerVAH';
  const method = integrationMethod(options.method);
  const gap = maxGapMs(options.maxGapMinutes);
  assertSortedTime(series);
  const { time, length, columns } = series;
  const fields = CHANNEL_FIELDS[channels];
  const untrackedW = new Float64Array(length);
  const usage = columns.PowerUsage;
  if (apparent) {
    untrackedW.fill(Number.NaN);
  } else {
    for (let row = 0; row < length; row++) {
      let tracked = 0;
      for (const field of fields) {
        const v = columns[field][row] as number;
        if (Number.isFinite(v)) tracked += v;
      }
      const rest = (usage[row] as number) - tracked;
      untrackedW[row] = options.allowNegativeRemainder ? rest : Math.max(0, rest);
    }
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
      untracked: apparent ? new Float64Array(Math.max(0, edges.length - 1)).fill(Number.NaN) : inBuckets(untrackedW),
      usage: inBuckets(usage),
    };
  }
  return {
    unit: apparent ? 'kVAh' : 'kWh',
    buckets,
    circuits: fields.map((field, i) => {
      const energy = integrateColumn(time, columns[field], length, method, gap);
      return {
        field,
        label: options.labels?.[(i + 1) as 1 | 2 | 3 | 4] ?? `Circuit ${i + 1}`,
        energy,
        kWh: apparent ? Number.NaN : energy,
      };
    }),
    untrackedKWh: apparent ? Number.NaN : integrateColumn(time, untrackedW, length, method, gap),
    usageKWh: integrateColumn(time, usage, length, method, gap),
    untrackedW,
  };
}
