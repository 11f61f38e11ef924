// The proxy's Fetch handler, unchanged, on Cloudflare's runtime: workerd through miniflare (both
// npm packages), bundled as a module Worker, in front of the simulator over real HTTP.
import { listen, type RunningSimulator } from '@carbontrack/simulator';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('the proxy as a Worker on workerd', () => {
  let simulator: RunningSimulator;
  let worker: Miniflare;
  let device: string;

  beforeAll(async () => {
    simulator = await listen({ seed: 71 }, { port: 0, host: '127.0.0.1' });
    device = simulator.simulator.world.devices.find(
      (d) => d.distributorId === simulator.simulator.world.distributors[0]?.ID && d.offlineSinceMs === null,
    )?.id as string;
    const bundle = await build({
      entryPoints: [new URL('../src/worker.ts', import.meta.url).pathname],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      conditions: ['workerd', 'worker', 'browser'],
      target: 'es2022',
      write: false,
      logLevel: 'warning',
    });
    worker = new Miniflare({
      modules: true,
      script: bundle.outputFiles[0]?.text ?? '',
      compatibilityDate: '2025-09-01',
      bindings: {
        CARBONTRACK_UPSTREAM: simulator.url,
        CARBONTRACK_USERNAME: 'demo',
        CARBONTRACK_PASSWORD: 'demo',
        CARBONTRACK_ALLOWED_ORIGINS: 'https://portal.example',
      },
    });
    await worker.ready;
  }, 60_000);
  afterAll(async () => {
    await worker?.dispose();
    await simulator?.close();
  });

  it('answers the four read endpoints from the simulator, and the GET read path', async () => {
    const distributors = await worker.dispatchFetch('http://proxy.example/ctapi/Distributor');
    expect(distributors.status).toBe(200);
    expect(await distributors.json()).toEqual([expect.objectContaining({ UserName: 'demo' })]);

    const customers = await worker.dispatchFetch('http://proxy.example/ctapi/Customer?customerRequest.pageSize=3');
    expect(customers.status).toBe(200);
    expect(((await customers.json()) as { CustomerList: unknown[] }).CustomerList).toHaveLength(3);

    const devices = await worker.dispatchFetch('http://proxy.example/ctapi/Device', {
      method: 'POST',
      headers: { 'content-type': 'application/json', Origin: 'https://portal.example' },
      body: JSON.stringify({ DeviceID: device }),
    });
    expect(devices.status).toBe(200);
    expect(devices.headers.get('Access-Control-Allow-Origin')).toBe('https://portal.example');
    expect(((await devices.json()) as { Devices: Array<{ DeviceID: string }> }).Devices[0]?.DeviceID).toBe(device);

    const body = JSON.stringify({
      DeviceID: device,
      FromUTCDate: '2026-01-05T00:00:00Z',
      ToUTCDate: '2026-01-06T00:00:00Z',
    });
    const measurements = await worker.dispatchFetch('http://proxy.example/ctapi/Measurement', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(measurements.status).toBe(200);
    expect(((await measurements.json()) as { Measurements: unknown[] }).Measurements).toHaveLength(288);

    const viaGet = await worker.dispatchFetch(
      `http://proxy.example/v1/measurements?device=${device}&from=2026-01-05T00:00:00Z&to=2026-01-06T00:00:00Z`,
    );
    expect(viaGet.status).toBe(200);
    expect(viaGet.headers.get('Cache-Control')).toMatch(/^public/);
    expect(((await viaGet.json()) as { Measurements: unknown[] }).Measurements).toHaveLength(288);

    const refused = await worker.dispatchFetch('http://proxy.example/ctapi/Distributor', {
      headers: { Origin: 'https://evil.example' },
    });
    expect(refused.status).toBe(403);
    expect((await worker.dispatchFetch('http://proxy.example/healthz')).status).toBe(200);
  });
});
