/** The read endpoints the proxy forwards, with their method and the request fields it passes on. */
export const PROXY_ROUTES = {
  '/ctapi/Distributor': { method: 'GET', fields: [] },
  '/ctapi/Customer': {
    method: 'GET',
    fields: [
      'customerRequest.customerRef',
      'customerRequest.phone',
      'customerRequest.address',
      'customerRequest.page',
      'customerRequest.pageSize',
    ],
  },
  '/ctapi/Device': {
    method: 'POST',
    fields: ['DeviceID', 'CustomerReference', 'DistributorID', 'RegisteredOnly', 'AdvanceKey', 'PageIndex'],
  },
  '/ctapi/Measurement': {
    method: 'POST',
    fields: ['ID', 'DeviceID', 'DistributorID', 'FromUTCDate', 'ToUTCDate', 'PageIndex'],
  },
} as const;

/** A path the proxy forwards. */
export type ProxyRoute = keyof typeof PROXY_ROUTES;

/** Whether `path` is one of the forwarded endpoints. */
export function isProxyRoute(path: string): path is ProxyRoute {
  return Object.hasOwn(PROXY_ROUTES, path);
}
