import { createCarbonTrackClient } from '@carbontrack/core';
import { createSimulator, listen } from '@carbontrack/simulator';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createProxyHandler, type ProxyLogEntry, type ProxyOptions } from '../src/index.js';
import { serveProxy } from '../src/node.js';

const PORTAL = 'https://portal.example.com';
const PASSWORD = 'demo';
const FROM = '2026-01-05T00:00:00Z';
const TO = '2026-01-06T00:00:00Z';

/** A proxy in front of an in-process simulator, recording what reaches upstream. */
function setup(overrides: Partial<ProxyOptions> = {}) {
  const simulator = createSimulator({ seed: 41 });
  const upstreamRequests: Request[] = [];
  const logs: ProxyLogEntry[] = [];
  const proxy = createProxyHandler({
    upstream: 'http://upstream.test',
    credentials: { username: 'demo', password: PASSWORD },
    allowedOrigins: [PORTAL],
    basePath: '/ct',
    fetch: async (request) => {
      upstreamRequests.push(request.clone());
      return simulator(request);
    },
    log: (entry) => logs.push(entry),
    ...overrides,
  });
  const device = simulator.world.devices.find(
    (d) => d.distributorId === simulator.world.distributors[0]?.ID && d.offlineSinceMs === null,
  )?.id as string;
  const call = (path: string, init: RequestInit = {}, clientAddress = '10.0.0.1') =>
    proxy(new Request(`http://portal.local/ct${path}`, init), { clientAddress });
  return { simulator, proxy, call, upstreamRequests, logs, device };
}

const measurementBody = (deviceId: string) => JSON.stringify({ DeviceID: deviceId, FromUTCDate: FROM, ToUTCDate: TO });

describe('embedding proxy', () => {
  it('forwards the four read endpoints with its own token', async () => {
    const { call, device, upstreamRequests } = setup();
    const distributors = await call('/ctapi/Distributor');
    expect(distributors.status).toBe(200);
    expect(await distributors.json()).toEqual([expect.objectContaining({ UserName: 'demo' })]);
    const customers = await call('/ctapi/Customer?customerRequest.pageSize=5&customerRequest.page=2');
    expect(((await customers.json()) as { CustomerList: unknown[] }).CustomerList).toHaveLength(5);
    const devices = await call('/ctapi/Device', { method: 'POST', body: JSON.stringify({ DeviceID: device }) });
    expect(((await devices.json()) as { Devices: Array<{ DeviceID: string }> }).Devices[0]?.DeviceID).toBe(device);
    const measurements = await call('/ctapi/Measurement', { method: 'POST', body: measurementBody(device) });
    expect(((await measurements.json()) as { Measurements: unknown[] }).Measurements).toHaveLength(288);
    const apiCalls = upstreamRequests.filter((r) => r.url.includes('/ctapi/'));
    expect(apiCalls).toHaveLength(4);
    for (const r of apiCalls) expect(r.headers.get('Authorization')).toMatch(/^Bearer .{16,}/);
  });

  it('lets only allowlisted paths and methods through (property test over random requests)', async () => {
    const { call, upstreamRequests } = setup({ rateLimitPerMinute: 0 });
    const allowed = new Map([
      ['/ctapi/Distributor', 'GET'],
      ['/ctapi/Customer', 'GET'],
      ['/ctapi/Device', 'POST'],
      ['/ctapi/Measurement', 'POST'],
    ]);
    const path = fc.oneof(
      fc.constantFrom(
        ...allowed.keys(),
        '/oauth/token',
        '/token',
        '/ctapi/Measurement/1',
        '/ctapi',
        '/',
        '/CTAPI/Device',
      ),
      fc.webPath(),
    );
    const method = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD');
    await fc.assert(
      fc.asyncProperty(path, method, async (p, m) => {
        const before = upstreamRequests.length;
        const response = await call(p, { method: m, ...(m === 'GET' || m === 'HEAD' ? {} : { body: '{}' }) });
        const through = upstreamRequests.slice(before).filter((r) => !r.url.endsWith('/oauth/token'));
        const routePath = new URL(`http://portal.local/ct${p}`).pathname.slice('/ct'.length);
        if (allowed.get(routePath) === m) {
          expect(through.length).toBeLessThanOrEqual(1);
        } else {
          expect(through).toHaveLength(0);
          expect([404, 405]).toContain(response.status);
        }
        expect(
          upstreamRequests
            .slice(before)
            .some((r) => new URL(r.url).pathname === routePath && routePath === '/oauth/token'),
        ).toBe(false);
      }),
      { numRuns: 150 },
    );
  });

  it('never forwards the browser Authorization header or cookies, nor unknown fields', async () => {
    const { call, device, upstreamRequests } = setup();
    await call('/ctapi/Measurement', {
      method: 'POST',
      headers: { Authorization: 'Bearer browser-token', Cookie: 'session=abc' },
      body: JSON.stringify({ DeviceID: device, FromUTCDate: FROM, ToUTCDate: TO, Evil: '<script>' }),
    });
    const forwarded = upstreamRequests.find((r) => r.url.endsWith('/ctapi/Measurement')) as Request;
    expect(forwarded.headers.get('Authorization')).not.toContain('browser-token');
    expect(forwarded.headers.get('Cookie')).toBeNull();
    expect(await forwarded.text()).not.toContain('Evil');
  });

  it('answers repeated queries from the cache, with ETag and 304 on If-None-Match', async () => {
    const { call, device, upstreamRequests, logs } = setup();
    const first = await call('/ctapi/Measurement', { method: 'POST', body: measurementBody(device) });
    const etag = first.headers.get('ETag') as string;
    expect(etag).toMatch(/^".+"$/);
    expect(first.headers.get('Cache-Control')).toBe('public, max-age=15, stale-while-revalidate=15');
    const upstreamAfterFirst = upstreamRequests.length;
    const second = await call('/ctapi/Measurement', { method: 'POST', body: measurementBody(device) });
    expect(await second.text()).toBe(await first.text());
    expect(upstreamRequests.length).toBe(upstreamAfterFirst);
    const revalidated = await call('/ctapi/Measurement', {
      method: 'POST',
      headers: { 'If-None-Match': etag },
      body: measurementBody(device),
    });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe('');
    expect(logs.map((l) => (l.kind === 'access' ? l.cache : l.event))).toEqual(['miss', 'hit', 'not-modified']);
  });

  it('shares one upstream request among identical concurrent queries', async () => {
    const { call, device, upstreamRequests } = setup();
    await Promise.all(
      Array.from({ length: 10 }, () => call('/ctapi/Measurement', { method: 'POST', body: measurementBody(device) })),
    );
    expect(upstreamRequests.filter((r) => r.url.endsWith('/ctapi/Measurement'))).toHaveLength(1);
  });

  it('CORS: configured origins only', async () => {
    const { call } = setup();
    const foreign = await call('/ctapi/Distributor', { headers: { Origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('Access-Control-Allow-Origin')).toBeNull();
    const preflightForeign = await call('/ctapi/Device', {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example' },
    });
    expect(preflightForeign.status).toBe(403);
    const portal = await call('/ctapi/Distributor', { headers: { Origin: PORTAL } });
    expect(portal.status).toBe(200);
    expect(portal.headers.get('Access-Control-Allow-Origin')).toBe(PORTAL);
    const preflight = await call('/ctapi/Device', { method: 'OPTIONS', headers: { Origin: PORTAL } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('Access-Control-Allow-Methods')).toBe('POST, OPTIONS');
    // The Host is no proof of being same-origin (a DNS-rebinding page sets it): only listed origins pass.
    const hostOnly = await call('/ctapi/Distributor', { headers: { Origin: 'http://portal.local' } });
    expect(hostOnly.status).toBe(403);
    const listed = setup({ publicOrigins: ['http://portal.local'] });
    const sameOrigin = await listed.call('/ctapi/Distributor', { headers: { Origin: 'http://portal.local' } });
    expect(sameOrigin.status).toBe(200);
    expect(sameOrigin.headers.get('Access-Control-Allow-Origin')).toBe('http://portal.local');
  });

  it('caps request bodies, rate limits each client, and rejects bad JSON', async () => {
    const { call, device } = setup({ rateLimitPerMinute: 5 });
    const big = await call('/ctapi/Device', { method: 'POST', body: JSON.stringify({ DeviceID: 'x'.repeat(20_000) }) });
    expect(big.status).toBe(413);
    const bad = await call('/ctapi/Device', { method: 'POST', body: '{"DeviceID":' }, '10.0.0.2');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { ErrorMessage: string }).ErrorMessage).toMatch(/JSON/);
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      statuses.push(
        (await call('/ctapi/Device', { method: 'POST', body: JSON.stringify({ DeviceID: device }) }, '10.0.0.3'))
          .status,
      );
    }
    expect(statuses.slice(0, 5).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
    const other = await call(
      '/ctapi/Device',
      { method: 'POST', body: JSON.stringify({ DeviceID: device }) },
      '10.0.0.4',
    );
    expect(other.status).toBe(200);
  });

  it('turns upstream failures into clear JSON errors with the right status, without secrets', async () => {
    const wrong = setup({ credentials: { username: 'demo', password: 'wrong-password-123' } });
    const denied = await wrong.call('/ctapi/Distributor');
    expect(denied.status).toBe(502);
    const deniedText = await denied.text();
    expect(JSON.parse(deniedText)).toMatchObject({ ErrorMessage: expect.stringMatching(/sign in/) });
    expect(deniedText).not.toContain('wrong-password-123');

    const { call, upstreamRequests, logs } = setup();
    const missing = await call('/ctapi/Measurement', {
      method: 'POST',
      body: JSON.stringify({ DeviceID: '1234567890123456', FromUTCDate: FROM, ToUTCDate: TO }),
    });
    expect(missing.status).toBe(404);
    const invalid = await call('/ctapi/Measurement', {
      method: 'POST',
      body: JSON.stringify({ DeviceID: '12', FromUTCDate: FROM, ToUTCDate: TO }),
    });
    expect(invalid.status).toBe(400);

    const downstream = setup({ fetch: async () => new Response('boom', { status: 500 }), retry: { maxAttempts: 1 } });
    const broken = await downstream.call('/ctapi/Distributor');
    expect([502]).toContain(broken.status);

    // Nothing secret in any response or log line.
    const token = upstreamRequests.find((r) => r.headers.get('Authorization'))?.headers.get('Authorization') ?? '';
    const secrets = [token.replace('Bearer ', ''), PASSWORD === 'demo' ? 'password=demo' : PASSWORD];
    for (const response of [missing, invalid]) {
      const text = await response.text();
      const headers = JSON.stringify([...response.headers]);
      for (const secret of secrets) {
        expect(text).not.toContain(secret);
        expect(headers).not.toContain(secret);
      }
    }
    for (const secret of secrets) expect(JSON.stringify(logs)).not.toContain(secret);
  });
});

describe('embedding proxy over HTTP (Node adapter)', async () => {
  const upstream = await listen({ seed: 42 }, { port: 0 });
  const proxy = await serveProxy({
    upstream: upstream.url,
    credentials: { username: 'demo', password: PASSWORD },
    port: 0,
  });
  afterAll(async () => {
    await proxy.close();
    await upstream.close();
  });

  it('serves the browser-side core client (auth "none") the same data as a direct client', async () => {
    const viaProxy = createCarbonTrackClient({ baseUrl: proxy.url, auth: 'none' });
    const direct = createCarbonTrackClient({
      baseUrl: upstream.url,
      credentials: { username: 'demo', password: PASSWORD },
    });
    const [device] = await direct.devices().collect();
    const from = Date.parse(FROM);
    const a = await viaProxy
      .measurements({ deviceId: device?.DeviceID as string, from, to: from + 2 * 86_400_000 })
      .collect();
    const b = await direct
      .measurements({ deviceId: device?.DeviceID as string, from, to: from + 2 * 86_400_000 })
      .collect();
    expect(a.length).toBe(576);
    expect(a.ids).toEqual(b.ids);
    expect(Array.from(a.columns.Generating)).toEqual(Array.from(b.columns.Generating));
    await expect(viaProxy.raw.POST('/oauth/token', { body: {} as never })).resolves.toMatchObject({
      response: expect.objectContaining({ status: 404 }),
    });
  });
});
