import type { Device } from '../api-types.js';
import type { CarbonTrackClient } from '../client/create-client.js';
import { bucketStart } from '../energy/calendar-buckets.js';
import { selectRows } from '../measurements/select-rows.js';
import { emptySeries, type MeasurementSeries } from '../measurements/series.js';
import { assertDeviceId, toEpochMs } from '../validation/validate-input.js';
import type { LiveResource } from './live-data-hub.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** A range relative to now, resolved when fetched: `'1h'`, `'24h'`, `'7d'`, `'30d'` or any `<n>m|h|d`. */
export type RelativeRange = `${number}${'m' | 'h' | 'd'}`;

/** A calendar period in a time zone, resolved when fetched. */
export type EnergyPeriod = 'today' | '7d' | '30d' | 'month';

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

/** Converts `'24h'`-style ranges to milliseconds. @throws RangeError for anything else. */
export function relativeRangeMs(range: string): number {
  const match = /^(\d+(?:\.\d+)?)([mhd])$/.exec(range);
  if (!match) throw new RangeError(`range must look like '30m', '24h' or '7d', got '${range}'`);
  const unit = match[2] === 'm' ? MINUTE_MS : match[2] === 'h' ? HOUR_MS : DAY_MS;
  const ms = Number(match[1]) * unit;
  if (!(ms > 0)) throw new RangeError(`range must be positive, got '${range}'`);
  return ms;
}

/** The [from, to) of a calendar period at `now` in `timeZone`: today, the last 7 or 30 days, this month. */
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
    default:
      throw new RangeError(`period must be 'today', '7d', '30d' or 'month', got '${String(period)}'`);
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
      fetch: (client, signal) => fetchRange(client, deviceId, now() - spanMs, now(), signal),
    };
  }
  const from = toEpochMs(range.from, 'from');
  const to = toEpochMs(range.to, 'to');
  return {
    key: `series:${deviceId}:${from}:${to}`,
    fetch: (client, signal) => fetchRange(client, deviceId, from, to, signal),
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
    fetch: (client, signal) => {
      const { from, to } = energyPeriodRange(period, timeZone, now());
      return fetchRange(client, deviceId, from, to, signal);
    },
  };
}

async function fetchRange(
  client: CarbonTrackClient,
  deviceId: string,
  from: number,
  to: number,
  signal: AbortSignal,
): Promise<RangedSeries> {
  if (!(to > from)) return { series: emptySeries(deviceId), from, to };
  const series = await client.measurements({ deviceId, from, to, signal }).collect();
  return { series, from, to };
}
