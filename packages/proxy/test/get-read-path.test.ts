import { createCarbonTrackClient } from '@carbontrack/core';
import { createSimulator } from '@carbontrack/simulator';
import { afterAll, describe, expect, it } from 'vitest';
import { createProxyHandler, type ProxyLogEntry } from '../src/index.js';
import { serveProxy } from '../src/node.js';

const simulator = createSimulator({ seed: 52 });
const device = simulator.world.devices.find(
  (d) => d.distributorId === simulator.world.distributors[0]?.ID && d.offlineSinceMs === null,
)?.id as string;

function setup() {
  const upstream: string[] = [];
  const proxy = createProxyHandler({
    upstream: 'http://upstream.test',
    credentials: { username: 'demo', password: 'demo' },
    fetch: async (request) => {
      upstream.push(`${request.method} ${new URL(request.url).pathname}`);
      return simulator(request);
    },
    rateLimitPerMinute: 0,
  });
  const get = (path: string) => proxy(new Request(`http://proxy.test${path}`), { clientAddress: '10.0.0.1' });
  return { get, upstream };
}

describe('the GET read path', () => {
  it('announces itself at /v1', async () => {
    const { get } = setup();
    const answer = await get('/v1');
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ measurements: 'v1/measurements', latest: 'v1/latest' });
  });

  it('rounds ranges to the record grid and ignores parameter order: nearby queries are one cache key', async () => {
    const { get, upstream } = setup();
    const a = await get(`/v1/measurements?device=${device}&from=2026-01-05T10:01:00Z&to=2026-01-06T10:01:00Z`);
    const b = await get(`/v1/measurements?to=2026-01-06T10:04:59Z&from=2026-01-05T10:04:00Z&device=${device}`);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    const page = (await a.json()) as { Measurements: Array<{ RecordDateTime: string }> };
    expect(await b.json()).toEqual(page);
    // [10:01, 10:01) and [10:04, 10:04:59) hold the same five-minute records: 10:05 to 10:00 next day.
    expect(page.Measurements[0]?.RecordDateTime).toBe('2026-01-05T10:05:00Z');
    expect(page.Measurements.at(-1)?.RecordDateTime).toBe('2026-01-06T10:00:00Z');
    expect(upstream.filter((r) => r === 'POST /ctapi/Measurement')).toHaveLength(1);
    expect(a.headers.get('Cache-Control')).toBe('public, max-age=15, stale-while-revalidate=15');
    expect(a.headers.get('Vary')).toBe('Origin');
  });

  it('the latest hour is one key for everyone within five minutes', async () => {
    const { get, upstream } = setup();
    const first = await get(`/v1/latest?device=${device}`);
    const second = await get(`/v1/latest?device=${device}`);
    expect(first.status).toBe(200);
    expect((await first.json()).Measurements.length).toBeGreaterThan(0);
    expect(second.status).toBe(200);
    expect(upstream.filter((r) => r === 'POST /ctapi/Measurement').length).toBeLessThanOrEqual(1);
  });

  it.each([
    ['/v1/measurements?device=12&from=2026-01-05T00:00:00Z&to=2026-01-06T00:00:00Z', /device/],
    [`/v1/measurements?device=${device}&from=soon&to=2026-01-06T00:00:00Z`, /ISO 8601/],
    [`/v1/measurements?device=${device}&from=2026-01-07T00:00:00Z&to=2026-01-06T00:00:00Z`, /after/],
    [`/v1/measurements?device=${device}&from=2026-01-05T00:00:00Z&to=2026-01-06T00:00:00Z&page=-1`, /page/],
    ['/v1/nothing', /Not found/],
  ])('refuses %s in the error shape', async (path, message) => {
    const { get, upstream } = setup();
    const answer = await get(path);
    expect([400, 404]).toContain(answer.status);
    expect((await answer.json()).ErrorMessage).toMatch(message);
    expect(upstream.filter((r) => r.includes('Measurement'))).toEqual([]);
  });
});

describe("core's client with proxyReads: 'auto'", async () => {
  const logs: ProxyLogEntry[] = [];
  const running = await serveProxy({
    upstream: 'http://upstream.test',
    credentials: { username: 'demo', password: 'demo' },
    fetch: (request) => simulator(request),
    rateLimitPerMinute: 0,
    log: (entry) => logs.push(entry),
  });
  afterAll(() => running.close());

  it('reads measurements through the GET path of a proxy that announces it, the same records as the POST', async () => {
    const query = { deviceId: device, from: '2026-01-05T00:00:00Z', to: '2026-01-07T00:00:00Z' };
    const viaGet = await createCarbonTrackClient({ baseUrl: running.url, auth: 'none', proxyReads: 'auto' })
      .measurements(query)
      .collect();
    const viaPost = await createCarbonTrackClient({ baseUrl: running.url, auth: 'none' }).measurements(query).collect();
    expect(viaGet.length).toBe(2 * 288);
    expect(viaGet.ids).toEqual(viaPost.ids);
    expect(viaGet.issues).toEqual([]);
    const paths = logs.flatMap((l) => (l.kind === 'access' ? [`${l.method} ${l.path}`] : []));
    expect(paths.filter((p) => p === 'GET /v1/measurements')).toHaveLength(2);
    expect(paths.filter((p) => p === 'GET /v1')).toHaveLength(1);
  });

  it('falls back to the POST where nothing is announced (the API itself)', async () => {
    const direct = createCarbonTrackClient({
      baseUrl: 'http://sim.test',
      credentials: { username: 'demo', password: 'demo' },
      fetch: (request) => simulator(request),
      proxyReads: 'auto',
    });
    const series = await direct
      .measurements({ deviceId: device, from: '2026-01-05T00:00:00Z', to: '2026-01-06T00:00:00Z' })
      .collect();
    expect(series.length).toBe(288);
  });
});
