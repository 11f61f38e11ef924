import type { paths } from '@carbontrack/api';
import type { Client } from 'openapi-fetch';
import type { Customer, Device, Distributor } from '../api-types.js';
import type { AuthStrategy } from '../auth/auth-strategy.js';
import { noAuth } from '../auth/auth-strategy.js';
import { passwordAuth } from '../auth/password-auth.js';
import { tokenProviderAuth } from '../auth/token-provider-auth.js';
import type { TokenResponse } from '../auth/tokens.js';
import { MalformedResponseError, NotFoundError, ValidationError } from '../errors/carbon-track-error.js';
import { redact } from '../errors/redact.js';
import { FleetIterable, type FleetSource } from '../fleet/fleet-iterable.js';
import type { FleetQuery } from '../fleet/fleet-query.js';
import type { FleetTarget } from '../fleet/fleet-target.js';
import { createRequestPipeline, type RequestPipeline } from '../http/request-pipeline.js';
import { resolveRetryPolicy } from '../http/retry-policy.js';
import { resolveParseOptions } from '../measurements/parse-options.js';
import { assertDeviceId, assertWholeNumber } from '../validation/validate-input.js';
import { getRequest, postFormRequest, postJsonRequest, readJson } from './api-requests.js';
import { MeasurementIterable, type MeasurementQuery } from './measurement-iterable.js';
import type { CallOptions, CarbonTrackClientOptions, CustomerQuery, DeviceQuery } from './options.js';
import { DEFAULT_MAX_LISTING_PAGES, PagedIterable } from './paged-iterable.js';
import { pagingNumber } from './paging-number.js';
import { createRawClient } from './raw-client.js';
import { type MeasurementPageReader, measurementPageReader } from './read-measurement-page.js';

/**
 * The high-level calls of the carbonTRACK API, returned by {@link createCarbonTrackCalls}: what
 * {@link CarbonTrackClient} has, without `raw`.
 */
export interface CarbonTrackCalls {
  /** The distributor(s) of the account. */
  distributors(options?: CallOptions): PagedIterable<Distributor>;
  /** Customers, over every page, filtered through the API's own filters. */
  customers(query?: CustomerQuery): PagedIterable<Customer>;
  /** Devices, over every page. */
  devices(query?: DeviceQuery): PagedIterable<Device>;
  /** One device by ID; a {@link NotFoundError} when the API has no such device. */
  device(deviceId: string, options?: CallOptions): Promise<Device>;
  /**
   * Measurements of one device in [from, to), fetched in windows with bounded concurrency and
   * yielded in time order as columnar series; `.collect()` returns one series.
   */
  measurements(query: MeasurementQuery): MeasurementIterable;
}

/** The carbonTRACK API client returned by {@link createCarbonTrackClient}. */
export interface CarbonTrackClient extends CarbonTrackCalls {
  /** The typed openapi-fetch client, with this client's auth, retries and timeouts, for any path. */
  readonly raw: Client<paths>;
  /**
   * Measurements of many devices (a distributor's, or those listed) in [from, to), as device-day
   * chunks in device then day order, with progress, a resumable cursor and adaptive concurrency
   * (see {@link FleetIterable}).
   */
  fleetMeasurements(target: FleetTarget, query: FleetQuery): FleetIterable;
}

/**
 * Creates a carbonTRACK API client: the high-level calls ({@link CarbonTrackCalls}) and `raw`,
 * openapi-fetch on the generated types for any path, all on one request pipeline: OAuth 2.0
 * tokens (cached, refreshed before expiry, single-flight), retries with backoff under one attempt
 * budget per call, timeouts, typed errors, input validation and paging.
 */
export function createCarbonTrackClient(options: CarbonTrackClientOptions): CarbonTrackClient {
  const { calls, baseUrl, pipeline, readMeasurementPage, useReadPath } = buildCalls(options);
  const fleet: FleetSource = {
    measurements: { baseUrl, pipeline, readPage: readMeasurementPage },
    listDevices: async (distributorId, signal) =>
      (await calls.devices({ distributorId, signal }).collect()).flatMap((device) => device.DeviceID ?? []),
    useReadPath,
  };
  return {
    ...calls,
    raw: createRawClient(baseUrl, pipeline),
    fleetMeasurements: (target, query) => new FleetIterable(target, query, fleet),
  };
}

/**
 * The high-level calls alone, on the same pipeline as {@link createCarbonTrackClient} but without
 * `raw`: a browser bundle that uses only these carries no openapi-fetch (about 3 kB gzip).
 */
export function createCarbonTrackCalls(options: CarbonTrackClientOptions): CarbonTrackCalls {
  return buildCalls(options).calls;
}

function buildCalls(options: CarbonTrackClientOptions): {
  calls: CarbonTrackCalls;
  baseUrl: string;
  pipeline: RequestPipeline;
  readMeasurementPage: MeasurementPageReader;
  useReadPath: () => Promise<boolean>;
} {
  const baseUrl = checkBaseUrl(options.baseUrl);
  const retry = resolveRetryPolicy(options.retry);
  const timeoutMs = options.timeoutMs ?? 30_000;
  assertWholeNumber(timeoutMs, 'timeoutMs', 0);
  const fetch = options.fetch;
  if (fetch !== undefined && typeof fetch !== 'function') {
    throw new ValidationError('fetch must be a function', { field: 'fetch' });
  }
  const parseOptions = { emptyNumber: options.emptyNumber, powerUnit: options.powerUnit };
  try {
    resolveParseOptions(parseOptions);
  } catch (error) {
    throw new ValidationError((error as Error).message, { field: options.powerUnit ? 'powerUnit' : 'emptyNumber' });
  }
  const readMeasurementPage = measurementPageReader(parseOptions);

  // Token requests take the same road, never with a bearer token.
  const redactSecrets = (text: string) => redact(text, auth.secrets());
  const tokenPipeline = createRequestPipeline({ fetch, auth: noAuth, retry, timeoutMs, redact: redactSecrets });
  const auth = chooseAuth(options, (form, once) =>
    tokenPipeline.call(postFormRequest(baseUrl, '/oauth/token', form), readTokenResponse, {
      maxAttempts: once ? 1 : undefined,
    }),
  );
  const pipeline = createRequestPipeline({ fetch, auth, retry, timeoutMs, redact: redactSecrets });

  function distributors(callOptions: CallOptions = {}): PagedIterable<Distributor> {
    return new PagedIterable(async () => ({
      items: await pipeline.call(getRequest(baseUrl, '/ctapi/Distributor'), readDistributors, callOptions),
      last: true,
    }));
  }

  function customers(query: CustomerQuery = {}): PagedIterable<Customer> {
    const pageSize = query.pageSize ?? 100;
    assertWholeNumber(pageSize, 'pageSize');
    return new PagedIterable(
      async (index, seen) => {
        const request = getRequest(baseUrl, '/ctapi/Customer', {
          'customerRequest.customerRef': query.customerRef,
          'customerRequest.phone': query.phone,
          'customerRequest.address': query.address,
          'customerRequest.page': index + 1,
          'customerRequest.pageSize': pageSize,
        });
        const result = await pipeline.call(request, readCustomerPage, { signal: query.signal });
        return {
          items: result.list,
          last: result.list.length === 0 || seen + result.list.length >= result.total,
          total: result.total,
        };
      },
      listingGuard('GET /ctapi/Customer', query.maxPages, (c: Customer) => c.CustomerId ?? c.AccountNumber),
    );
  }

  function devices(query: DeviceQuery = {}): PagedIterable<Device> {
    if (query.deviceId !== undefined) assertDeviceId(query.deviceId);
    return new PagedIterable(
      async (pageIndex) => {
        const request = postJsonRequest(baseUrl, '/ctapi/Device', {
          DeviceID: query.deviceId,
          CustomerReference: query.customerReference,
          DistributorID: query.distributorId,
          RegisteredOnly: query.registeredOnly,
          PageIndex: pageIndex,
        });
        const result = await pipeline.call(request, devicePageReader(pageIndex), { signal: query.signal });
        return { items: result.list, last: result.list.length === 0 || pageIndex + 1 >= result.pages };
      },
      listingGuard('POST /ctapi/Device', query.maxPages, (d: Device) => d.DeviceID),
    );
  }

  async function device(deviceId: string, callOptions: CallOptions = {}): Promise<Device> {
    assertDeviceId(deviceId);
    // The ID filter leaves one page at most: collect() skips the async-generator machinery.
    const found = (await devices({ deviceId, signal: callOptions.signal }).collect()).find(
      (d) => d.DeviceID === deviceId,
    );
    if (found) return found;
    throw new NotFoundError(`device ${deviceId} was not found`, { method: 'POST', path: '/ctapi/Device' });
  }

  // Asked once: does baseUrl name an embedding proxy that offers the GET read path?
  let readPath: Promise<boolean> | undefined;
  const useReadPath = (): Promise<boolean> => {
    if (options.proxyReads !== 'auto') return Promise.resolve(false);
    readPath ??= pipeline
      .call({ method: 'GET', url: `${baseUrl}/v1`, path: '/v1', headers: {}, body: null }, readCapabilities, {
        maxAttempts: 1,
      })
      .catch(() => false);
    return readPath;
  };

  function measurements(query: MeasurementQuery): MeasurementIterable {
    return new MeasurementIterable(query, baseUrl, pipeline, readMeasurementPage, useReadPath);
  }

  return {
    calls: { distributors, customers, devices, device, measurements },
    baseUrl,
    pipeline,
    readMeasurementPage,
    useReadPath,
  };
}

function chooseAuth(
  options: CarbonTrackClientOptions,
  requestToken: (form: Record<string, string>, once: boolean) => Promise<TokenResponse>,
): AuthStrategy {
  const chosen = [options.credentials, options.tokenProvider, options.auth].filter((v) => v !== undefined);
  if (chosen.length !== 1) {
    throw new ValidationError('give exactly one of credentials, tokenProvider or auth: "none"', {
      field: 'credentials',
    });
  }
  if (options.auth !== undefined) {
    if (options.auth !== 'none') throw new ValidationError('auth may only be "none"', { field: 'auth' });
    return noAuth;
  }
  if (options.tokenProvider) return tokenProviderAuth(options.tokenProvider);
  const credentials = options.credentials;
  if (!credentials || typeof credentials.username !== 'string' || !credentials.username) {
    throw new ValidationError('credentials.username must be a non-empty string', { field: 'credentials.username' });
  }
  if (typeof credentials.password !== 'string' || !credentials.password) {
    throw new ValidationError('credentials.password must be a non-empty string', { field: 'credentials.password' });
  }
  return passwordAuth({
    credentials,
    requestToken,
    tokens: options.tokens,
    onTokens: options.onTokens,
    refreshSkewMs: options.refreshSkewMs,
    signInCooldown: options.signInCooldown,
    onSignInRefused: options.onSignInRefused,
  });
}

function checkBaseUrl(value: unknown): string {
  let url: URL;
  try {
    url = new URL(String(value));
  } catch {
    throw new ValidationError('baseUrl must be an absolute http(s) URL', { field: 'baseUrl' });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ValidationError('baseUrl must be an absolute http(s) URL', { field: 'baseUrl' });
  }
  // Credentials in a URL end up in logs and histories; they belong in `credentials`.
  if (url.username || url.password) {
    throw new ValidationError('baseUrl must not contain a username or password; use credentials', {
      field: 'baseUrl',
    });
  }
  return url.href.replace(/\/+$/, '');
}

const readTokenResponse = readJson((data): TokenResponse | undefined => {
  const d = data as Partial<TokenResponse> | undefined;
  return d && typeof d.access_token === 'string' && d.access_token && typeof d.expires_in === 'number'
    ? (d as TokenResponse)
    : undefined;
});

// The proxy's announcement (`GET {base}/v1`); a 404 or any other answer means no read path.
const readCapabilities = readJson(
  (data) => (data as { measurements?: unknown } | null)?.measurements === 'v1/measurements',
);

const readDistributors = readJson((data) => (Array.isArray(data) ? (data as Distributor[]) : undefined));

const readCustomerPage = readJson((data) => {
  const d = data as { CustomerList?: unknown; RecordCount?: unknown } | null;
  const total = pagingNumber(d?.RecordCount);
  return d && Array.isArray(d.CustomerList) && total !== undefined
    ? { list: d.CustomerList as Customer[], total }
    : undefined;
});

// The page asked for, or a MalformedResponseError (fetched again) when the answer names another.
function devicePageReader(pageIndex: number) {
  return readJson((data) => {
    const d = data as { Devices?: unknown; Pages?: unknown; PagesIndex?: unknown } | null;
    if (!d || !Array.isArray(d.Devices)) return undefined;
    const echoed = pagingNumber(d.PagesIndex);
    if (echoed !== undefined && echoed !== pageIndex) {
      throw new MalformedResponseError(`the answer to page ${pageIndex} says it is page ${echoed} (PagesIndex)`);
    }
    return { list: d.Devices as Device[], pages: pagingNumber(d.Pages) ?? 1 };
  });
}

function listingGuard<T>(what: string, maxPages: number | undefined, key: (item: T) => unknown) {
  if (maxPages !== undefined) assertWholeNumber(maxPages, 'maxPages');
  return { what, maxPages: maxPages ?? DEFAULT_MAX_LISTING_PAGES, key };
}
