/**
 * `@carbontrack/core/devices`: the rules about a device the widgets and the extension share:
 * whether it is online (one threshold), when it last sent data, and whether it has a battery or
 * solar. Browser-safe.
 * @packageDocumentation
 */

export { deviceHasBattery, deviceHasSolar } from './device-capabilities.js';
export {
  DEFAULT_OFFLINE_AFTER_MINUTES,
  type DeviceStatus,
  type DeviceStatusOptions,
  deviceStatus,
  lastDataTime,
} from './device-status.js';
