// The proxy as deployed: its own process (the carbontrack-proxy bin, configured by environment),
// in front of an upstream that misbehaves on purpose, spoken to over real HTTP.
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSimulator } from '@carbontrack/simulator';
import { freePort } from '@carbontrack/test-support/free-port';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ProxyProcess, startProxy } from './proxy-process.js';

const simulator = createSimulator({ seed: 44 });
const device = simulator.world.devices.find(
  (d) => d.distributorId === simulator.world.distributors[0]?.ID && d.offlineSinceMs === null,
)?.id as string;
const measurementBody = JSON.stringify({
  DeviceID: device,
  FromUTCDate: '2026-01-05T00:00:00Z',
  ToUTCDate: '2026-01-06T00:00:00Z',
});

type Mode = 'ok' | 'truncated' | 'html' | 'blackhole' | '429' | '503';

/** The upstream: the simulator, unless `mode` says to lie on /ctapi/ routes. Counts requests by path. */
class Upstream {
  mode: Mode = 'ok';
  readonly counts = new Map<string, number>();
  url = '';
  private server: Server | undefined;

  async start(): Promise<void> {
    const server = createServer(async (req, res) => {
      const path = (req.url ?? '/').split('?')[0] as string;
      this.counts.set(path, (this.counts.get(path) ?? 0) + 1);
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      if (path.startsWith('/ctapi/') && this.mode !== 'ok') {
        if (this.mode === 'blackhole') return; // never answers
        if (this.mode === '429') {
          res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '30' }).end('{"ErrorNumber":429}');
        } else if (this.mode === '503') res.writeHead(503, { 'content-type': 'application/json' }).end('{}');
        else if (this.mode === 'html')
          res.writeHead(200, { 'content-type': 'text/html' }).end('<html>maintenance</html>');
        else res.writeHead(200, { 'content-type': 'application/json' }).end('[{"ID":"1b25e9b2-cb9d');
        return;
      }
      const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
      const answer = await simulator(
        new Request(`http://sim${req.url}`, {
          method: req.method,
          headers: req.headers as Record<string, string>,
          body: req.method === 'GET' || req.method === 'HEAD' ? undefined : body,
        }),
      );
      res.writeHead(answer.status, Object.fromEntries(answer.headers)).end(Buffer.from(await answer.arrayBuffer()));
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  count(path: string): number {
    return this.counts.get(path) ?? 0;
  }

  close(): Promise<void> {
    (this.server as { closeAllConnections?: () => void } | undefined)?.closeAllConnections?.();
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** A raw HTTP request (any Host header, unlike fetch). */
function send(
  proxy: ProxyProcess,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: proxy.port, path, method: init.method ?? 'GET', headers: init.headers },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

const postMeasurement = (proxy: ProxyProcess, headers: Record<string, string> = {}) =>
  send(proxy, '/ctapi/Measurement', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: measurementBody,
  });

/** An answer in the API's error shape with this status. */
function expectErrorShape(answer: Answer, status: number): void {
  expect(answer.status).toBe(status);
  expect(answer.headers['content-type']).toMatch(/application\/json/);
  expect(JSON.parse(answer.text)).toMatchObject({ ResponseCode: status, Error: 1, ErrorMessage: expect.any(String) });
}

describe('the proxy in production (its own process)', () => {
  const upstream = new Upstream();
  beforeAll(() => upstream.start());
  afterAll(() => upstream.close());

  it('never caches or forwards a 200 that is not the documented page; a good answer stands in, marked stale', async () => {
    const proxy = await startProxy({ CARBONTRACK_UPSTREAM: upstream.url, CARBONTRACK_CACHE_TTL_MS: '200' });
    try {
      upstream.mode = 'ok';
      const good = await send(proxy, '/ctapi/Distributor');
      expect(good.status).toBe(200);
      for (const mode of ['truncated', 'html'] as const) {
        upstream.mode = mode;
        const before = upstream.count('/ctapi/Customer');
        const lie = await send(proxy, '/ctapi/Customer?customerRequest.pageSize=3');
        expectErrorShape(lie, 502);
        const again = await send(proxy, '/ctapi/Customer?customerRequest.pageSize=3');
        expectErrorShape(again, 502);
        // Not cached: each asked upstream again (retries included).
        expect(upstream.count('/ctapi/Customer')).toBeGreaterThan(before + 1);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
      upstream.mode = 'truncated';
      const stale = await send(proxy, '/ctapi/Distributor');
      expect(stale.status).toBe(200);
      expect(JSON.parse(stale.text)).toEqual(JSON.parse(good.text));
      expect(stale.headers['x-carbontrack-stale']).toMatch(/upstream failed with 502/);
      expect(proxy.lines.some((l) => l.kind === 'access' && l.cache === 'stale')).toBe(true);
    } finally {
      upstream.mode = 'ok';
      await proxy.stop();
    }
  });

  it('a DNS-rebinding page is refused; with public origins set, a foreign Host is a 400', async () => {
    const open = await startProxy({ CARBONTRACK_UPSTREAM: upstream.url });
    try {
      const rebound = await send(open, '/ctapi/Distributor', {
        headers: { Host: 'evil.example', Origin: 'http://evil.example' },
      });
      expectErrorShape(rebound, 403);
      expect(rebound.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await open.stop();
    }
    const port = await freePort();
    const own = `http://127.0.0.1:${port}`;
    const listed = await startProxy({ CARBONTRACK_UPSTREAM: upstream.url, CARBONTRACK_PUBLIC_ORIGINS: own }, port);
    try {
      const foreignHost = await send(listed, '/ctapi/Distributor', { headers: { Host: 'evil.example' } });
      expectErrorShape(foreignHost, 400);
      const sameOrigin = await send(listed, '/ctapi/Distributor', {
        headers: { Host: `127.0.0.1:${port}`, Origin: own },
      });
      expect(sameOrigin.status).toBe(200);
      expect(sameOrigin.headers['access-control-allow-origin']).toBe(own);
    } finally {
      await listed.stop();
    }
  });

  it('behind a load balancer: trustProxy keys the rate limit on the forwarded client, not the balancer', async () => {
    const shared = await startProxy({ CARBONTRACK_UPSTREAM: upstream.url, CARBONTRACK_RATE_LIMIT: '3' });
    try {
      for (const client of ['10.0.0.1', '10.0.0.1', '10.0.0.1']) {
        expect((await send(shared, '/ctapi/Distributor', { headers: { 'X-Forwarded-For': client } })).status).toBe(200);
      }
      // Without trustProxy the header is ignored: every client shares the socket's bucket.
      const other = await send(shared, '/ctapi/Distributor', { headers: { 'X-Forwarded-For': '10.0.0.2' } });
      expectErrorShape(other, 429);
    } finally {
      await shared.stop();
    }
    const trusting = await startProxy({
      CARBONTRACK_UPSTREAM: upstream.url,
      CARBONTRACK_RATE_LIMIT: '3',
      CARBONTRACK_TRUST_PROXY: '1',
    });
    try {
      for (let i = 0; i < 3; i++) {
        expect(
          (await send(trusting, '/ctapi/Distributor', { headers: { 'X-Forwarded-For': '10.0.0.1' } })).status,
        ).toBe(200);
      }
      expectErrorShape(await send(trusting, '/ctapi/Distributor', { headers: { 'X-Forwarded-For': '10.0.0.1' } }), 429);
      // A quiet user behind the same balancer keeps their own budget.
      expect((await send(trusting, '/ctapi/Distributor', { headers: { 'X-Forwarded-For': '10.0.0.2' } })).status).toBe(
        200,
      );
      // A client cannot pick its bucket by prepending addresses: the balancer's hop is what counts.
      const spoofed = await send(trusting, '/ctapi/Distributor', {
        headers: { 'X-Forwarded-For': '9.9.9.9, 10.0.0.1' },
      });
      expectErrorShape(spoofed, 429);
    } finally {
      await trusting.stop();
    }
  });

  it('one deadline per browser request across retries; an upstream 429 goes to the browser with its Retry-After', async () => {
    const proxy = await startProxy({
      CARBONTRACK_UPSTREAM: upstream.url,
      CARBONTRACK_DEADLINE_MS: '800',
      CARBONTRACK_CACHE_TTL_MS: '0',
    });
    try {
      await send(proxy, '/ctapi/Distributor'); // the token, outside the timings
      upstream.mode = 'blackhole';
      let started = Date.now();
      const held = await postMeasurement(proxy);
      expectErrorShape(held, 504);
      expect(Date.now() - started).toBeLessThan(3_000);
      upstream.mode = '429';
      const before = upstream.count('/ctapi/Measurement');
      started = Date.now();
      const limited = await postMeasurement(proxy);
      expectErrorShape(limited, 429);
      expect(limited.headers['retry-after']).toBe('30');
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(upstream.count('/ctapi/Measurement')).toBe(before + 1);
    } finally {
      upstream.mode = 'ok';
      await proxy.stop();
    }
  });

  it('hostile input gets a 400 in the error shape, is logged, and never reaches upstream', async () => {
    const proxy = await startProxy({ CARBONTRACK_UPSTREAM: upstream.url });
    try {
      const before = upstream.count('/ctapi/Device');
      const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
      const nested = await send(proxy, '/ctapi/Device', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: `{"DeviceID":${deep}}`,
      });
      expectErrorShape(nested, 400);
      const operator = await send(proxy, '/ctapi/Device', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"DeviceID":{"$ne":null}}',
      });
      expectErrorShape(operator, 400);
      expect(JSON.parse(operator.text).ErrorMessage).toMatch(/DeviceID/);
      const badHost = await send(proxy, '/ctapi/Distributor', { headers: { Host: '999.999.999.999' } });
      expectErrorShape(badHost, 400);
      expect(upstream.count('/ctapi/Device')).toBe(before);
      await new Promise((resolve) => setTimeout(resolve, 50));
      const statuses = proxy.lines.filter((l) => l.kind === 'access').map((l) => l.status);
      expect(statuses).toEqual([400, 400, 400]);
    } finally {
      await proxy.stop();
    }
  });

  it('personal listings are private to the browser, measurements public; Vary: Origin on every answer', async () => {
    const proxy = await startProxy({ CARBONTRACK_UPSTREAM: upstream.url });
    try {
      const customers = await send(proxy, '/ctapi/Customer?customerRequest.pageSize=2');
      expect(customers.headers['cache-control']).toMatch(/^private, max-age=15/);
      const devices = await send(proxy, '/ctapi/Device', { method: 'POST', body: '{}' });
      expect(devices.headers['cache-control']).toMatch(/^private/);
      const measurements = await postMeasurement(proxy);
      expect(measurements.status).toBe(200);
      expect(measurements.headers['cache-control']).toBe('public, max-age=15, stale-while-revalidate=15');
      for (const answer of [customers, devices, measurements]) expect(answer.headers.vary).toMatch(/Origin/);
    } finally {
      await proxy.stop();
    }
  });

  it('a wrong password: one sign-in per cool-down, logged once each, never the password', async () => {
    const before = simulator.stats.tokenRequests;
    const beforeCount = Object.values(before).reduce((a, b) => a + b, 0);
    const proxy = await startProxy({
      CARBONTRACK_UPSTREAM: upstream.url,
      CARBONTRACK_PASSWORD: 'wrong-password-987',
      CARBONTRACK_RATE_LIMIT: '0',
      CARBONTRACK_CACHE_TTL_MS: '0',
    });
    try {
      const answers = await Promise.all(Array.from({ length: 40 }, () => send(proxy, '/ctapi/Distributor')));
      for (const answer of answers) {
        expectErrorShape(answer, 502);
        expect(answer.text).toMatch(/could not sign in/);
      }
      const signIns = Object.values(simulator.stats.tokenRequests).reduce((a, b) => a + b, 0) - beforeCount;
      expect(signIns).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(proxy.lines.filter((l) => l.event === 'upstream-sign-in-refused')).toHaveLength(1);
      expect(proxy.stdout()).not.toContain('wrong-password-987');
      expect(answers.map((a) => a.text).join()).not.toContain('wrong-password-987');
    } finally {
      await proxy.stop();
    }
  });
});

describe('operations endpoints', () => {
  const upstream = new Upstream();
  beforeAll(() => upstream.start());
  afterAll(() => upstream.close());

  it('GET /healthz answers whatever the Host; GET /metrics counts answers, cache results and upstream requests', async () => {
    const port = await freePort();
    const proxy = await startProxy(
      { CARBONTRACK_UPSTREAM: upstream.url, CARBONTRACK_PUBLIC_ORIGINS: `http://127.0.0.1:${port}` },
      port,
    );
    try {
      const health = await send(proxy, '/healthz', { headers: { Host: '10.1.2.3:8788' } });
      expect(health.status).toBe(200);
      expect(JSON.parse(health.text)).toEqual({ status: 'ok' });
      const host = { Host: `127.0.0.1:${port}` };
      const before = upstream.count('/ctapi/Measurement');
      await postMeasurement(proxy, host);
      await postMeasurement(proxy, host);
      await send(proxy, '/ctapi/Nothing', { headers: host });
      const metrics = await send(proxy, '/metrics', { headers: host });
      expect(metrics.status).toBe(200);
      expect(metrics.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
      const value = (name: string) => Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(metrics.text)?.[1]);
      expect(value('carbontrack_proxy_cache_total\\{result="miss"\\}')).toBe(1);
      expect(value('carbontrack_proxy_cache_total\\{result="hit"\\}')).toBe(1);
      expect(value('carbontrack_proxy_refusals_total')).toBe(1);
      expect(value('carbontrack_proxy_answers_total\\{status="200"\\}')).toBe(3);
      // One sign-in and one measurement page went upstream.
      expect(upstream.count('/ctapi/Measurement')).toBe(before + 1);
      expect(value('carbontrack_proxy_upstream_requests_total')).toBe(2);
    } finally {
      await proxy.stop();
    }
  });
});
