// POST /ctapi/Device, first page (PageIndex 0, the description's base). Device IDs are fine to show
// shortened; names, addresses and IP addresses are not reported.
import { asNumber, asRecord, callEndpoint, emptyEndpointSection } from './endpoint-call.js';
import type { Operation } from './exchange.js';
import type { ProbeContext } from './probe-context.js';
import type { DeviceSection } from './probe-report.js';

/** The Device operation. */
export const DEVICE_OPERATION: Operation = { method: 'POST', path: '/ctapi/Device' };

/** A Device response, read. */
export interface DevicePage {
  devices: Record<string, unknown>[];
  count: number | null;
  pages: number | null;
  pagesIndex: number | null;
}

/** A device section before its step runs. */
export function emptyDeviceSection(): DeviceSection {
  return { ...emptyEndpointSection(DEVICE_OPERATION), count: null, listed: null, idsNotSixteenDigits: null };
}

/** Runs the Device step into `section`; returns the page for the paging and measurement steps. */
export async function checkDevice(context: ProbeContext, section: DeviceSection): Promise<DevicePage | null> {
  const body = await callEndpoint(context, section, DEVICE_OPERATION, devicePageRequest(0));
  if (body === undefined) return null;
  const page = readDevicePage(body);
  section.count = page.count;
  section.listed = page.devices.length;
  section.idsNotSixteenDigits = page.devices.filter((d) => !/^\d{16}$/.test(String(d.DeviceID))).length;
  return page;
}

/** The request of one page of devices. */
export function devicePageRequest(pageIndex: number) {
  return { method: 'POST', path: '/ctapi/Device', json: { PageIndex: pageIndex } } as const;
}

/** Reads a Device body. */
export function readDevicePage(body: unknown): DevicePage {
  const fields = asRecord(body);
  return {
    devices: (Array.isArray(fields.Devices) ? fields.Devices : []).map(asRecord),
    count: asNumber(fields.Count),
    pages: asNumber(fields.Pages),
    pagesIndex: asNumber(fields.PagesIndex),
  };
}

/** The ID of the device that reported last (the likeliest to have a full recent day), with that time. */
export function latestDevice(devices: readonly Record<string, unknown>[]): { id: string; lastDataMs: number } | null {
  let best: { id: string; lastDataMs: number } | null = null;
  for (const device of devices) {
    if (typeof device.DeviceID !== 'string' || device.DeviceID === '') continue;
    const last = Date.parse(String(device.DeviceDataUpdateDateTime));
    const lastDataMs = Number.isNaN(last) ? Number.NEGATIVE_INFINITY : last;
    if (!best || lastDataMs > best.lastDataMs) best = { id: device.DeviceID, lastDataMs };
  }
  return best;
}
