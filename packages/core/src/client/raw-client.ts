import type { paths } from '@carbontrack/api';
import createClient, { type Client } from 'openapi-fetch';
import type { RequestPipeline } from '../http/request-pipeline.js';

/**
 * `client.raw`: openapi-fetch on the generated types for any path, its requests on the client's
 * one pipeline (token, retries, timeouts), its responses standard Fetch API objects for middleware.
 * @internal
 */
export function createRawClient(baseUrl: string, pipeline: RequestPipeline): Client<paths> {
  return createClient<paths>({
    baseUrl,
    fetch: async (request: Request) => {
      // Read once: every attempt re-sends the same bytes (cheaper than cloning streams).
      const body = request.body === null ? null : await request.arrayBuffer();
      const received = await pipeline.exchange(
        {
          method: request.method,
          url: request.url,
          path: new URL(request.url).pathname,
          headers: Object.fromEntries(request.headers),
          body,
        },
        { signal: request.signal },
      );
      return new Response(received.body, {
        status: received.status,
        statusText: received.statusText,
        headers: received.headers,
      });
    },
  });
}
