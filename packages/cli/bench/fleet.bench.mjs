// Fleet read benchmarks, measured side by side in one run (after `build`):
//   1. 200 devices x 7 days at 50 ms simulated latency: the client's adaptive concurrency (up to 16)
//      vs a fixed 4 (maxConcurrency 4), each against bare fetch + JSON.parse on the best of a few
//      fixed schedules; plus the same adaptive read written to Parquet by exportFleet.
//   2. Client RSS over 10, 100 and 1,000 devices (one day each), each in a fresh process.
// Medians of ROUNDS interleaved rounds. Usage: node bench/fleet.bench.mjs [rounds]
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createCarbonTrackClient } from '@carbontrack/core';
import { exportFleet } from '@carbontrack/export';
import { listen } from '@carbontrack/simulator';

const ROUNDS = Number(process.argv[2] ?? 3);
const NOW = Date.UTC(2025, 0, 20, 3);
const FROM = Date.UTC(2025, 0, 10);
const TO = FROM + 7 * 86_400_000;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const sim = await listen({ seed: 41, now: () => NOW, devices: 300, latencyMs: 50 }, { port: 0 });
const distributorId = sim.simulator.world.distributors[0].ID;
const ids = Array.from({ length: 200 }, (_, i) => sim.simulator.world.device(i).id);
const client = () => createCarbonTrackClient({ baseUrl: sim.url, credentials: { username: 'demo', password: 'demo' } });

async function viaClient(maxConcurrency) {
  let records = 0;
  for await (const chunk of client().fleetMeasurements({ distributorId }, { from: FROM, to: TO, maxConcurrency })) {
    records += chunk.series.length;
  }
  return records;
}

async function viaExport() {
  const out = join(mkdtempSync(join(tmpdir(), 'ct-bench-')), 'out');
  const result = await exportFleet(client(), { distributorId }, { out, from: FROM, to: TO, maxConcurrency: 16 });
  rmSync(out, { recursive: true, force: true });
  return result.manifest.records;
}

async function bareFetch(workers) {
  const token = (
    await (
      await fetch(`${sim.url}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=password&username=demo&password=demo',
      })
    ).json()
  ).access_token;
  const tasks = ids.flatMap((id) => Array.from({ length: 7 }, (_, d) => [id, FROM + d * 86_400_000]));
  let next = 0;
  let records = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const [id, start] = tasks[next++];
      const response = await fetch(`${sim.url}/ctapi/Measurement`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          DeviceID: id,
          FromUTCDate: new Date(start).toISOString(),
          ToUTCDate: new Date(start + 86_400_000).toISOString(),
          PageIndex: 0,
        }),
      });
      const page = JSON.parse(await response.text());
      if (response.status !== 200 || page.Pages !== 1)
        throw new Error(`bare fetch: ${response.status}, ${page.Pages} pages`);
      records += page.Measurements.length;
    }
  };
  await Promise.all(Array.from({ length: workers }, worker));
  return records;
}

const runs = {
  'client, adaptive (max 16)': () => viaClient(16),
  'client, fixed 4': () => viaClient(4),
  'exportFleet to Parquet, adaptive': viaExport,
  'bare fetch, 4 workers': () => bareFetch(4),
  'bare fetch, 16 workers': () => bareFetch(16),
  'bare fetch, 32 workers': () => bareFetch(32),
};
const times = Object.fromEntries(Object.keys(runs).map((k) => [k, []]));
let expected;
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, run] of Object.entries(runs)) {
    const t0 = performance.now();
    const records = await run();
    times[name].push(performance.now() - t0);
    expected ??= records;
    if (records !== expected) throw new Error(`${name} read ${records} records, not ${expected}`);
  }
}
const med = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
const bestBare = Math.min(med['bare fetch, 4 workers'], med['bare fetch, 16 workers'], med['bare fetch, 32 workers']);
console.log(
  `fleet read: 200 devices x 7 days = 1,400 device-days, ${expected.toLocaleString('en-AU')} records, 50 ms latency (medians of ${ROUNDS})`,
);
console.table(
  Object.entries(med).map(([name, ms]) => ({
    run: name,
    'median s': (ms / 1000).toFixed(2),
    'x best bare fetch': (ms / bestBare).toFixed(2),
  })),
);
console.log(`adaptive / fixed 4: ${(med['client, adaptive (max 16)'] / med['client, fixed 4']).toFixed(2)}`);
await sim.close();

// 2. RSS over fleet size: a fresh process per size, the simulator (no latency) in this one.
const rssSim = await listen({ seed: 42, now: () => NOW, devices: 1500 }, { port: 0 });
const rssDistributor = rssSim.simulator.world.distributors[0].ID;
const child = `
const { createCarbonTrackClient } = await import('@carbontrack/core');
const [url, distributor, count] = process.argv.slice(1);
const ids = JSON.parse(process.env.BENCH_IDS).slice(0, Number(count));
const client = createCarbonTrackClient({ baseUrl: url, credentials: { username: 'demo', password: 'demo' } });
let peak = 0;
const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 20);
let records = 0;
for await (const chunk of client.fleetMeasurements({ deviceIds: ids }, { from: ${FROM}, to: ${FROM + 86_400_000} })) records += chunk.series.length;
clearInterval(timer);
peak = Math.max(peak, process.memoryUsage().rss);
process.stdout.write(JSON.stringify({ peakMb: peak / 1048576, records }));
`;
const allIds = Array.from({ length: 1000 }, (_, i) => rssSim.simulator.world.device(i).id);
const sizes = [10, 100, 1000];
const rss = {};
for (let round = 0; round < ROUNDS; round++) {
  for (const size of sizes) {
    // Asynchronous: the simulator answering the child runs in this process.
    const { stdout: out } = await promisify(execFile)(
      process.execPath,
      ['--input-type=module', '-e', child, rssSim.url, rssDistributor, String(size)],
      {
        encoding: 'utf8',
        cwd: new URL('..', import.meta.url).pathname,
        env: { ...process.env, BENCH_IDS: JSON.stringify(allIds) },
      },
    );
    rss[size] ??= [];
    rss[size].push(JSON.parse(out).peakMb);
  }
}
await rssSim.close();
console.log(`client peak RSS by fleet size, one day each (medians of ${ROUNDS} fresh processes)`);
console.table(sizes.map((size) => ({ devices: size, 'peak RSS MiB': median(rss[size]).toFixed(1) })));
console.log(`peak RSS 1,000 / 10 devices: ${(median(rss[1000]) / median(rss[10])).toFixed(2)} (goal <= 1.5)`);
