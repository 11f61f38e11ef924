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

    const nowMs = now();
    const start = pageIndex * DEVICE_PAGE_SIZE;
    const matches = (device: DeviceRecord) =>
      (!registeredOnly || device.isRegistered) && (!customerRef || device.customerRef.toLowerCase() === customerRef);
    let page: DeviceRecord[];
    let count: number;
    if (deviceId) {
      const device = findOwnDevice(world, account, deviceId);
      page = matches(device) && start === 0 ? [device] : [];
      count = matches(device) ? 1 : 0;
    } else {
      const own = world.deviceRange(account.distributorId);
      const owner = customerRef ? world.customerByRef(customerRef) : undefined;
      const range = customerRef
        ? owner && owner.record.DistributorId === account.distributorId
          ? world.devicesOfCustomer(owner.index)
          : { first: 0, end: 0 }
        : own;
      if (!registeredOnly) {
        // Unfiltered: the page is built alone, however many devices the world has.
        count = range.end - range.first;
        page = [];
        for (let i = range.first + start; i < Math.min(range.end, range.first + start + DEVICE_PAGE_SIZE); i++) {
          page.push(world.device(i));
        }
      } else {
        const all: DeviceRecord[] = [];
        for (let i = range.first; i < range.end; i++) {
          const device = world.device(i);
          if (matches(device)) all.push(device);
        }
        count = all.length;
        page = all.slice(start, start + DEVICE_PAGE_SIZE);
      }
    }
    return c.json({
      Devices: page.map((device) => toDeviceModel(device, nowMs)),
      Count: count,
      Pages: Math.ceil(count / DEVICE_PAGE_SIZE),
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
