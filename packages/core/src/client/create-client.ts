import type { paths } from '@carbontrack/api';
import createClient, { type Client, createQuerySerializer } from 'openapi-fetch';
import type { Customer, Device, Distributor } from '../api-types.js';
import type { AuthStrategy } from '../auth/auth-strategy.js';
import { noAuth } from '../auth/auth-strategy.js';
import { passwordAuth } from '../auth/password-auth.js';
import { tokenProviderAuth } from '../auth/token-provider-auth.js';
import type { TokenResponse } from '../auth/tokens.js';
import { NotFoundError, ValidationError } from '../errors/carbon-track-error.js';
import { redact } from '../errors/redact.js';
import { fetchThroughTransport, PlainRequest, plainFetchThroughTransport } from '../http/fetch-adapters.js';
import { resolveRetryPolicy } from '../http/retry-policy.js';
import { createTransport, type Transport } from '../http/transport.js';
import { yieldToEventLoop } from '../http/yield-to-event-loop.js';
import { MeasurementParseError } from '../measurements/measurement-parse-error.js';
import { parseMeasurements } from '../measurements/parse-measurements.js';
import { assertDeviceId, assertWholeNumber } from '../validation/validate-input.js';
import { type CallContext, callApi, withAttempts } from './call-api.js';
import { MeasurementIterable, type MeasurementQuery, type ParsedMeasurementPage } from './measurement-iterable.js';
import type { CallOptions, CarbonTrackClientOptions, CustomerQuery, DeviceQuery } from './options.js';
import { PagedIterable } from './paged-iterable.js';
import { readPageCount } from './read-page-count.js';

/** The carbonTRACK API client returned by {@link createCarbonTrackClient}. */
export interface CarbonTrackClient {
  /** The typed openapi-fetch client, with this client's auth, retries and timeouts, for any path. */
  readonly raw: Client<paths>;
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

/**
 * Creates a carbonTRACK API client on top of openapi-fetch and the generated types: OAuth 2.0
 * tokens (cached, refreshed before expiry, single-flight), retries with backoff, timeouts, typed
 * errors, input validation and paging.
 */
export function createCarbonTrackClient(options: CarbonTrackClientOptions): CarbonTrackClient {
  const baseUrl = checkBaseUrl(options.baseUrl);
  const retry = resolveRetryPolicy(options.retry);
  const timeoutMs = options.timeoutMs ?? 30_000;
  assertWholeNumber(timeoutMs, 'timeoutMs', 0);
  const fetch = options.fetch;
  if (fetch !== undefined && typeof fetch !== 'function') {
    throw new ValidationError('fetch must be a function', { field: 'fetch' });
  }

  // Token requests go through the same retries, never with a bearer token.
  const tokenClient = internalClient(baseUrl, createTransport({ fetch, auth: noAuth, retry, timeoutMs }));
  const auth = chooseAuth(options, async (form) => {
    const context = tokenContext();
    return callApi(
      context,
      (attempts) =>
        tokenClient.POST('/oauth/token', {
          ...withAttempts(attempts),
          body: form as never,
          bodySerializer: (body: Record<string, string>) => new URLSearchParams(body).toString(),
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        }),
      readTokenResponse,
    );
  });
  const redactSecrets = (text: string) => redact(text, auth.secrets());
  const tokenContext = (): CallContext => ({ method: 'POST', path: '/oauth/token', retry, redact: redactSecrets });
  const context = (method: string, path: string, signal?: AbortSignal): CallContext => ({
    method,
    path,
    retry,
    signal,
    redact: redactSecrets,
  });

  const transport = createTransport({ fetch, auth, retry, timeoutMs });
  const raw = createClient<paths>({ baseUrl, fetch: fetchThroughTransport(transport) });
  // The high-level calls share the transport but skip building Fetch API Request/Response objects.
  const api = internalClient(baseUrl, transport);

  function distributors(callOptions: CallOptions = {}): PagedIterable<Distributor> {
    return new PagedIterable(async () => ({
      items: await callApi(
        context('GET', '/ctapi/Distributor', callOptions.signal),
        (attempts) => api.GET('/ctapi/Distributor', { ...withAttempts(attempts), ...signalOption(callOptions.signal) }),
        (data) => (Array.isArray(data) ? (data as Distributor[]) : undefined),
      ),
      last: true,
    }));
  }

  function customers(query: CustomerQuery = {}): PagedIterable<Customer> {
    const pageSize = query.pageSize ?? 100;
    assertWholeNumber(pageSize, 'pageSize');
    return new PagedIterable(async (index, seen) => {
      const result = await callApi(
        context('GET', '/ctapi/Customer', query.signal),
        (attempts) =>
          api.GET('/ctapi/Customer', {
            ...withAttempts(attempts),
            params: {
              query: {
                'customerRequest.customerRef': query.customerRef,
                'customerRequest.phone': query.phone,
                'customerRequest.address': query.address,
                'customerRequest.page': index + 1,
                'customerRequest.pageSize': pageSize,
              },
            },
            ...signalOption(query.signal),
          }),
        (data) => {
          const d = data as { CustomerList?: unknown; RecordCount?: unknown } | undefined;
          return d && Array.isArray(d.CustomerList) && typeof d.RecordCount === 'number'
            ? { list: d.CustomerList as Customer[], total: d.RecordCount }
            : undefined;
        },
      );
      return { items: result.list, last: result.list.length === 0 || seen + result.list.length >= result.total };
    });
  }

  function devices(query: DeviceQuery = {}): PagedIterable<Device> {
    if (query.deviceId !== undefined) assertDeviceId(query.deviceId);
    return new PagedIterable(async (pageIndex) => {
      const result = await callApi(
        context('POST', '/ctapi/Device', query.signal),
        (attempts) =>
          api.POST('/ctapi/Device', {
            ...withAttempts(attempts),
            body: {
              DeviceID: query.deviceId,
              CustomerReference: query.customerReference,
              DistributorID: query.distributorId,
              RegisteredOnly: query.registeredOnly,
              PageIndex: pageIndex,
            },
            ...signalOption(query.signal),
          }),
        (data) => {
          const d = data as { Devices?: unknown; Pages?: unknown } | undefined;
          return d && Array.isArray(d.Devices)
            ? { list: d.Devices as Device[], pages: typeof d.Pages === 'number' ? d.Pages : 1 }
            : undefined;
        },
      );
      return { items: result.list, last: result.list.length === 0 || pageIndex + 1 >= result.pages };
    });
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

  function measurements(query: MeasurementQuery): MeasurementIterable {
    return new MeasurementIterable(query, {
      fetchPage: (body, signal, inSlot) =>
        callApi(
          context('POST', '/ctapi/Measurement', signal),
          async (attempts) => {
            const result = await inSlot(() =>
              api.POST('/ctapi/Measurement', { ...withAttempts(attempts), body, signal, parseAs: 'text' }),
            );
            // Let bodies that have arrived meanwhile be read (and their slots freed) before this one is parsed.
            await yieldToEventLoop();
            return result;
          },
          readMeasurementPage,
        ),
    });
  }

  return { raw, distributors, customers, devices, device, measurements };
}

/**
 * An openapi-fetch client for the client's own calls: typed paths and serialization from
 * openapi-fetch, plain request objects and in-memory responses underneath (see PlainRequest).
 * Only status, ok, headers and the data of its results may be used.
 */
function internalClient(baseUrl: string, transport: Transport): Client<paths> {
  return createClient<paths>({
    baseUrl,
    Request: PlainRequest as unknown as typeof Request,
    // Built once: by default openapi-fetch builds a query serializer on every request.
    querySerializer: createQuerySerializer(),
    fetch: plainFetchThroughTransport(transport) as unknown as (request: Request) => Promise<Response>,
  });
}

/**
 * `{ signal }` when there is one, else no key at all: openapi-fetch copies every key of a call's
 * options, and an undefined `signal` costs a small call several microseconds.
 */
function signalOption(signal: AbortSignal | undefined): { signal?: AbortSignal } {
  return signal ? { signal } : {};
}

function chooseAuth(
  options: CarbonTrackClientOptions,
  requestToken: (form: Record<string, string>) => Promise<TokenResponse>,
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

function readTokenResponse(data: unknown): TokenResponse | undefined {
  const d = data as Partial<TokenResponse> | undefined;
  return d && typeof d.access_token === 'string' && d.access_token && typeof d.expires_in === 'number'
    ? (d as TokenResponse)
    : undefined;
}

// A page that does not parse (truncated, invalid JSON, not a page) is malformed: undefined makes callApi retry it.
function readMeasurementPage(data: unknown): ParsedMeasurementPage | undefined {
  if (typeof data !== 'string') return undefined;
  try {
    const series = parseMeasurements(data);
    return { series, pages: readPageCount(data) ?? 1 };
  } catch (error) {
    if (error instanceof MeasurementParseError) return undefined;
    throw error;
  }
}
