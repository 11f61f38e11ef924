// Median and p95 of one measurement page (one day, 288 records), in-process and over loopback,
// against the built package. Run after `build`: node bench/measurement-page-median.mjs
import { createSimulator, listen } from '../dist/index.js';

const RUNS = 300;
const WARMUP = 50;
const NOW = Date.UTC(2025, 0, 15, 3, 7, 12);
const simulator = createSimulator({ seed: 1, now: () => NOW });
const device = simulator.world.devices.find((d) => d.battery && d.solarKwp > 0 && d.offlineSinceMs === null);
const login = await simulator(
  new Request('http://sim/oauth/token', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=password&username=demo&password=demo',
  }),
);
const { access_token: token } = await login.json();
const body = JSON.stringify({
  DeviceID: device.id,
  FromUTCDate: '2025-01-10T00:00:00Z',
  ToUTCDate: '2025-01-11T00:00:00Z',
});
const request = (base) =>
  new Request(`${base}/ctapi/Measurement`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body,
  });

async function time(label, once) {
  for (let i = 0; i < WARMUP; i++) await once();
  const samples = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await once();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const at = (q) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))];
  console.log(`${label}: median ${at(0.5).toFixed(3)} ms, p95 ${at(0.95).toFixed(3)} ms (${RUNS} runs)`);
}

const server = await listen(simulator);
await time('in-process simulator(req), 288 records incl. JSON', async () => {
  const response = await simulator(request('http://sim'));
  await response.text();
});
await time('loopback fetch against listen(), 288 records', async () => {
  const response = await fetch(request(server.url));
  await response.text();
});
await server.close();
