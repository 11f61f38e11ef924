import { canonicalTimeZone } from './time-zone.js';

/** Where a device is, as the API's Device record gives it (decimal degrees). */
export interface DeviceLocation {
  /** Latitude, −90..90. */
  Latitude?: number | null | undefined;
  /** Longitude, −180..180. */
  Longitude?: number | null | undefined;
}

let lookup: Promise<(latitude: number, longitude: number) => string> | undefined;

/**
 * The IANA zone at a device's coordinates, from an offline lookup (`@photostructure/tz-lookup`,
 * no network). Null when the record has no usable position: missing, out of range, or exactly
 * (0, 0), which the API documentation's examples use as "not set".
 *
 * Asynchronous because the lookup's table (about 29 kB gzip) is loaded on first use, so bundles
 * carry it as a separate chunk that pages which set their zone never fetch. The API's
 * `TimezoneId` is an undocumented integer, so it is not used.
 */
export async function deviceTimeZone(device: DeviceLocation | null | undefined): Promise<string | null> {
  const lat = device?.Latitude;
  const lon = device?.Longitude;
  if (typeof lat !== 'number' || typeof lon !== 'number' || !Number.isFinite(lat) || !Number.isFinite(lon)) return null;
  if (lat === 0 && lon === 0) return null;
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
  lookup ??= import('@photostructure/tz-lookup').then((m) => m.default);
  const tzlookup = await lookup;
  try {
    return canonicalTimeZone(tzlookup(lat, lon));
  } catch {
    return null;
  }
}
