import { type NumberFormat, SUCCESS_FIELDS } from '@carbontrack/api';
// POST /ctapi/Measurement, for one device, several (DeviceID as an array) or a whole distributor
// (DistributorID alone). A page is one device-day: 24 h counted from FromUTCDate, so at most 288
// records; devices in the order given (a distributor's by ascending ID). Count covers every device
// and the whole range, Pages = devices × ceil((To − From) / 24 h); a PageIndex past the end returns
// an empty list. Records never lie after now, nor after an offline device's last report.
import type { Context } from 'hono';
import { countRecords, generateMeasurements, lastDataTime, PAGE_SPAN_MS } from '../data/measurement-generator.js';
import type { DeviceRecord, World } from '../data/world.js';
import type { AppEnv } from '../http/app-env.js';
import { badRequest } from '../http/error-response.js';
import { dateTimeField, deviceIdsField, optionalUuid, pageIndexField, readJsonObject } from '../http/request-fields.js';
import { assertOwnDistributor, findOwnDevice } from './device-access.js';

/** POST /ctapi/Measurement: one page of a device's five-minute records. */
export function measurementRoute(
  world: World,
  now: () => number,
  numberFormat: NumberFormat,
): (c: Context<AppEnv>) => Promise<Response> {
  return async (c) => {
    const body = await readJsonObject(c);
    optionalUuid(body, 'ID');
    const deviceIds = deviceIdsField(body, 'DeviceID');
    const distributorId = optionalUuid(body, 'DistributorID');
    const fromMs = dateTimeField(body, 'FromUTCDate');
    const toMs = dateTimeField(body, 'ToUTCDate');
    if (fromMs > toMs) throw badRequest('FromUTCDate must not be after ToUTCDate.');
    const pageIndex = pageIndexField(body);
    const account = c.get('account');
    assertOwnDistributor(account, distributorId);
    if (!deviceIds && !distributorId) throw badRequest('DeviceID or DistributorID is required.');
    const nowMs = now();
    const listed = deviceIds?.map((id) => findOwnDevice(world, account, id));
    // A distributor's devices are one index range in ascending ID order: nothing is built but the page's.
    const range = listed ? { first: 0, end: listed.length } : world.deviceRange(account.distributorId);
    const deviceAt = (i: number): DeviceRecord =>
      listed ? (listed[i] as DeviceRecord) : world.device(range.first + i);
    const deviceTotal = range.end - range.first;
    const days = Math.ceil((toMs - fromMs) / PAGE_SPAN_MS);
    const pages = deviceTotal * days;
    const deviceIndex = Math.floor(pageIndex / Math.max(1, days));
    const device = pageIndex < pages ? deviceAt(deviceIndex) : undefined;
    const pageStart = fromMs + (pageIndex % Math.max(1, days)) * PAGE_SPAN_MS;
    const measurements = device
      ? generateMeasurements(
          device,
          pageStart,
          Math.min(toMs, pageStart + PAGE_SPAN_MS),
          lastDataTime(device, nowMs),
          numberFormat,
        )
      : [];
    // Every online device has the same count: only the offline ones are counted one by one.
    const offline = listed
      ? listed.flatMap((d) => (d.offlineSinceMs === null ? [] : [d.offlineSinceMs]))
      : world.offlineIn(range);
    let count = (deviceTotal - offline.length) * countRecords(fromMs, toMs, nowMs);
    for (const since of offline) count += countRecords(fromMs, toMs, Math.min(nowMs, since));
    return c.json({
      Measurements: measurements,
      Count: count,
      Pages: pages,
      PagesIndex: pageIndex,
      ...SUCCESS_FIELDS,
    });
  };
}
