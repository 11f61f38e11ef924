import { MalformedResponseError } from '../errors/carbon-track-error.js';
import type { RequestPipeline, SendOptions } from '../http/request-pipeline.js';
import { concatSeries } from '../measurements/concat-series.js';
import { dedupeSeries } from '../measurements/dedupe-series.js';
import { orderInRange } from '../measurements/order-in-range.js';
import type { MeasurementSeries } from '../measurements/series.js';
import { formatApiDate } from '../validation/validate-input.js';
import { postJsonRequest, proxyMeasurementRequest } from './api-requests.js';
import type { MeasurementPageReader } from './read-measurement-page.js';

/** Where measurement pages come from and how they are read. @internal */
export interface MeasurementTarget {
  readonly baseUrl: string;
  readonly pipeline: RequestPipeline;
  readonly readPage: MeasurementPageReader;
}

/** Pages a call may still fetch, shared by its windows. @internal */
export interface PageBudget {
  left: number;
  readonly limit: number;
}

/**
 * Every record of one device in one window [fromMs, toMs), paged as the API announces, within the
 * page budget: the window's own records, in time order, repeats at page edges dropped. A server
 * that ignores PageIndex (a page repeating the previous one) or keeps announcing pages fails with a
 * {@link MalformedResponseError} instead of paging forever. @internal
 */
export async function fetchMeasurementWindow(
  target: MeasurementTarget,
  deviceId: string,
  fromMs: number,
  toMs: number,
  send: SendOptions,
  budget: PageBudget,
  readPath: boolean,
): Promise<MeasurementSeries> {
  const pages: MeasurementSeries[] = [];
  const range = { from: formatApiDate(fromMs), to: formatApiDate(toMs) };
  for (let pageIndex = 0; ; pageIndex++) {
    if (budget.left <= 0) {
      throw new MalformedResponseError(
        `POST /ctapi/Measurement: the API keeps announcing pages beyond maxPages (${budget.limit}) for ${range.from} to ${range.to}; raise maxPages if it pages finer than a day`,
        { method: 'POST', path: '/ctapi/Measurement' },
      );
    }
    budget.left--;
    const request = readPath
      ? proxyMeasurementRequest(target.baseUrl, { device: deviceId, ...range, page: pageIndex })
      : postJsonRequest(target.baseUrl, '/ctapi/Measurement', {
          DeviceID: deviceId,
          FromUTCDate: range.from,
          ToUTCDate: range.to,
          PageIndex: pageIndex,
        });
    // The slot is held while the request is on the wire, not while its page is parsed.
    const page = await target.pipeline.callBytes(request, (body) => target.readPage(body, pageIndex), send);
    const previous = pages[pages.length - 1];
    if (previous && repeats(page.series, previous)) {
      throw new MalformedResponseError(
        `POST /ctapi/Measurement: page ${pageIndex} repeats page ${pageIndex - 1} (the same ${page.series.length} records)`,
        { method: 'POST', path: '/ctapi/Measurement' },
      );
    }
    pages.push(page.series);
    if (page.series.length === 0 || pageIndex + 1 >= page.pages) break;
  }
  const joined = pages.length === 1 ? (pages[0] as MeasurementSeries) : dedupeSeries(concatSeries(pages));
  // A page may hold records of other times, or out of order: the window keeps its own, in order.
  return orderInRange(joined, fromMs, toMs);
}

/** Whether `page` holds exactly the records of `previous` (a server that ignored PageIndex). */
function repeats(page: MeasurementSeries, previous: MeasurementSeries): boolean {
  if (page.length === 0 || page.length !== previous.length) return false;
  for (let row = 0; row < page.length; row++) {
    if (page.ids[row] !== previous.ids[row] || !Object.is(page.time[row], previous.time[row])) return false;
  }
  return true;
}
