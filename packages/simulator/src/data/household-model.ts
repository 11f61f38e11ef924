// Household consumption in W from local time, weekday, season and outdoor temperature.
import { valueNoise } from './random.js';
import type { HouseholdProfile } from './world.js';

const FIFTEEN_MINUTES = 900_000;
// A household's habits drift over months (a new fridge, a teenager, an EV): without it the same
// week a year earlier would use the same energy to the watt-hour, and every year-on-year change read 0 %.
const DRIFT_SPAN_MS = 120 * 86_400_000;

/** Local calendar context of an instant, computed once per day by the caller. */
export interface LocalTime {
  /** Local hour of day as a fraction, 0 ≤ hour < 24. */
  readonly hour: number;
  /** Saturday or Sunday in the device's zone. */
  readonly weekend: boolean;
  /** Day of the year (1..366), for the season. */
  readonly doy: number;
}

/**
 * Consumption in W: base load, a morning peak (6–9 local, later at weekends), an evening peak
 * (17–22 local, higher in winter June–August for heating and lighting), more daytime use at
 * weekends, afternoon air-con on hot summer days, ±15 % smooth noise, and a ±8 % drift over
 * months.
 */
export function householdUsageW(
  profile: HouseholdProfile,
  noiseSeed: number,
  timeMs: number,
  local: LocalTime,
  outdoorC: number,
): number {
  const { hour, weekend, doy } = local;
  const winter = Math.max(0, Math.cos((2 * Math.PI * (doy - 196)) / 365));
  const summer = Math.max(0, Math.cos((2 * Math.PI * (doy - 15)) / 365));
  const morning = profile.morningW * (1 + 0.25 * winter) * bump(hour, weekend ? 8.25 : 7.25, weekend ? 1 : 0.7);
  const evening = profile.eveningW * (1 + 0.45 * winter) * bump(hour, 19.25, 1.4);
  const daytime = weekend ? 350 * bump(hour, 13, 2.5) : 0;
  const heat = Math.min(1, Math.max(0, (outdoorC - 25) / 8));
  const airCon = profile.airConW * heat * (0.5 + 0.5 * summer) * bump(hour, 16, 2.5);
  const noise = 0.85 + 0.3 * valueNoise(noiseSeed, timeMs / FIFTEEN_MINUTES);
  const drift = 0.92 + 0.16 * valueNoise(noiseSeed ^ 0x5eed1e, timeMs / DRIFT_SPAN_MS);
  return (profile.baseW + morning + evening + daytime + airCon) * noise * drift;
}

function bump(hour: number, centre: number, width: number): number {
  const d = (hour - centre) / width;
  return Math.exp(-0.5 * d * d);
}
