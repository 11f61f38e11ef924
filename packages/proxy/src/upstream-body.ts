import type { ProxyRoute } from './proxy-routes.js';

/**
 * Whether an upstream 2xx body is the documented page shape of `route`: JSON, and the list the
 * route returns. A truncated, invalid or HTML body is not, and must be neither cached nor
 * forwarded as `200 application/json`.
 */
export function isDocumentedBody(route: ProxyRoute, body: string): boolean {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    return false;
  }
  const page = data as Record<string, unknown> | null;
  switch (route) {
    case '/ctapi/Distributor':
      return Array.isArray(data);
    case '/ctapi/Customer':
      return !!page && typeof page === 'object' && Array.isArray(page.CustomerList);
    case '/ctapi/Device':
      return !!page && typeof page === 'object' && Array.isArray(page.Devices);
    case '/ctapi/Measurement':
      return !!page && typeof page === 'object' && Array.isArray(page.Measurements);
  }
}
