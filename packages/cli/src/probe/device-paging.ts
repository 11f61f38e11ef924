// Device paging (x-decision-paging: PageIndex from 0, 50 devices a page, Count across all pages,
// Pages, PagesIndex echoing PageIndex). PageIndex 1 is asked for and compared with PageIndex 0.
import { DEVICE_OPERATION, type DevicePage, devicePageRequest, readDevicePage } from './device-check.js';
import { sendRecorded } from './endpoint-call.js';
import { whyUnusable } from './exchange.js';
import type { ProbeContext } from './probe-context.js';
import type { DevicePaging } from './probe-report.js';

/** A device paging section before its step runs. */
export function emptyDevicePaging(): DevicePaging {
  return {
    outcome: 'skipped',
    base: 'unclear',
    devicesPerPage: null,
    count: null,
    pages: null,
    consistent: null,
    inconsistencies: [],
    exchanges: [],
  };
}

/**
 * Runs the device paging step into `section`. `first` is the Device step's PageIndex 0, null when
 * that was refused: PageIndex 1 alone then tells whether the server counts from 1. Returns the
 * devices of PageIndex 1 for the measurement step when PageIndex 0 had none to offer.
 */
export async function checkDevicePaging(
  context: ProbeContext,
  section: DevicePaging,
  first: DevicePage | null,
): Promise<DevicePage | null> {
  const { exchange, body } = await sendRecorded(context, DEVICE_OPERATION, devicePageRequest(1));
  section.exchanges.push(exchange);
  const second = body === undefined ? null : readDevicePage(body);
  if (!first) {
    if (second && second.devices.length > 0) {
      section.base = 'one-based';
      section.outcome = 'pass';
      describeFirstPage(section, second, 1);
    } else {
      section.outcome = 'fail';
      section.reason = `PageIndex 0 was refused and PageIndex 1 gave no devices: ${whyUnusable(exchange)}`;
    }
    return second;
  }
  describeFirstPage(section, first, 0);
  const perPage = first.devices.length;
  if (second) {
    const firstIds = first.devices.map((d) => d.DeviceID);
    const secondIds = second.devices.map((d) => d.DeviceID);
    if (secondIds.length > 0 && secondIds.every((id, i) => id === firstIds[i])) section.base = 'one-based-or-ignored';
    else if (secondIds.length > 0) section.base = 'zero-based';
    else if (first.count !== null && first.count > perPage) {
      section.inconsistencies.push(`PageIndex 1 is empty although Count (${first.count}) is more than page 0 holds`);
    } else section.base = 'zero-based';
    if (secondIds.length > 0 && second.pagesIndex !== null && second.pagesIndex !== 1) {
      section.inconsistencies.push(`PagesIndex is ${second.pagesIndex} for PageIndex 1`);
    }
  }
  section.consistent = section.inconsistencies.length === 0;
  section.outcome = 'pass';
  return null;
}

function describeFirstPage(section: DevicePaging, page: DevicePage, pageIndex: number): void {
  const perPage = page.devices.length;
  section.devicesPerPage = perPage;
  section.count = page.count;
  section.pages = page.pages;
  const { count, pages } = page;
  if (count !== null && count < perPage)
    section.inconsistencies.push(`Count (${count}) is less than the ${perPage} listed`);
  if (count !== null && pages !== null && perPage > 0) {
    const expected = count === 0 ? 0 : Math.ceil(count / perPage);
    if (pages !== expected) {
      section.inconsistencies.push(`Pages is ${pages}, but Count ${count} at ${perPage} a page makes ${expected}`);
    }
  }
  if (page.pagesIndex !== null && page.pagesIndex !== pageIndex) {
    section.inconsistencies.push(`PagesIndex is ${page.pagesIndex} for PageIndex ${pageIndex}`);
  }
  section.consistent = section.inconsistencies.length === 0;
}
