// Outdoor and indoor temperature, shared by Temperature1/2 and the Weather of a device.
import { valueNoise } from './random.js';
import { cloudCover, dayOfYear, sinSolarElevation } from './solar-model.js';
import type { DeviceRecord } from './world.js';

const DAY_MS = 86_400_000;
const THREE_HOURS = 10_800_000;

/**
 * Outdoor temperature in °C: a mean that falls with latitude (Darwin ≈ 28, Hobart ≈ 13), a
 * seasonal swing peaking in late January that grows with latitude, a diurnal swing peaking at
 * 15:00 solar time that clouds damp, and slow seeded drift.
 */
export function outdoorTemperature(
  latitude: number,
  longitude: number,
  timeMs: number,
  doy: number,
  cloud: number,
  cloudSeed: number,
): number {
  const absLat = Math.abs(latitude);
  const mean = 28 - 0.45 * (absLat - 12);
  const seasonal = (1 + 0.22 * (absLat - 12)) * Math.cos((2 * Math.PI * (doy - 20)) / 365);
  const solarHour = ((((timeMs % DAY_MS) + DAY_MS) % DAY_MS) / 3_600_000 + longitude / 15) % 24;
  const diurnal = 5 * (1 - 0.5 * cloud) * Math.cos((2 * Math.PI * (solarHour - 15)) / 24);
  const drift = (valueNoise(cloudSeed ^ 0x27d4eb2f, timeMs / THREE_HOURS) - 0.5) * 3;
  return mean + seasonal + diurnal + drift;
}

/** Indoor temperature in °C: follows outdoors weakly, held within 17..27 by the building. */
export function indoorTemperature(outdoorC: number, noiseSeed: number, timeMs: number): number {
  const drift = (valueNoise(noiseSeed ^ 0x165667b1, timeMs / THREE_HOURS) - 0.5) * 2;
  return Math.min(27, Math.max(17, 21.5 + 0.3 * (outdoorC - 21) + drift));
}

/** WeatherIcon for a cloud cover and whether the sun is up. */
export function weatherIcon(cloud: number, sunUp: boolean): string {
  if (cloud < 0.25) return sunUp ? 'clear-day' : 'clear-night';
  if (cloud < 0.6) return sunUp ? 'partly-cloudy-day' : 'partly-cloudy-night';
  return 'cloudy';
}

/** The Weather of a device at an instant: outdoor temperature (same model as Temperature2) and an icon. */
export function currentWeather(
  device: Pick<DeviceRecord, 'latitude' | 'longitude' | 'cloudSeed'>,
  timeMs: number,
): { temperatureC: number; icon: string } {
  const doy = dayOfYear(timeMs);
  const cloud = cloudCover(device.cloudSeed, timeMs);
  const sunUp = sinSolarElevation(device.latitude, device.longitude, timeMs, doy) > 0;
  return {
    temperatureC: outdoorTemperature(device.latitude, device.longitude, timeMs, doy, cloud, device.cloudSeed),
    icon: weatherIcon(cloud, sunUp),
  };
}
