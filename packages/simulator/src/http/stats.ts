import type { MiddlewareHandler } from 'hono';

/** Live request counters of a simulator. */
export interface SimulatorStats {
  /** All requests received. */
  requests: number;
  /** Requests per route, e.g. `"POST /ctapi/Measurement"`; anything else counts as `"other"`. */
  routes: Record<string, number>;
  /** Token requests by grant_type (`password`, `refresh_token`, or `invalid`). */
  tokenRequests: Record<string, number>;
  /** Responses by status code, e.g. `"200"`. */
  statuses: Record<string, number>;
  /** Injected faults by kind. */
  faults: Record<string, number>;
}

/** The routes of the API, as counted in {@link SimulatorStats.routes}. */
export const ROUTES = [
  'POST /oauth/token',
  'GET /ctapi/Distributor',
  'GET /ctapi/Customer',
  'POST /ctapi/Device',
  'POST /ctapi/Measurement',
] as const;

/** Fresh, zeroed counters. */
export function emptyStats(): SimulatorStats {
  return { requests: 0, routes: {}, tokenRequests: {}, statuses: {}, faults: {} };
}

/** Increments a counter in a record. */
export function increment(counters: Record<string, number>, key: string): void {
  counters[key] = (counters[key] ?? 0) + 1;
}

/** Middleware counting each request and, once answered, its status. */
export function countRequests(stats: () => SimulatorStats): MiddlewareHandler {
  const known = new Set<string>(ROUTES);
  return async (c, next) => {
    const current = stats();
    const route = `${c.req.method} ${c.req.path}`;
    current.requests += 1;
    increment(current.routes, known.has(route) ? route : 'other');
    await next();
    increment(stats().statuses, String(c.res.status));
  };
}
