import type { CarbonTrackClient, Device } from '@carbontrack/core';
import { deviceTimeZone, type ResolvedTimeZone, resolveTimeZone } from '@carbontrack/core/time-zone';
import { usageError } from '../cli-error.js';

/**
 * The zone a device's times are read and shown in, by core's one rule: `--tz` when given, else
 * the device's own zone (from its coordinates), else the machine's. The device is fetched once.
 */
export async function zoneForDevice(
  client: CarbonTrackClient,
  deviceId: string,
  tz: string | undefined,
  signal: AbortSignal,
): Promise<{ device: Device; zone: ResolvedTimeZone }> {
  const device = await client.device(deviceId, { signal });
  try {
    return { device, zone: resolveTimeZone({ explicit: tz, deviceZone: await deviceTimeZone(device) }) };
  } catch (error) {
    throw usageError(`--tz: ${(error as Error).message}`);
  }
}

/** "Australia/Sydney (the device's zone)" and the like, for a note on stderr. */
export function describeZone(zone: ResolvedTimeZone): string {
  const why = { attribute: '--tz', provider: '--tz', device: "the device's zone", browser: "this machine's zone" }[
    zone.source
  ];
  return `${zone.timeZone} (${why})`;
}
