import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CarbonTrackError, createCarbonTrackClient } from '../src/index.js';

// An upstream that never gets it right: each response is one of `plan`, in turn, forever.
type Fault = '503' | 'truncated' | 'bad-shape' | 'drop';

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function lyingUpstream(plan: Fault[]): Promise<{ url: string; requests: () => number }> {
  let count = 0;
  server = createServer((req, res) => {
    const fault = plan[count++ % plan.length] as Fault;
    req.resume();
    if (fault === '503') res.writeHead(503, { 'content-type': 'application/json' }).end('{"ErrorNumber":503}');
    else if (fault === 'truncated') res.writeHead(200, { 'content-type': 'application/json' }).end('[{"ID":"12');
    else if (fault === 'bad-shape') res.writeHead(200, { 'content-type': 'application/json' }).end('{"no":"list"}');
    else req.socket.destroy();
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests: () => count };
}

describe('one attempt budget per call', () => {
  for (const plan of [
    ['503', 'truncated'],
    ['truncated', '503', '503'],
    ['bad-shape', 'drop', '503'],
    ['truncated'],
    ['503'],
  ] as Fault[][]) {
    it(`makes at most maxAttempts requests in all against ${plan.join(', ')}, …`, async () => {
      const upstream = await lyingUpstream(plan);
      const client = createCarbonTrackClient({
        baseUrl: upstream.url,
        auth: 'none',
        retry: { maxAttempts: 5, baseDelayMs: 1, maxDelayMs: 2 },
        timeoutMs: 2_000,
      });
      const error = await client
        .distributors()
        .collect()
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(error).toBeInstanceOf(CarbonTrackError);
      // Before the budget was shared, the body check retried the whole HTTP retry loop: up to 25.
      expect(upstream.requests()).toBe(5);
    });
  }
});
