import type { Device } from '../api-types.js';

/**
 * Whether a device has a home battery, from its device information: its `SensorConfig` or
 * `MeasurementConfig` names one (the simulator sends `battery=<capacity>kWh` in both). A device
 * without a battery still reports `BatteryCharge` 0 in every measurement, so the reading alone
 * cannot tell an empty battery from none; decide from the device, not from the charge.
 */
export function deviceHasBattery(device: Device): boolean {
  return /battery/i.test(`${device.SensorConfig ?? ''} ${device.MeasurementConfig ?? ''}`);
}

/** Whether a device reports solar generation: it has an inverter, or its `SensorConfig` names solar. */
export function deviceHasSolar(device: Device): boolean {
  return device.IsDeviceContainsInverter === true || /solar/i.test(device.SensorConfig ?? '');
}
