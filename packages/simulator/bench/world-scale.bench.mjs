// Start-up time and memory of worlds of 1k, 10k and 100k devices (`--devices N`), each in a fresh
// process, medians of 3, against the standard world. Memory is RSS after a garbage collection,
// with a one-day and a one-year fleet request served, so it shows both growth in N and (none) in
// the range asked for. Run after `build`: node bench/world-scale.bench.mjs
import { execFileSync } from 'node:child_process';

const RUNS = 3;
const child = `
const { createSimulator } = await import(${JSON.stringify(new URL('../dist/index.js', import.meta.url).href)});
const devices = Number(process.argv[1]);
global.gc();
const base = process.memoryUsage().rss;
const t0 = performance.now();
const sim = createSimulator({ seed: 1, now: () => Date.UTC(2025, 0, 15), devices });
const startMs = performance.now() - t0;
const token = (await (await sim(new Request('http://sim/oauth/token', { method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: 'grant_type=password&username=demo&password=demo' }))).json()).access_token;
const fleet = async (days) => {
  const from = Date.UTC(2025, 0, 14) - (days - 1) * 86400000;
  const t = performance.now();
  const res = await sim(new Request('http://sim/ctapi/Measurement', { method: 'POST',
    headers: { authorization: 'Bearer ' + token, 'content-type': 'application/json' },
    body: JSON.stringify({ DistributorID: sim.world.distributors[0].ID, FromUTCDate: new Date(from).toISOString(),
      ToUTCDate: new Date(from + days * 86400000).toISOString(), PageIndex: 7 }) }));
  await res.text();
  return performance.now() - t;
};
const dayMs = await fleet(1);
const yearMs = await fleet(365);
global.gc();
process.stdout.write(JSON.stringify({ startMs, rssMb: (process.memoryUsage().rss - base) / 1048576, dayMs, yearMs }));
`;

function run(devices) {
  const out = execFileSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', child, String(devices)], {
    encoding: 'utf8',
  });
  return JSON.parse(out);
}

const median = (values) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];
const rows = [];
for (const [label, devices] of [
  ['standard (~720)', 0],
  ['1,000', 1_000],
  ['10,000', 10_000],
  ['100,000', 100_000],
]) {
  const runs = Array.from({ length: RUNS }, () => run(devices));
  rows.push({
    devices: label,
    'start-up ms': median(runs.map((r) => r.startMs)).toFixed(1),
    'RSS growth MiB': median(runs.map((r) => r.rssMb)).toFixed(1),
    'fleet page, 1-day range ms': median(runs.map((r) => r.dayMs)).toFixed(1),
    'fleet page, 1-year range ms': median(runs.map((r) => r.yearMs)).toFixed(1),
  });
}
console.log('simulator world scale (medians of 3 fresh processes)');
console.table(rows);
const rss = rows.map((r) => Number(r['RSS growth MiB']));
console.log(
  `RSS growth 100k / 1k devices: ${((rss[3] ?? 0) - (rss[1] ?? 0)).toFixed(1)} MiB more for 99,000 more devices`,
);
