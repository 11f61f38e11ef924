// POST /ctapi/Device. PageIndex is 0-based, 50 devices a page; Count is the number of matches across
// all pages (see the x-decision-paging note of the OpenAPI description).

import { formatNumber, SUCCESS_FIELDS } from '@carbontrack/api';
import type { Context } from 'hono';
import { lastDataTime, RECORD_INTERVAL_MS } from '../data/measurement-generator.js';
import { currentWeather } from '../data/weather-model.js';
import type { DeviceRecord, World } from '../data/world.js';
import type { AppEnv } from '../http/app-env.js';
import {
  deviceIdField,
  optionalBoolean,
  optionalString,
  optionalUuid,
  pageIndexField,
  readJsonObject,
} from '../http/request-fields.js';
import { assertOwnDistributor, findOwnDevice } from './device-access.js';

/** Devices per page of POST /ctapi/Device. */
export const DEVICE_PAGE_SIZE = 50;

/** POST /ctapi/Device: the account's devices, optionally one device or one customer's, one page. */
export function deviceRoute(world: World, now: () => number): (c: Context<AppEnv>) => Promise<Response> {
  return async (c) => {
    const body = await readJsonObject(c);
    const deviceId = deviceIdField(body, 'DeviceID', false);
    const customerRef = optionalString(body, 'CustomerReference')?.trim().toLowerCase();
    const distributorId = optionalUuid(body, 'DistributorID');
    const registeredOnly = optionalBoolean(body, 'RegisteredOnly') ?? false;
    optionalString(body, 'AdvanceKey');
    const pageIndex = pageIndexField(body);
    const account = c.get('account');
    assertOwnDistributor(account, distributorId);

    const candidates = deviceId
      ? [findOwnDevice(world, account, deviceId)]
      : world.devices.filter((device) => device.distributorId === account.distributorId);
    const matches = candidates.filter(
      (device) =>
        (!registeredOnly || device.isRegistered) && (!customerRef || device.customerRef.toLowerCase() === customerRef),
    );
    const nowMs = now();
    const start = pageIndex * DEVICE_PAGE_SIZE;
    return c.json({
      Devices: matches.slice(start, start + DEVICE_PAGE_SIZE).map((device) => toDeviceModel(device, nowMs)),
      Count: matches.length,
      Pages: Math.ceil(matches.length / DEVICE_PAGE_SIZE),
      PagesIndex: pageIndex,
      ...SUCCESS_FIELDS,
    });
  };
}

function toDeviceModel(device: DeviceRecord, nowMs: number) {
  const updated = Math.floor(lastDataTime(device, nowMs) / RECORD_INTERVAL_MS) * RECORD_INTERVAL_MS;
  const updatedIso = `${new Date(updated).toISOString().slice(0, 19)}Z`;
  const weather = currentWeather(device, updated);
  const battery = device.battery ? `;battery=${device.battery.capacityKwh}kWh` : '';
  return {
    DeviceID: device.id,
    DeviceName: device.name,
    CustomerRef: device.customerRef,
    IsRegistered: device.isRegistered,
    TimezoneId: device.timezoneId,
    SensorConfig: `CT1:Lights and power;CT2:Hot water;CT3:Air con;CT4:Other${device.solarKwp > 0 ? `;solar=${device.solarKwp}kWp` : ''}${battery}`,
    MeasurementConfig: `interval=300${battery}`,
    FirmwareVersion: device.firmwareVersion,
    DeviceStatusUpdateDateTime: updatedIso,
    DeviceDataUpdateDateTime: updatedIso,
    IPAddress: device.ipAddress,
    Longitude: device.longitude,
    Latitude: device.latitude,
    Distance: 0,
    IsDeviceContainsInverter: device.solarKwp > 0,
    Weather: {
      WeatherLocation: device.city,
      WeatherTemperature: formatNumber(weather.temperatureC),
      WeatherIcon: weather.icon,
      DeviceName: device.name,
      DeviceId: device.id,
    },
    Controls: device.controls,
  };
}
