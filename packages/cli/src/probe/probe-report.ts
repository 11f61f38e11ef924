// The shape of what `ct probe` finds: plain JSON data, printed as is by `ct probe --json`. Nothing
// in it may identify a person or let anyone sign in: no credentials, no tokens, no customer values
// (counts and shapes only), device IDs shortened.

/** How a section of the probe went. */
export type SectionOutcome =
  /** Checked, and what was seen agrees with the OpenAPI description. */
  | 'pass'
  /** Checked, and something differs from the description (see {@link ProbeReport.differences}). */
  | 'differs'
  /** Could not be completed (no answer, an unusable answer, an error); `reason` says why. */
  | 'fail'
  /** Not attempted (no token, no budget left, nothing to sample); `reason` says why. */
  | 'skipped';

/** Fields every section of the report carries. */
export interface SectionBase {
  /** How the section went. */
  outcome: SectionOutcome;
  /** Why the section failed or was skipped. */
  reason?: string;
}

/** One schema violation, grouped: every error that differs only in array indices counts once. */
export interface SchemaIssue {
  /** JSON pointer into the response body of the first occurrence, e.g. `/Devices/3/DeviceID`. */
  instancePath: string;
  /** The JSON Schema keyword that failed, e.g. `pattern`. */
  keyword: string;
  /** ajv's message, which names the rule, never the value. */
  message: string;
  /** How many errors the group holds. */
  count: number;
}

/** A response body checked against the OpenAPI description. */
export interface SchemaCheck {
  /** JSON pointer of the schema used inside the description; null when none applies. */
  schema: string | null;
  /** Whether the description documents the response's status for this operation; null when unknown. */
  documented: boolean | null;
  /** Whether the body matches; null when it could not be checked (see `note`). */
  valid: boolean | null;
  /** Number of schema errors found, before grouping. */
  errorCount: number;
  /** The errors, grouped and capped. */
  errors: SchemaIssue[];
  /** Why the body was not checked, or which fallback schema was used. */
  note?: string;
}

/** One request the probe sent and what came back. */
export interface Exchange {
  /** The request without secrets, e.g. `GET /ctapi/Customer?customerRequest.page=0`. */
  request: string;
  /** HTTP status; null when no response arrived. */
  status: number | null;
  /** The response Content-Type; null when absent or no response arrived. */
  contentType: string | null;
  /** Whether the body was JSON: `ok`, `invalid` (a JSON Content-Type that does not parse), `not-json`. */
  json: 'ok' | 'invalid' | 'not-json' | null;
  /** Milliseconds until the body was read; null when no response arrived. */
  durationMs: number | null;
  /** Size of the body in bytes; null when no response arrived. */
  bytes: number | null;
  /** Whether the answer is a second attempt, after a 429 and its Retry-After wait. */
  retriedAfter429: boolean;
  /** Why no usable response arrived (no connection, timeout, budget, abort). */
  error?: string;
  /** The server's own error text for a non-2xx answer (sanitised, shortened). */
  serverMessage?: string;
  /** The body checked against the description. */
  schema: SchemaCheck;
}

/** The token endpoint: password grant, refresh, rotation. */
export interface TokenSection extends SectionBase {
  /** The path that answered as a token endpoint (the description says `/oauth/token`); null if none. */
  path: string | null;
  /** Every token request, in order (credentials and tokens never shown). */
  exchanges: Exchange[];
  /** Whether the password grant returned an access token. */
  passwordGrant: boolean;
  /** `expires_in` of the password grant, when it is a number. */
  expiresIn: number | null;
  /** `token_type` of the password grant, when it is a string. */
  tokenType: string | null;
  /** Whether `issued_at` is present (the documentation says it always is). */
  issuedAt: boolean;
  /** Whether the password grant returned a refresh_token. */
  refreshTokenReturned: boolean;
  /** Whether the token response forbids caching (`Cache-Control: no-store`); null without a response. */
  noStore: boolean | null;
  /** The refresh_token grant. */
  refresh: {
    /** Whether a refresh was tried (it needs a refresh_token). */
    attempted: boolean;
    /** Whether it returned a new access token. */
    works: boolean | null;
    /** `expires_in` of the refreshed token. */
    expiresIn: number | null;
    /** Whether the refresh returned a refresh_token different from the one sent. */
    rotates: boolean | null;
    /** Whether the replaced refresh_token still worked, tried once. */
    oldTokenStillWorks: boolean | null;
  };
  /** Password grants repeated because a request later in the run got a 401. */
  reauthentications: number;
}

/** What every endpoint section holds. */
export interface EndpointSection extends SectionBase {
  /** The operation, e.g. `GET /ctapi/Distributor`. */
  operation: string;
  /** Whether the request carried an access token (it does not when the token step failed). */
  authenticated: boolean;
  /** The request and its answer; null when not sent. */
  exchange: Exchange | null;
}

/** GET /ctapi/Distributor. */
export interface DistributorSection extends EndpointSection {
  /** Number of distributors listed. */
  distributors: number | null;
}

/** How one personal field of the customer records looks, without its values. */
export interface FieldShape {
  /** Records with the field present. */
  present: number;
  /** Records where it is an empty string or null. */
  empty: number;
  /** The commonest shapes: letters as `a`, digits as `9`, everything else kept (`9999 999 999`). */
  shapes: string[];
}

/** GET /ctapi/Customer. */
export interface CustomerSection extends EndpointSection {
  /** RecordCount of the response. */
  recordCount: number | null;
  /** Customers in CustomerList. */
  listed: number | null;
  /** Device IDs across the listed customers. */
  devicesListed: number | null;
  /** Shapes of the personal fields (FirstName, Email, Mobile, DateOfBirth, …), keyed by field. */
  personalFields: Record<string, FieldShape>;
}

/** POST /ctapi/Device. */
export interface DeviceSection extends EndpointSection {
  /** Count of the response. */
  count: number | null;
  /** Devices in the list. */
  listed: number | null;
  /** Listed DeviceIDs that are not 16 digits (x-decision-device-id-digits). */
  idsNotSixteenDigits: number | null;
}

/** POST /ctapi/Measurement for one device over one day. */
export interface MeasurementSection extends EndpointSection {
  /** The device sampled, shortened (`8796…4587`). */
  device: string | null;
  /** Start of the day asked for (ISO 8601, UTC). */
  from: string | null;
  /** End of the day asked for (exclusive). */
  to: string | null;
  /** Records returned. */
  records: number | null;
  /** Median seconds between consecutive records (the description says 300). */
  intervalSeconds: number | null;
  /** Fields the records carry that the description does not list. */
  extraFields: string[];
}

/** The forms a formatted number can take. */
export type NumberForm =
  /** Thousands separators: "1,000.00", "1,000". */
  | 'grouped'
  /** Two decimals: "12.50", "0.00". */
  | 'plain-2dp'
  /** One decimal: "12.5", "0.0". */
  | 'plain-1dp'
  /** More than two decimals: "12.345". */
  | 'plain-many-dp'
  /** No fraction: "1000". */
  | 'integer'
  /** No integer zero: ".5", "-.75". */
  | 'no-leading-zero'
  /** The empty string, which `#.##` prints for zero. */
  | 'empty'
  /** Not a formatted number at all: "N/A", a JSON number, null. */
  | 'other';

/** The number strings seen in the measurement fields. */
export interface NumberFormatSection extends SectionBase {
  /** Values looked at. */
  values: number;
  /** Values per form. */
  forms: Record<NumberForm, number>;
  /** Up to three `other` values, as JSON, shortened. */
  otherExamples: string[];
  /** Values not in the documentation's example forms ("0.00", "0.0", "1,000.00"). */
  notDocsExamples: number;
  /** Values not exactly what .NET's `#.##` (`#,###.##` for SignalStrength) prints. */
  notDotnetPatterns: number;
  /** Which writer the values fit: docs examples, .NET patterns, both, neither (`mixed`), or some are not numbers. */
  verdict: 'docs' | 'dotnet' | 'both' | 'mixed' | 'invalid' | 'no-data';
}

/** Customer paging: 1-based `customerRequest.page` and `customerRequest.pageSize`. */
export interface CustomerPaging extends SectionBase {
  /** Which page number gives the first records. */
  base: 'one-based' | 'zero-based' | 'unclear';
  /** What `page=0` gave. */
  pageZero: 'error' | 'same-as-page-1' | 'first-records' | 'empty' | 'other' | null;
  /** Whether `page=1` gave the same first records as a request without paging parameters. */
  pageOneIsFirst: boolean | null;
  /** Page size without `pageSize`, when RecordCount shows the list was cut; null when all fit. */
  defaultPageSize: number | null;
  /** The small page size asked for. */
  requestedPageSize: number;
  /** Whether that many came back. */
  requestedPageSizeHonoured: boolean | null;
  /** The page size asked for beyond the documented maximum of 500. */
  overMaximumPageSize: number;
  /**
   * What that gave: `rejected` (4xx), `clamped` (200, 500 of more), `honoured` (more than 500),
   * `accepted` (200, but there are too few customers to tell clamped from honoured).
   */
  overMaximum: 'rejected' | 'clamped' | 'honoured' | 'accepted' | 'unclear' | null;
  /** The paging requests (the first page is the Customer endpoint's). */
  exchanges: Exchange[];
}

/** Device paging: `PageIndex`, devices per page, Count and Pages. */
export interface DevicePaging extends SectionBase {
  /** Which PageIndex gives the first page. */
  base: 'zero-based' | 'one-based-or-ignored' | 'one-based' | 'unclear';
  /** Devices on the first page; the page size when Count shows there are more. */
  devicesPerPage: number | null;
  /** Count of the first page. */
  count: number | null;
  /** Pages of the first page. */
  pages: number | null;
  /** Whether Pages = ceil(Count / devices per page) and PagesIndex echoes PageIndex. */
  consistent: boolean | null;
  /** What is inconsistent, in words. */
  inconsistencies: string[];
  /** The second-page request. */
  exchanges: Exchange[];
}

/** Measurement paging for one device-day. */
export interface MeasurementPaging extends SectionBase {
  /** Records on page 0. */
  recordsPerPage: number | null;
  /** Count of page 0. */
  count: number | null;
  /** Pages of page 0 (the description: one device-day a page, so 1). */
  pages: number | null;
  /** What PageIndex 1 of the same day gave. */
  secondPage: 'empty' | 'same-as-first' | 'different' | 'error' | null;
  /** Whether Count, Pages, PagesIndex and the records agree with each other and the request. */
  consistent: boolean | null;
  /** What is inconsistent, in words. */
  inconsistencies: string[];
  /** The second-page request. */
  exchanges: Exchange[];
}

/** Paging of the three paged endpoints. */
export interface PagingSection extends SectionBase {
  customer: CustomerPaging;
  device: DevicePaging;
  measurement: MeasurementPaging;
}

/** Rate limiting, seen in a short burst and over the whole run. */
export interface RateLimitSection extends SectionBase {
  /** Quick GET /ctapi/Distributor requests sent in the burst (it stops at the first 429). */
  burstSize: number;
  /** Statuses of the burst, in order (null: no response). */
  burstStatuses: (number | null)[];
  /** Whether the burst met a 429. */
  limited: boolean;
  /** 429s over the whole run, the burst's included. */
  status429: number;
  /** Retry-After values seen, as sent. */
  retryAfter: string[];
  /** Rate-limit headers seen (`X-RateLimit-*`, `RateLimit-*`), with their last value. */
  headers: Record<string, string>;
  /** The first 429 of the burst, checked against the description. */
  exchange: Exchange | null;
}

/** Median, 95th percentile and maximum of a set of values. */
export interface Distribution {
  /** Values counted. */
  count: number;
  median: number;
  p95: number;
  max: number;
}

/** Which unit the power fields are in, judged from their size. */
export interface PowerSection extends SectionBase {
  /** PowerUsage over the sampled day. */
  powerUsage: Distribution | null;
  /** Generating over the sampled day. */
  generating: Distribution | null;
  /** W, kW, or unclear. */
  verdict: 'W' | 'kW' | 'unclear';
  /** The reasoning, in one line. */
  reasoning: string;
}

/** Everything `ct probe` found, JSON-serialisable. */
export interface ProbeReport {
  /** Version of this shape. */
  reportVersion: 1;
  /** The base URL probed, without credentials, query or fragment. */
  target: string;
  /** When the run started (ISO 8601). */
  startedAt: string;
  /** How long the run took. */
  durationMs: number;
  /** Most requests the run was allowed. */
  requestBudget: number;
  /** Requests sent. */
  requestCount: number;
  /** Whether some step went unsent for want of budget. */
  budgetExhausted: boolean;
  /** Whether the caller aborted the run. */
  aborted: boolean;
  /** Differences from the OpenAPI description (and the documentation it was written from), in words: the headline. */
  differences: string[];
  /** What could not be checked, and why. */
  failures: string[];
  token: TokenSection;
  endpoints: {
    distributor: DistributorSection;
    customer: CustomerSection;
    device: DeviceSection;
    measurement: MeasurementSection;
  };
  numberFormats: NumberFormatSection;
  paging: PagingSection;
  rateLimit: RateLimitSection;
  power: PowerSection;
}
