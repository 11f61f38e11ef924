// One page of measurements (one UTC day, 288 records, battery device so the previous day is
// simulated too), produced in-process and over loopback HTTP. vitest bench prints mean/p75/p99;
// bench/measurement-page-median.mjs prints medians.
import { afterAll, bench, describe } from 'vitest';
import { createSimulator, listen, type RunningSimulator } from '../src/index.js';

const NOW = Date.UTC(2025, 0, 15, 3, 7, 12);
const simulator = createSimulator({ seed: 1, now: () => NOW });
const device = simulator.world.devices.find((d) => d.battery && d.solarKwp > 0 && d.offlineSinceMs === null);
const body = JSON.stringify({
  DeviceID: device?.id,
  FromUTCDate: '2025-01-10T00:00:00Z',
  ToUTCDate: '2025-01-11T00:00:00Z',
});

async function login(): Promise<string> {
  const response = await simulator(
    new Request('http://sim/oauth/token', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=password&username=demo&password=demo',
    }),
  );
  return ((await response.json()) as { access_token: string }).access_token;
}

function measurementRequest(base: string): Request {
  return new Request(`${base}/ctapi/Measurement`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body,
  });
}

// Set up at module level: vitest bench runs the benches without awaiting suite hooks first.
const token = await login();
const server: RunningSimulator = await listen(simulator);

describe('one measurement page (288 records)', () => {
  afterAll(() => server.close());

  bench('in-process simulator(req) incl. JSON', async () => {
    await (await simulator(measurementRequest('http://sim'))).text();
  });

  bench('loopback fetch against listen()', async () => {
    await (await fetch(measurementRequest(server.url))).text();
  });
});
