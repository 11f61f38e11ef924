// Client benchmarks, each measured side by side in one run and reported as medians and ratios
// (the machine is shared and noisy; ratios of interleaved runs are what to compare).
//  1. 30 days of one device over loopback with 50 ms latency per request: parallel windows vs a
//     sequential page loop, and parallel vs the latency floor (pages / concurrency x latency).
//  2. Client overhead per request against an in-process handler vs bare fetch of the same handler.
// Runs against the built packages: `pnpm bench` builds first.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { createSimulator } from '@carbontrack/simulator';
import { createCarbonTrackClient } from '../dist/index.js';

// The simulator runs in its own process for the loopback benchmark, as a real API would: its CPU
// time then overlaps the client's instead of queueing behind it on one event loop.
async function startSimulatorProcess(args) {
  const cli = createRequire(import.meta.url)
    .resolve('@carbontrack/simulator/package.json')
    .replace('package.json', 'dist/cli.js');
  const child = spawn(process.execPath, [cli, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  for await (const line of lines) {
    const match = line.match(/(http:\/\/127\.0\.0\.1:\d+)/);
    if (match)
      return {
        url: match[1],
        close: () =>
          new Promise((resolve) => {
            child.once('exit', resolve);
            child.kill('SIGTERM');
          }),
      };
  }
  throw new Error('the simulator did not print its URL');
}

const DAY = 86_400_000;
const FROM = Date.UTC(2026, 0, 5);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const time = async (fn) => {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
};
const fmt = (ms) => `${ms.toFixed(2)} ms`;

async function windowsVsSequential() {
  const latencyMs = 50;
  const days = 30;
  const concurrency = 4;
  const running = await startSimulatorProcess(['--seed', '3', '--latency', String(latencyMs)]);
  const deviceId = createSimulator({ seed: 3 }).world.devices.find(
    (d) => d.offlineSinceMs === null && d.isRegistered,
  )?.id;
  const client = createCarbonTrackClient({ baseUrl: running.url, credentials: { username: 'demo', password: 'demo' } });
  await client.distributors().collect(); // the token, outside the timings
  const sequentialLoop = async () => {
    // What a user without the client writes: one page request after another over the range.
    const { data } = await client.raw.POST('/ctapi/Measurement', {
      body: {
        DeviceID: deviceId,
        FromUTCDate: new Date(FROM).toISOString(),
        ToUTCDate: new Date(FROM + days * DAY).toISOString(),
        PageIndex: 0,
      },
    });
    for (let page = 1; page < data.Pages; page++) {
      await client.raw.POST('/ctapi/Measurement', {
        body: {
          DeviceID: deviceId,
          FromUTCDate: new Date(FROM).toISOString(),
          ToUTCDate: new Date(FROM + days * DAY).toISOString(),
          PageIndex: page,
        },
      });
    }
  };
  const parallel = () => client.measurements({ deviceId, from: FROM, to: FROM + days * DAY, concurrency }).collect();
  // The practical floor of this machine and simulator: the same 30 one-day requests, `concurrency`
  // at a time, each slot sending its next request as soon as a body is in; bare fetch, no parsing.
  const { access_token: token } = await (
    await fetch(`${running.url}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=password&username=demo&password=demo',
    })
  ).json();
  const bareSlots = async () => {
    let next = 0;
    const slot = async () => {
      for (let day = next++; day < days; day = next++) {
        const response = await fetch(`${running.url}/ctapi/Measurement`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({
            DeviceID: deviceId,
            FromUTCDate: new Date(FROM + day * DAY).toISOString(),
            ToUTCDate: new Date(FROM + (day + 1) * DAY).toISOString(),
          }),
        });
        await response.text();
      }
    };
    await Promise.all(Array.from({ length: concurrency }, slot));
  };
  const seq = [];
  const par = [];
  const bare = [];
  for (let i = 0; i < 7; i++) {
    seq.push(await time(sequentialLoop));
    bare.push(await time(bareSlots));
    par.push(await time(parallel));
  }
  await running.close();
  const floor = (days / concurrency) * latencyMs;
  const rounds = Math.ceil(days / concurrency) * latencyMs;
  console.log(`\n30 days, 1 device, ${latencyMs} ms latency per request, concurrency ${concurrency} (median of 7)`);
  console.log(`  sequential page loop     ${fmt(median(seq))}`);
  console.log(`  parallel windows         ${fmt(median(par))}`);
  console.log(`  bare fetch, same slots   ${fmt(median(bare))}  (no client, no parsing: this machine's floor)`);
  console.log(`  latency floor            ${fmt(floor)}  (pages / concurrency x latency)`);
  console.log(`  whole rounds             ${fmt(rounds)}  (ceil(pages / concurrency) x latency)`);
  console.log(`  sequential / parallel    ${(median(seq) / median(par)).toFixed(2)}x`);
  console.log(`  parallel / floor         ${(median(par) / floor).toFixed(3)}x  (target <= 1.15)`);
  console.log(`  bare slots / floor       ${(median(bare) / floor).toFixed(3)}x`);
  console.log(`  parallel / bare slots    ${(median(par) / median(bare)).toFixed(3)}x`);
}

async function overheadPerRequest() {
  const simulator = createSimulator({ seed: 3 });
  const baseUrl = 'http://sim.local';
  const client = createCarbonTrackClient({
    baseUrl,
    credentials: { username: 'demo', password: 'demo' },
    fetch: simulator,
  });
  await client.distributors().collect();
  const tokenResponse = await simulator(
    new Request(`${baseUrl}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=password&username=demo&password=demo',
    }),
  );
  const { access_token: token } = await tokenResponse.json();
  const bare = async () => {
    const response = await simulator(
      new Request(`${baseUrl}/ctapi/Distributor`, { headers: { Authorization: `Bearer ${token}` } }),
    );
    await response.json();
  };
  reportSideBySide(
    'One GET /ctapi/Distributor against the in-process simulator',
    await sideBySide(bare, () => client.distributors().collect(), 200),
    'us',
  );

  // A POST with a JSON body: one device by ID.
  const someDevice = simulator.world.devices.find((d) => d.distributorId === simulator.world.distributors[0]?.ID)?.id;
  const bareDevice = async () => {
    const response = await simulator(
      new Request(`${baseUrl}/ctapi/Device`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ DeviceID: someDevice, PageIndex: 0 }),
      }),
    );
    await response.json();
  };
  reportSideBySide(
    'One POST /ctapi/Device (device by ID) against the in-process simulator',
    await sideBySide(bareDevice, () => client.device(someDevice), 200),
    'us',
  );

  // The same for a real workload: one day of measurements (288 records), parsed into columns by the
  // client, vs fetched and JSON-parsed bare.
  const deviceId = simulator.world.devices.find((d) => d.offlineSinceMs === null)?.id;
  const body = JSON.stringify({
    DeviceID: deviceId,
    FromUTCDate: '2026-01-05T00:00:00Z',
    ToUTCDate: '2026-01-06T00:00:00Z',
  });
  const barePage = async () => {
    const response = await simulator(
      new Request(`${baseUrl}/ctapi/Measurement`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body,
      }),
    );
    await response.json();
  };
  const clientPage = () =>
    client.measurements({ deviceId, from: '2026-01-05T00:00:00Z', to: '2026-01-06T00:00:00Z' }).collect();
  reportSideBySide(
    'One day of measurements (288 records, to columns; bare: JSON.parse) against the in-process simulator',
    await sideBySide(barePage, clientPage, 10),
    'ms',
  );
}

/** Per-call time of `bare` and `viaClient` (ms), in 15 interleaved rounds of `n` calls each. */
async function sideBySide(bare, viaClient, n) {
  const bareRuns = [];
  const clientRuns = [];
  const perCall = async (fn) =>
    (await time(async () => {
      for (let i = 0; i < n; i++) await fn();
    })) / n;
  for (let round = 0; round < 15; round++) {
    bareRuns.push(await perCall(bare));
    clientRuns.push(await perCall(viaClient));
  }
  return { n, bare: median(bareRuns), client: median(clientRuns) };
}

function reportSideBySide(title, { n, bare, client }, unit) {
  const show = (ms) => (unit === 'us' ? `${(ms * 1000).toFixed(1)} us` : fmt(ms));
  console.log(`\n${title} (median of 15 rounds of ${n})`);
  console.log(`  bare fetch               ${show(bare)}`);
  console.log(`  client                   ${show(client)}`);
  console.log(`  client / bare            ${(client / bare).toFixed(2)}x  (target <= 1.5)`);
}

// `node bench/client.bench.mjs overhead` (or `windows`) runs one part while working on it.
const only = process.argv[2];
if (!only || only === 'windows') await windowsVsSequential();
if (!only || only === 'overhead') await overheadPerRequest();
