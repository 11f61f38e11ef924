// Clear-sky solar model with smooth seeded cloud cover.
import { valueNoise } from './random.js';

const DEG = Math.PI / 180;
const DAY_MS = 86_400_000;
const HALF_HOUR = 1_800_000;

/** Day of the year (1..366) of a UTC instant. */
export function dayOfYear(timeMs: number): number {
  const date = new Date(timeMs);
  return Math.floor((timeMs - Date.UTC(date.getUTCFullYear(), 0, 1)) / DAY_MS) + 1;
}

/**
 * Sine of the solar elevation at a place and UTC instant (declination and equation-of-time
 * approximations, good to about a degree); positive when the sun is above the horizon.
 */
export function sinSolarElevation(
  latitude: number,
  longitude: number,
  timeMs: number,
  doy = dayOfYear(timeMs),
): number {
  const declination = 23.44 * DEG * Math.sin((2 * Math.PI * (284 + doy)) / 365);
  const b = (2 * Math.PI * (doy - 81)) / 364;
  const equationOfTimeMin = 9.87 * Math.sin(2 * b) - 7.53 * Math.cos(b) - 1.5 * Math.sin(b);
  const utcMinutes = (((timeMs % DAY_MS) + DAY_MS) % DAY_MS) / 60_000;
  const solarMinutes = utcMinutes + 4 * longitude + equationOfTimeMin;
  const hourAngle = (solarMinutes / 4 - 180) * DEG;
  const lat = latitude * DEG;
  return Math.sin(lat) * Math.sin(declination) + Math.cos(lat) * Math.cos(declination) * Math.cos(hourAngle);
}

/** Clear-sky global horizontal irradiance in W/m² for a given sine of the solar elevation. */
export function clearSkyIrradiance(sinElevation: number): number {
  return sinElevation > 0 ? 1000 * sinElevation ** 1.15 : 0;
}

/**
 * Cloud cover in [0, 1] for a city: a per-day cloudiness (knots every 24 h, skewed towards clear
 * days) plus intraday variation with knots every 30 minutes, both smooth in time.
 */
export function cloudCover(cloudSeed: number, timeMs: number): number {
  const daily = valueNoise(cloudSeed, timeMs / DAY_MS) ** 1.6;
  const passing = valueNoise(cloudSeed ^ 0x5bd1e995, timeMs / HALF_HOUR) - 0.5;
  return Math.min(1, Math.max(0, daily + passing * 0.5 * (0.3 + daily)));
}

/** Irradiance in W/m² after clouds: thick cloud still lets a quarter through. */
export function irradiance(sinElevation: number, cloud: number): number {
  return clearSkyIrradiance(sinElevation) * (1 - 0.75 * cloud);
}

/** AC output of a system of `kWp` at an irradiance, in W (system losses about 20 %). */
export function solarOutputW(irradianceWm2: number, kWp: number): number {
  return irradianceWm2 * kWp * 0.8;
}
