import type { CarbonTrackClient, Device } from '@carbontrack/core';
import { lastDataTime } from '@carbontrack/core/devices';

/** What the tree shows of a device's newest record, in W. */
export interface ReadingSummary {
  /** Epoch ms of the record. */
  time: number;
  usageW: number;
  solarW: number;
}

/**
 * The device's newest record: the hour before its last data time (or now), through core's
 * measurements, which is a single request.
 */
export async function fetchLatestReading(
  client: CarbonTrackClient,
  device: Device,
  options: { now?: number; signal?: AbortSignal } = {},
): Promise<ReadingSummary | undefined> {
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
export function describeReading(reading: ReadingSummary, solar: boolean): string {
  const use = `${formatPower(reading.usageW)} use`;
  return solar && Number.isFinite(reading.solarW) ? `${use} · ${formatPower(reading.solarW)} solar` : use;
}
