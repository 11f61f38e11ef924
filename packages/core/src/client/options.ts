import type { EmptyNumber } from '@carbontrack/api';
import type { CarbonTrackCredentials, SignInCooldown, SignInRefusal } from '../auth/password-auth.js';
import type { CarbonTrackTokens } from '../auth/tokens.js';
import type { FetchLike } from '../http/request-pipeline.js';
import type { RetryOptions } from '../http/retry-policy.js';
import type { PowerUnit } from '../measurements/fields.js';

/** Options of {@link createCarbonTrackClient}. Give exactly one of `credentials`, `tokenProvider` or `auth: 'none'`. */
export interface CarbonTrackClientOptions {
  /** API root, e.g. `https://apiv2.carbontrack.com.au` or a local simulator's URL. */
  baseUrl: string;
  /** Account username and password, for the OAuth 2.0 password grant (server-side use). */
  credentials?: CarbonTrackCredentials | undefined;
  /** Returns a bearer token (e.g. a short-lived one from a portal's backend); called again after a 401. */
  tokenProvider?: (() => Promise<string>) | undefined;
  /** `'none'`: send no Authorization header, for a proxy that adds credentials itself. */
  auth?: 'none' | undefined;
  /** Tokens restored from storage (with `credentials`), used until they expire. */
  tokens?: CarbonTrackTokens | undefined;
  /** Called with new tokens after every token request, to persist them (e.g. VS Code SecretStorage). */
  onTokens?: ((tokens: CarbonTrackTokens) => void | Promise<void>) | undefined;
  /** Fetch implementation (default globalThis.fetch); an in-process handler works too. */
  fetch?: FetchLike | undefined;
  /** Per-attempt timeout in whole ms, body included (default 30 000; 0 = none). */
  timeoutMs?: number | undefined;
  /** Retry settings for 429, 5xx, network failures, timeouts and malformed bodies. */
  retry?: RetryOptions | undefined;
  /** Renew tokens this long before they expire, in ms (default 60 000, capped at a quarter of their lifetime). */
  refreshSkewMs?: number | undefined;
  /**
   * The unit the API sends power in (default `'W'`). With `'kW'`, power and apparent-power values
   * are read into W and VA as they are parsed, so series, energy maths and labels stay in one unit.
   */
  powerUnit?: PowerUnit | undefined;
  /** What an empty number string means: `'zero'` (default, as .NET's `#.##` prints 0) or `'missing'`. */
  emptyNumber?: EmptyNumber | undefined;
  /**
   * With `credentials`: how long a refused sign-in is remembered (1 s, doubling to 5 min by
   * default). Meanwhile calls fail at once with the same `AuthenticationError`, no request made.
   */
  signInCooldown?: SignInCooldown | undefined;
  /**
   * `'auto'`: when `baseUrl` is an embedding proxy (`@carbontrack/proxy`) that announces its
   * cache-friendly GET read path (`GET {base}/v1`), fetch measurement pages through it, so a CDN in
   * front can cache them. Default `'off'`: the API's own POST. The widgets' provider uses `'auto'`.
   */
  proxyReads?: 'auto' | 'off' | undefined;
  /** With `credentials`: called once per refused sign-in, never with the password (for a log line). */
  onSignInRefused?: ((refusal: SignInRefusal) => void) | undefined;
}

/** Options shared by every high-level call. */
export interface CallOptions {
  /** Cancels the call, its pending retries and backoff waits. */
  signal?: AbortSignal | undefined;
}

/** Filters of {@link CarbonTrackClient.customers}. */
export interface CustomerQuery extends CallOptions {
  /** Customer external reference (account number) filter. */
  customerRef?: string | undefined;
  /** Phone filter. */
  phone?: string | undefined;
  /** Address filter. */
  address?: string | undefined;
  /** Customers per request (default 100). */
  pageSize?: number | undefined;
  /** Most pages to fetch before giving up on a server that keeps announcing more (default 10,000). */
  maxPages?: number | undefined;
}

/** Filters of {@link CarbonTrackClient.devices}. */
export interface DeviceQuery extends CallOptions {
  /** One device by its 16-digit ID. */
  deviceId?: string | undefined;
  /** Devices of one customer (their account number). */
  customerReference?: string | undefined;
  /** Distributor ID (uuid); the API answers 403 for another distributor's. */
  distributorId?: string | undefined;
  /** Only registered (active) devices. */
  registeredOnly?: boolean | undefined;
  /** Most pages to fetch before giving up on a server that keeps announcing more (default 10,000). */
  maxPages?: number | undefined;
}
