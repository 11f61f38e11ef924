import type { ProxyRoute } from './proxy-routes.js';

/** The record grid: the API's measurements are five minutes apart, on the minute. */
const GRID_MS = 300_000;
const HOUR_MS = 3_600_000;

/** What the proxy's GET read path announces at `GET {base}/v1`, for clients to find it. */
export const READ_PATH_CAPABILITIES = {
  measurements: 'v1/measurements',
  latest: 'v1/latest',
  grid: 'PT5M',
} as const;

/** A GET read-path request turned into the API's request: its route, body and one cache key. */
export type ReadPathRequest =
  | { route: ProxyRoute; input: Record<string, string | number>; key: string }
  | { status: number; message: string };

/**
 * The proxy's cache-friendly read path (CDNs do not cache POST): `GET /v1/measurements?device=
 * &from=&to=[&page=]` and `GET /v1/latest?device=` become the API's POST /ctapi/Measurement.
 * Both ends of a range are rounded up to the five-minute record grid, which keeps exactly the
 * records of [from, to) and makes nearby queries one: `from=10:01` and `from=10:04` are one cache
 * key. Parameters are read by name, so their order does not matter either; anything else is 400.
 */
export function readPathRequest(path: string, query: URLSearchParams, now: number): ReadPathRequest {
  if (path !== '/v1/latest' && path !== '/v1/measurements') return { status: 404, message: 'Not found.' };
  const device = query.get('device') ?? '';
  if (!/^\d{16}$/.test(device)) return { status: 400, message: 'device must be the 16-digit device ID.' };
  let from: number;
  let to: number;
  let page = 0;
  if (path === '/v1/latest') {
    // The last hour up to the next grid mark: every client asking within five minutes shares it.
    to = ceilToGrid(now + 1);
    from = to - HOUR_MS;
  } else {
    from = Date.parse(query.get('from') ?? '');
    to = Date.parse(query.get('to') ?? '');
    if (!Number.isFinite(from) || !Number.isFinite(to)) {
      return { status: 400, message: 'from and to must be ISO 8601 date-times.' };
    }
    if (from > to) return { status: 400, message: 'from must not be after to.' };
    const pageText = query.get('page') ?? '0';
    if (!/^\d{1,6}$/.test(pageText)) return { status: 400, message: 'page must be a whole number.' };
    page = Number(pageText);
    from = ceilToGrid(from);
    to = ceilToGrid(to);
  }
  const input = {
    DeviceID: device,
    FromUTCDate: new Date(from).toISOString().replace('.000Z', 'Z'),
    ToUTCDate: new Date(to).toISOString().replace('.000Z', 'Z'),
    PageIndex: page,
  };
  return { route: '/ctapi/Measurement', input, key: `GET /v1/measurements ${JSON.stringify(input)}` };
}

function ceilToGrid(t: number): number {
  return Math.ceil(t / GRID_MS) * GRID_MS;
}
