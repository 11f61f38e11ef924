import { type NumberFormat, SUCCESS_FIELDS } from '@carbontrack/api';
// POST /ctapi/Measurement. A page is one UTC day (24 h) counted from FromUTCDate, so at most 288
// records; Count covers the whole range, Pages = ceil((To − From) / 24 h); a PageIndex past the end
// returns an empty list. Records never lie after now, nor after an offline device's last report.
import type { Context } from 'hono';
import { countRecords, generateMeasurements, lastDataTime, PAGE_SPAN_MS } from '../data/measurement-generator.js';
import type { World } from '../data/world.js';
import type { AppEnv } from '../http/app-env.js';
import { badRequest } from '../http/error-response.js';
import { dateTimeField, deviceIdField, optionalUuid, pageIndexField, readJsonObject } from '../http/request-fields.js';
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
    const deviceId = deviceIdField(body, 'DeviceID', true);
    const distributorId = optionalUuid(body, 'DistributorID');
    const fromMs = dateTimeField(body, 'FromUTCDate');
    const toMs = dateTimeField(body, 'ToUTCDate');
    if (fromMs > toMs) throw badRequest('FromUTCDate must not be after ToUTCDate.');
    const pageIndex = pageIndexField(body);
    const account = c.get('account');
    assertOwnDistributor(account, distributorId);
    const device = findOwnDevice(world, account, deviceId);

    const lastMs = lastDataTime(device, now());
    const pages = Math.ceil((toMs - fromMs) / PAGE_SPAN_MS);
    const pageStart = fromMs + pageIndex * PAGE_SPAN_MS;
    const measurements =
      pageIndex < pages
        ? generateMeasurements(device, pageStart, Math.min(toMs, pageStart + PAGE_SPAN_MS), lastMs, numberFormat)
        : [];
    return c.json({
      Measurements: measurements,
      Count: countRecords(fromMs, toMs, lastMs),
      Pages: pages,
      PagesIndex: pageIndex,
      ...SUCCESS_FIELDS,
    });
  };
}
