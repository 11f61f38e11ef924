/**
 * `@carbontrack/core/time-zone`: the one time-zone rule shared by the widgets and the extension
 * (a view's setting, else a shared setting, else the device's zone from its coordinates, else the
 * runtime's), with an offline coordinates-to-zone lookup. A separate entry because the lookup
 * table weighs about 29 kB gzip.
 * @packageDocumentation
 */

export { localTimeToInstant } from '../energy/calendar-buckets.js';
export { type DeviceLocation, deviceTimeZone } from './device-time-zone.js';
export { formatLocalIso } from './format-local-iso.js';
export {
  type ResolvedTimeZone,
  resolveTimeZone,
  type TimeZoneChoices,
  type TimeZoneSource,
} from './resolve-time-zone.js';
export { canonicalTimeZone, isTimeZone, runtimeTimeZone, timeZoneOffsetMs } from './time-zone.js';
