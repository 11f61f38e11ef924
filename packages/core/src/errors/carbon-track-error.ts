/** What a {@link CarbonTrackError} knows about the failed request. */
export interface CarbonTrackErrorDetails {
  /** HTTP status of the response, when there was one. */
  status?: number | undefined;
  /** `ErrorNumber` from the API's error payload (or the OAuth `error` code for token requests). */
  errorNumber?: number | string | undefined;
  /** `ErrorMessage` (or `Message`, or OAuth `error_description`) from the API's error payload. */
  errorMessage?: string | undefined;
  /** HTTP method of the request. */
  method?: string | undefined;
  /** Path of the request, without host or query string (e.g. `/ctapi/Measurement`). */
  path?: string | undefined;
  /** The lower-level error, when there was one. */
  cause?: unknown;
}

/**
 * Base class of every error the client raises. Carries the HTTP status, the API's error payload
 * fields, the method and the path; never a password, token or query string.
 */
export class CarbonTrackError extends Error {
  /** HTTP status of the response, when there was one. */
  readonly status: number | undefined;
  /** `ErrorNumber` from the API's error payload (or the OAuth `error` code). */
  readonly errorNumber: number | string | undefined;
  /** `ErrorMessage` from the API's error payload. */
  readonly errorMessage: string | undefined;
  /** HTTP method of the request. */
  readonly method: string | undefined;
  /** Path of the request (no host, no query). */
  readonly path: string | undefined;

  constructor(message: string, details: CarbonTrackErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.status = details.status;
    this.errorNumber = details.errorNumber;
    this.errorMessage = details.errorMessage;
    this.method = details.method;
    this.path = details.path;
  }

  /** A plain object for logs: the same fields, nothing secret. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      status: this.status,
      errorNumber: this.errorNumber,
      errorMessage: this.errorMessage,
      method: this.method,
      path: this.path,
    };
  }
}

/** Input rejected before any request (bad device ID, date or paging number), or a 400 from the API. */
export class ValidationError extends CarbonTrackError {
  /** The input field at fault, when known (e.g. `deviceId`, `from`). */
  readonly field: string | undefined;
  constructor(message: string, details: CarbonTrackErrorDetails & { field?: string | undefined } = {}) {
    super(message, details);
    this.field = details.field;
  }
}

/** Authentication failed: wrong credentials, a refused token, or a 401 that a token refresh did not cure. */
export class AuthenticationError extends CarbonTrackError {}

/** 403: the account may not access the entity requested. */
export class PermissionError extends CarbonTrackError {}

/** 404: the device or resource does not exist. */
export class NotFoundError extends CarbonTrackError {}

/** 429 after every retry: the API kept asking the client to slow down. */
export class RateLimitError extends CarbonTrackError {
  /** How long the API asked to wait, in milliseconds, when it said. */
  readonly retryAfterMs: number | undefined;
  constructor(message: string, details: CarbonTrackErrorDetails & { retryAfterMs?: number | undefined } = {}) {
    super(message, details);
    this.retryAfterMs = details.retryAfterMs;
  }
}

/** 5xx after every retry. */
export class ServerError extends CarbonTrackError {}

/** The request never got a response (connection refused, reset, DNS). */
export class NetworkError extends CarbonTrackError {}

/** No response within the per-request timeout. */
export class TimeoutError extends CarbonTrackError {}

/** A response whose body is not what the API documents (truncated or invalid JSON, wrong shape). */
export class MalformedResponseError extends CarbonTrackError {}
