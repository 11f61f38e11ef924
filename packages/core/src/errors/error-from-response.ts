import {
  AuthenticationError,
  type CarbonTrackError,
  type CarbonTrackErrorDetails,
  NotFoundError,
  PermissionError,
  RateLimitError,
  ServerError,
  ValidationError,
} from './carbon-track-error.js';

/** The fields an error response may carry: the API's payload or an OAuth error body. */
interface ErrorPayload {
  ErrorNumber?: unknown;
  ErrorMessage?: unknown;
  Message?: unknown;
  error?: unknown;
  error_description?: unknown;
}

/** What the response told us, for building a typed error. */
export interface FailedResponse {
  status: number;
  method: string;
  path: string;
  /** Parsed JSON body, raw text, or undefined. */
  body: unknown;
  retryAfterMs?: number | undefined;
}

/** Maps a non-2xx response to the matching {@link CarbonTrackError} subclass. */
export function errorFromResponse(failed: FailedResponse, redactText: (text: string) => string): CarbonTrackError {
  const payload = (failed.body && typeof failed.body === 'object' ? failed.body : {}) as ErrorPayload;
  const errorNumber =
    typeof payload.ErrorNumber === 'number'
      ? payload.ErrorNumber
      : typeof payload.error === 'string'
        ? payload.error
        : undefined;
  const rawMessage = [payload.ErrorMessage, payload.Message, payload.error_description].find(
    (m): m is string => typeof m === 'string' && m.length > 0,
  );
  const errorMessage = rawMessage === undefined ? undefined : redactText(rawMessage);
  const details: CarbonTrackErrorDetails = {
    status: failed.status,
    errorNumber,
    errorMessage,
    method: failed.method,
    path: failed.path,
  };
  const what = `${failed.method} ${failed.path} failed with ${failed.status}`;
  const message = errorMessage ? `${what}: ${errorMessage}` : what;
  switch (true) {
    case failed.status === 400 || failed.status === 413 || failed.status === 422:
      return new ValidationError(message, details);
    case failed.status === 401:
      return new AuthenticationError(message, details);
    case failed.status === 403:
      return new PermissionError(message, details);
    case failed.status === 404:
      return new NotFoundError(message, details);
    case failed.status === 429:
      return new RateLimitError(message, { ...details, retryAfterMs: failed.retryAfterMs });
    default:
      return new ServerError(message, details);
  }
}
