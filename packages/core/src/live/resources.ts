import type { Device } from '../api-types.js';
import type { CarbonTrackCalls } from '../client/create-client.js';
import { bucketStart } from '../energy/calendar-buckets.js';
import { selectRows } from '../measurements/select-rows.js';
import { emptySeries, type MeasurementSeries } from '../measurements/series.js';
import { assertDeviceId, toEpochMs } from '../validation/validate-input.js';
import type { LiveResource, LoadProgress } from './live-data-hub.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** A range relative to now, resolved when fetched: `'1h'`, `'24h'`, `'7d'`, `'30d'`, `'1y'` or any `<n>m|h|d|y`. */
export type RelativeRange = `${number}${'m' | 'h' | 'd' | 'y'}`;

/**
 * The range presets every view offers (widgets' `range`, the extension's pickers), each ending
 * now: the last 24 hours, 7 days, 30 days and 365 days.
 */
export const RANGE_PRESETS = ['24h', '7d', '30d', '1y'] as const;

/** One of {@link RANGE_PRESETS}. */
export type RangePreset = (typeof RANGE_PRESETS)[number];

/** Whether `value` is one of {@link RANGE_PRESETS}. */
export function isRangePreset(value: string): value is RangePreset {
  return (RANGE_PRESETS as readonly string[]).includes(value);
}

/** The periods of {@link energyPeriodRange}. */
export const ENERGY_PERIODS = ['today', '7d', '30d', 'month', '1y'] as const;

/** A calendar period in a time zone, resolved when fetched. */
export type EnergyPeriod = (typeof ENERGY_PERIODS)[number];

/** A series with the range it was fetched for. */
export interface RangedSeries {
  /** The records in [from, to). */
  series: MeasurementSeries;
  /** Start of the fetched range, epoch ms. */
  from: number;
  /** End of the fetched range (exclusive), epoch ms. */
  to: number;
}

/** The last record of a device within the recent window, or null when it sent none. */
export interface LatestReading {
  /** A one-row series with the last record, or null when the window holds no record. */
  series: MeasurementSeries | null;
  /** Time of the last record, epoch ms; null when there is none. */
  time: number | null;
}

/** Converts `'24h'`-style ranges to milliseconds (`y` is 365 days). @throws RangeError for anything else. */
export function relativeRangeMs(range: string): number {
  const match = /^(\d+(?:\.\d+)?)([mhdy])$/.exec(range);
  if (!match) throw new RangeError(`range must look like '30m', '24h', '7d' or '1y', got '${range}'`);
  const unit = { m: MINUTE_MS, h: HOUR_MS, d: DAY_MS, y: 365 * DAY_MS }[match[2] as 'm' | 'h' | 'd' | 'y'];
  const ms = Number(match[1]) * unit;
  if (!(ms > 0)) throw new RangeError(`range must be positive, got '${range}'`);
  return ms;
}

/** The [from, to) of a calendar period at `now` in `timeZone`: today, the last 7, 30 or 365 days, this month. */
export function energyPeriodRange(period: EnergyPeriod, timeZone: string, now: number): { from: number; to: number } {
  switch (period) {
    case 'today':
      return { from: bucketStart(now, 'day', timeZone), to: now };
    case 'month':
      return { from: bucketStart(now, 'month', timeZone), to: now };
    case '7d':
      return { from: now - 7 * DAY_MS, to: now };
    case '30d':
      return { from: now - 30 * DAY_MS, to: now };
    case '1y':
      return { from: now - 365 * DAY_MS, to: now };
    default:
      throw new RangeError(`period must be one of ${ENERGY_PERIODS.join(', ')}, got '${String(period)}'`);
  }
}

/** Device information (name, customer, firmware, weather, update times) of one device. */
export function deviceResource(deviceId: string): LiveResource<Device> {
  assertDeviceId(deviceId);
  return {
    key: `device:${deviceId}`,
    fetch: (client, signal) => client.device(deviceId, { signal }),
  };
}

/**
 * The latest reading of a device: the last record of the measurements in the last `windowMs`
 * (default one hour), fetched as one small request.
 */
export function latestReadingResource(
  deviceId: string,
  { windowMs = HOUR_MS, now = Date.now }: { windowMs?: number; now?: () => number } = {},
): LiveResource<LatestReading> {
  assertDeviceId(deviceId);
  return {
    key: `latest:${deviceId}:${windowMs}`,
    fetch: async (client, signal) => {
      const to = now() + MINUTE_MS;
      const series = await client.measurements({ deviceId, from: to - windowMs, to, signal }).collect();
      let last = series.length - 1;
      while (last >= 0 && Number.isNaN(series.time[last])) last--;
      if (last < 0) return { series: null, time: null };
      return { series: selectRows(series, [last]), time: series.time[last] as number };
    },
  };
}

/**
 * Measurements of a device over a range: absolute (`from`/`to` as dates) or relative to now
 * (`range: '24h'`), the relative one resolved at each fetch so polling slides the window.
 */
export function seriesResource(
  deviceId: string,
  range: { range: RelativeRange | string } | { from: Date | number | string; to: Date | number | string },
  { now = Date.now }: { now?: () => number } = {},
): LiveResource<RangedSeries> {
  assertDeviceId(deviceId);
  if ('range' in range) {
    const spanMs = relativeRangeMs(range.range);
    return {
      key: `series:${deviceId}:last:${range.range}`,
      fetch: (client, signal, progress) => fetchRange(client, deviceId, now() - spanMs, now(), signal, progress),
    };
  }
  const from = toEpochMs(range.from, 'from');
  const to = toEpochMs(range.to, 'to');
  if (!(to > from))
    throw new RangeError(
      `'from' (${new Date(from).toISOString()}) must be before 'to' (${new Date(to).toISOString()})`,
    );
  return {
    key: `series:${deviceId}:${from}:${to}`,
    fetch: (client, signal, progress) => fetchRange(client, deviceId, from, to, signal, progress),
  };
}

/**
 * What an energy summary of a period needs: the measurements of `period` in `timeZone`, with the
 * resolved range (feed `series` to `summarize`).
 */
export function energyPeriodResource(
  deviceId: string,
  period: EnergyPeriod,
  timeZone: string,
  { now = Date.now }: { now?: () => number } = {},
): LiveResource<RangedSeries> {
  assertDeviceId(deviceId);
  energyPeriodRange(period, timeZone, now());
  return {
    key: `energy:${deviceId}:${period}:${timeZone}`,
    fetch: (client, signal, progress) => {
      const { from, to } = energyPeriodRange(period, timeZone, now());
      return fetchRange(client, deviceId, from, to, signal, progress);
    },
  };
}

/** The records of [from, to) as a {@link RangedSeries}. @internal */
export async function fetchRange(
  client: CarbonTrackCalls,
  deviceId: string,
  from: number,
  to: number,
  signal: AbortSignal,
  progress?: (progress: LoadProgress) => void,
): Promise<RangedSeries> {
  if (!(to > from)) return { series: emptySeries(deviceId), from, to };
  // Progress only where it is worth a label: ranges of more than two daily windows.
  const onProgress =
    progress && to - from > 2 * DAY_MS
      ? ({ done, total }: { done: number; total: number }) => progress({ done, total, unit: 'day' })
      : undefined;
  const series = await client.measurements({ deviceId, from, to, signal, onProgress }).collect();
  return { series, from, to };
}
