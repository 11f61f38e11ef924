import type { CarbonTrackClient, Device } from '@carbontrack/core';

/** The newest record of a device, in W. */
export interface LatestReading {
  /** Epoch ms of the record. */
  time: number;
  usageW: number;
  solarW: number;
}

/** A device that has not sent data for this long is shown as offline. */
export const OFFLINE_AFTER_MS = 30 * 60_000;

/** When the device last sent data (epoch ms), or undefined when the API did not say. */
export function lastDataTime(device: Device): number | undefined {
  const text = device.DeviceDataUpdateDateTime ?? device.DeviceStatusUpdateDateTime;
  const time = text ? Date.parse(text) : Number.NaN;
  return Number.isNaN(time) ? undefined : time;
}

export function isOffline(device: Device, now = Date.now()): boolean {
  const last = lastDataTime(device);
  return last !== undefined && now - last > OFFLINE_AFTER_MS;
}

/** Whether the device reports solar generation (an inverter or a solar sensor). */
export function hasSolar(device: Device): boolean {
  return device.IsDeviceContainsInverter === true || /solar/i.test(device.SensorConfig ?? '');
}

/**
 * The device's newest record: the hour before its last data time (or now), through core's
 * measurements, which is a single request.
 */
export async function fetchLatestReading(
  client: CarbonTrackClient,
  device: Device,
  options: { now?: number; signal?: AbortSignal } = {},
): Promise<LatestReading | undefined> {
  const now = options.now ?? Date.now();
  const end = Math.min(now, lastDataTime(device) ?? now) + 1;
  const series = await client
    .measurements({ deviceId: device.DeviceID as string, from: end - 3_600_000, to: end, signal: options.signal })
    .collect();
  for (let row = series.length - 1; row >= 0; row--) {
    const usageW = series.columns.PowerUsage[row] as number;
    if (Number.isFinite(usageW)) {
      return { time: series.time[row] as number, usageW, solarW: series.columns.Generating[row] as number };
    }
  }
  return undefined;
}

/** "850 W" or "1.2 kW". */
export function formatPower(watts: number): string {
  if (!Number.isFinite(watts)) return '–';
  return Math.abs(watts) < 1000 ? `${Math.round(watts)} W` : `${(watts / 1000).toFixed(1)} kW`;
}

/** The tree description of a reading, e.g. "1.2 kW use · 3.4 kW solar". */
export function describeReading(reading: LatestReading, solar: boolean): string {
  const use = `${formatPower(reading.usageW)} use`;
  return solar && Number.isFinite(reading.solarW) ? `${use} · ${formatPower(reading.solarW)} solar` : use;
}
