import {
  AuthenticationError,
  CarbonTrackError,
  MalformedResponseError,
  NetworkError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  TimeoutError,
  ValidationError,
} from '@carbontrack/core';
import { CliError } from '../cli-error.js';
import { EXIT_CODES } from '../exit-codes.js';

/**
 * The {@link CliError} for a client error: exit code 2 (1 for input the client refused before any
 * request), the client's message (already free of credentials) and what to do next.
 */
export function apiFailure(error: CarbonTrackError): CliError {
  if (error instanceof ValidationError && error.status === undefined) {
    return new CliError(error.message, EXIT_CODES.usage);
  }
  return new CliError(error.message, EXIT_CODES.api, hintFor(error));
}

function hintFor(error: CarbonTrackError): string | undefined {
  if (error instanceof AuthenticationError) {
    return 'Check CARBONTRACK_USERNAME and CARBONTRACK_PASSWORD (or unset CARBONTRACK_BASE_URL to use the simulator).';
  }
  if (error instanceof PermissionError) return 'The account cannot see it: `ct devices` lists what it can.';
  if (error instanceof NotFoundError) return 'Check the ID: `ct devices` lists the devices the account can see.';
  if (error instanceof RateLimitError) return 'The API is rate limiting: wait a minute, or pass a lower --rps.';
  if (error instanceof NetworkError || error instanceof TimeoutError) {
    return 'Check CARBONTRACK_BASE_URL and the network; `ct probe` tests the connection.';
  }
  if (error instanceof MalformedResponseError)
    return 'The API answered something unexpected: `ct probe` reports what differs.';
  return undefined;
}

/** Whether `error` is one of the client's typed errors. */
export function isApiError(error: unknown): error is CarbonTrackError {
  return error instanceof CarbonTrackError;
}
