import type { AttemptBudget, FetchLike, OutgoingRequest, Transport } from './transport.js';

/**
 * The `fetch` of `client.raw`: takes the Fetch API Request openapi-fetch built and returns a real
 * Response, so middleware and callers see standard objects.
 */
export function fetchThroughTransport(transport: Transport): FetchLike {
  return async (request) => {
    // Read once: every attempt re-sends the same bytes (cheaper than cloning streams).
    const body = request.body === null ? null : await request.arrayBuffer();
    const received = await transport.send(
      { url: request.url, method: request.method, headers: new Headers(request.headers), body, signal: request.signal },
      'arrayBuffer',
    );
    return new Response(received.body, {
      status: received.status,
      statusText: received.statusText,
      headers: received.headers,
    });
  };
}

/**
 * The request object openapi-fetch builds for the client's own calls (given as its `Request`
 * option): URL, method, headers, body and signal as they are. A Fetch API Request costs more than a
 * small request's whole round trip to an in-process handler, and the transport builds one per
 * attempt anyway. @internal
 */
export class PlainRequest implements OutgoingRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: string | null;
  readonly signal: AbortSignal | null;
  readonly attempts: AttemptBudget | undefined;

  constructor(url: string, init: RequestInit & { attempts?: AttemptBudget } = {}) {
    this.url = url;
    this.method = init.method ?? 'GET';
    // openapi-fetch hands over a Headers object of its own: no copy needed.
    this.headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
    // openapi-fetch's JSON serializer and the token form both produce strings.
    this.body = (init.body as string | null | undefined) ?? null;
    this.signal = init.signal ?? null;
    // The call's shared attempt count (see callApi), handed through openapi-fetch's init.
    this.attempts = init.attempts;
  }
}

/** What openapi-fetch reads of a response. @internal */
export type BufferedResponse = Pick<Response, 'status' | 'ok' | 'statusText' | 'headers' | 'text' | 'json'>;

/** The `fetch` paired with {@link PlainRequest}: bodies read as text, no Response rebuilt. @internal */
export function plainFetchThroughTransport(transport: Transport): (request: PlainRequest) => Promise<BufferedResponse> {
  return async (request) => {
    const { status, statusText, headers, body } = await transport.send(request, 'text');
    const text = async () => (body === null ? '' : String(body));
    return {
      status,
      ok: status >= 200 && status < 300,
      statusText,
      headers,
      text,
      json: async () => JSON.parse(await text()),
    };
  };
}
