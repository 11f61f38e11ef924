// createSimulator: wires the generated world, auth, middleware and routes into one Hono app.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { createAccounts, type DemoAccount } from './auth/accounts.js';
import { requireToken } from './auth/require-token.js';
import { tokenRoute } from './auth/token-route.js';
import { TokenStore } from './auth/token-store.js';
import { generateWorld } from './data/generate-world.js';
import type { World } from './data/world.js';
import type { AppEnv } from './http/app-env.js';
import { ApiError, apiErrorResponse, ERROR_NUMBERS, errorResponse } from './http/error-response.js';
import { faultInjector } from './http/faults.js';
import { latency } from './http/latency.js';
import { rateLimiter } from './http/rate-limiter.js';
import { countRequests, emptyStats, increment, type SimulatorStats } from './http/stats.js';
import { type ResolvedSimulatorOptions, resolveOptions, type SimulatorOptions } from './options.js';
import { customerRoute } from './routes/customer-route.js';
import { deviceRoute } from './routes/device-route.js';
import { distributorRoute } from './routes/distributor-route.js';
import { measurementRoute } from './routes/measurement-route.js';

/** A Fetch-API request handler. */
export type FetchHandler = (request: Request) => Promise<Response>;

/** A simulator: callable as a Fetch-API handler, with its world, accounts and counters. */
export interface Simulator extends FetchHandler {
  /** The same handler as calling the simulator. */
  readonly fetch: FetchHandler;
  /** The demo accounts (demo/demo → distributor A, demo2/demo2 → distributor B). */
  readonly accounts: readonly DemoAccount[];
  /** The generated distributors, customers and devices (read-only). */
  readonly world: World;
  /** Live counters of requests, routes, grant types, statuses and faults. */
  readonly stats: SimulatorStats;
  /** Zeroes every counter in {@link Simulator.stats}. */
  resetStats(): void;
  /** Makes every access token issued so far expired now, to test a client's refresh path. */
  expireTokens(): void;
  /** The options with their defaults filled in. */
  readonly options: ResolvedSimulatorOptions;
}

const METHODS: Readonly<Record<string, string>> = {
  '/oauth/token': 'POST',
  '/ctapi/Distributor': 'GET',
  '/ctapi/Customer': 'GET',
  '/ctapi/Device': 'POST',
  '/ctapi/Measurement': 'POST',
};

/** Creates a simulator. The world is generated now, from `options.seed`. */
export function createSimulator(options: SimulatorOptions = {}): Simulator {
  const resolved = resolveOptions(options);
  const { seed, now } = resolved;
  const world = generateWorld(seed, now(), {
    devices: resolved.devices || undefined,
    hostileFixtures: resolved.hostileFixtures,
  });
  const accounts = createAccounts(world);
  const tokens = new TokenStore(resolved.tokenLifetimeSeconds, now);
  const stats = emptyStats();

  const app = new Hono<AppEnv>();
  app.use(countRequests(() => stats));
  app.use(latency(seed, resolved.latencyMs, resolved.jitterMs));
  if (resolved.cors.length > 0) {
    // hono matches '*' literally inside a list, so "any origin" must be passed on its own.
    const origin = resolved.cors.includes('*') ? '*' : [...resolved.cors];
    app.use(cors({ origin, exposeHeaders: ['Retry-After', 'WWW-Authenticate'] }));
  }
  const faults = faultInjector(seed, resolved.faultRate, (kind) => increment(stats.faults, kind));
  app.use('/oauth/token', faults);
  app.use('/ctapi/*', faults);
  app.use(
    bodyLimit({
      maxSize: resolved.maxBodyBytes,
      onError: () =>
        errorResponse(
          413,
          ERROR_NUMBERS.payloadTooLarge,
          `The request body is larger than ${resolved.maxBodyBytes} bytes.`,
        ),
    }),
  );

  const authenticated = [requireToken(tokens), rateLimiter(resolved.rateLimit, now)] as const;
  app.post(
    '/oauth/token',
    tokenRoute(accounts, tokens, (grant) => increment(stats.tokenRequests, grant)),
  );
  app.get('/ctapi/Distributor', ...authenticated, distributorRoute(world));
  app.get('/ctapi/Customer', ...authenticated, customerRoute(world));
  app.post('/ctapi/Device', ...authenticated, deviceRoute(world, now));
  app.post('/ctapi/Measurement', ...authenticated, measurementRoute(world, now, resolved.numberFormat));
  for (const [path, method] of Object.entries(METHODS)) {
    app.all(path, (c) =>
      errorResponse(
        405,
        ERROR_NUMBERS.methodNotAllowed,
        `${c.req.method} is not allowed on ${path}; use ${method}.`,
        undefined,
        {
          Allow: method,
        },
      ),
    );
  }
  app.notFound((c) => errorResponse(404, ERROR_NUMBERS.notFound, `No endpoint at ${c.req.path}.`));
  app.onError((error) =>
    error instanceof ApiError
      ? apiErrorResponse(error)
      : errorResponse(500, ERROR_NUMBERS.serverError, 'An error has occurred.'),
  );

  const handler: FetchHandler = async (request) => app.fetch(request);
  return Object.assign(handler, {
    fetch: handler,
    accounts,
    world,
    stats,
    resetStats: () => Object.assign(stats, emptyStats()),
    expireTokens: () => tokens.expireAll(),
    options: resolved,
  });
}
