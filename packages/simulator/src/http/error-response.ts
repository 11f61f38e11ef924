// The ErrorResponse payload every /ctapi error carries, and an error type routes throw to produce it.

/** ErrorNumber values, one per kind of failure. */
export const ERROR_NUMBERS = Object.freeze({
  validation: 1001,
  unauthorized: 2001,
  forbidden: 3001,
  notFound: 4001,
  methodNotAllowed: 4050,
  payloadTooLarge: 4130,
  rateLimited: 4290,
  serverError: 5000,
  unavailable: 5030,
});

const REASONS: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Payload Too Large',
  429: 'Too Many Requests',
  500: 'Server Error',
  503: 'Service Unavailable',
};

/** The ErrorResponse body of the OpenAPI description. */
export interface ErrorPayload {
  ResponseCode: number;
  ResponseMessage: string;
  Message: string;
  Error: 1;
  ErrorNumber: number;
  ErrorMessage: string;
}

/** An error that becomes an ErrorResponse with its status; thrown by routes and middleware. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorNumber: number,
    message: string,
    /** Detail naming the field or entity; defaults to the message. */
    readonly detail: string = message,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Shorthand for a 400 validation error naming the field. */
export function badRequest(message: string): ApiError {
  return new ApiError(400, ERROR_NUMBERS.validation, message);
}

/** Builds the JSON response of an ErrorResponse. */
export function errorResponse(
  status: number,
  errorNumber: number,
  message: string,
  detail = message,
  headers: Readonly<Record<string, string>> = {},
): Response {
  const payload: ErrorPayload = {
    ResponseCode: status,
    ResponseMessage: REASONS[status] ?? 'Error',
    Message: message,
    Error: 1,
    ErrorNumber: errorNumber,
    ErrorMessage: detail,
  };
  return Response.json(payload, { status, headers });
}

/** The response for an {@link ApiError}. */
export function apiErrorResponse(error: ApiError): Response {
  return errorResponse(error.status, error.errorNumber, error.message, error.detail, error.headers);
}
