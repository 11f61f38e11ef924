import type { Device } from '../api-types.js';

/**
 * Minutes without data after which a device counts as offline: three missed five-minute reports.
 * The one threshold of the toolkit (the device card's `offline-after` and the extension use it).
 */
export const DEFAULT_OFFLINE_AFTER_MINUTES = 15;

/** Whether a device is sending data: `unknown` when nothing says when it last did. */
export type DeviceStatus = 'online' | 'offline' | 'unknown';

/**
 * When the device last sent data, epoch ms: the newer of its `DeviceDataUpdateDateTime` (else
 * `DeviceStatusUpdateDateTime`) and the time of its latest record, when one is known. Null when
 * neither says.
 */
export function lastDataTime(
  device: Pick<Device, 'DeviceDataUpdateDateTime' | 'DeviceStatusUpdateDateTime'>,
  latestRecordTime?: number | null,
): number | null {
  const reported = Date.parse(device.DeviceDataUpdateDateTime ?? device.DeviceStatusUpdateDateTime ?? '');
  const latest = latestRecordTime ?? Number.NaN;
  const best = Math.max(Number.isNaN(reported) ? -1 : reported, Number.isNaN(latest) ? -1 : latest);
  return best < 0 ? null : best;
}

/** Options of {@link deviceStatus}. */
export interface DeviceStatusOptions {
  /** Time of the device's latest record, if fetched (epoch ms). */
  latestRecordTime?: number | null | undefined;
  /** Minutes without data after which it is offline (default {@link DEFAULT_OFFLINE_AFTER_MINUTES}). */
  offlineAfterMinutes?: number | undefined;
  /** Now, epoch ms (default `Date.now()`). */
  now?: number | undefined;
}

/** Online when its last data is younger than the threshold, offline when older, unknown without a time. */
export function deviceStatus(
  device: Pick<Device, 'DeviceDataUpdateDateTime' | 'DeviceStatusUpdateDateTime'>,
  { latestRecordTime, offlineAfterMinutes, now = Date.now() }: DeviceStatusOptions = {},
): DeviceStatus {
  const last = lastDataTime(device, latestRecordTime);
  if (last === null) return 'unknown';
  const minutes =
    offlineAfterMinutes !== undefined && offlineAfterMinutes > 0 ? offlineAfterMinutes : DEFAULT_OFFLINE_AFTER_MINUTES;
  return now - last < minutes * 60_000 ? 'online' : 'offline';
}
