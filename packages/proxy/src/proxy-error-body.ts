/** A body in the API's own error shape, so a browser's client reads the proxy's errors as the API's. */
export function errorBody(status: number, message: string): string {
  return JSON.stringify({
    ResponseCode: status,
    ResponseMessage: REASONS[status] ?? 'Error',
    Message: message,
    Error: 1,
    ErrorNumber: status * 10,
    ErrorMessage: message,
  });
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Payload Too Large',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  504: 'Gateway Timeout',
};
