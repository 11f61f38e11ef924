// Writer throughput, the three formats measured side by side in one run (interleaved, so a noisy
// shared machine slows them alike) and reported as medians and ratios. The data is 50 devices x 7 days
// of simulator measurements, fetched and parsed once up front; only the writers are timed (bytes are
// counted and dropped, no disk). Two shapes: a file per device-week, and the whole fleet in one file.
// Runs against the built package: `pnpm --filter @carbontrack/export build` first.
import { createCarbonTrackClient } from '@carbontrack/core';
import { createSimulator } from '@carbontrack/simulator';
import { createSeriesWriter, OUTPUT_FORMATS } from '../dist/index.js';

const DEVICES = 50;
const DAYS = 7;
const RUNS = 7;
const FROM = Date.UTC(2026, 9, 1);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function fleetWeek() {
  const simulator = createSimulator({ seed: 1, now: () => Date.UTC(2027, 0, 1) });
  const client = createCarbonTrackClient({
    baseUrl: 'http://sim',
    credentials: { username: 'demo', password: 'demo' },
    fetch: (request) => simulator.fetch(request),
  });
  const ids = simulator.world.devices
    .filter((d) => d.isRegistered && d.offlineSinceMs === null)
    .slice(0, DEVICES)
    .map((d) => d.id);
  const weeks = [];
  for (const deviceId of ids) {
    weeks.push(await client.measurements({ deviceId, from: FROM, to: FROM + DAYS * 86_400_000 }).collect());
  }
  return weeks;
}

/** Writes each group of series as one file; returns the bytes written. */
function writeFiles(format, files, options) {
  let bytes = 0;
  for (const file of files) {
    const writer = createSeriesWriter(format, options);
    for (const series of file) for (const chunk of writer.write(series)) bytes += chunk.byteLength;
    for (const chunk of writer.finish()) bytes += chunk.byteLength;
  }
  return bytes;
}

function measure(label, files, options) {
  const records = files.flat().reduce((n, s) => n + s.length, 0);
  const times = Object.fromEntries(OUTPUT_FORMATS.map((f) => [f, []]));
  const bytes = {};
  for (const format of OUTPUT_FORMATS) bytes[format] = writeFiles(format, files, options); // warm-up
  for (let run = 0; run < RUNS; run++) {
    for (const format of OUTPUT_FORMATS) {
      const t0 = performance.now();
      writeFiles(format, files, options);
      times[format].push(performance.now() - t0);
    }
  }
  console.log(`\n${label}: ${files.length} file(s), ${records} records, median of ${RUNS} runs`);
  const rate = {};
  for (const format of OUTPUT_FORMATS) {
    const ms = median(times[format]);
    rate[format] = records / (ms / 1000);
    const mb = (bytes[format] / 1e6).toFixed(2);
    console.log(
      `  ${format.padEnd(8)} ${ms.toFixed(1).padStart(8)} ms  ${Math.round(rate[format]).toLocaleString('en').padStart(10)} records/s  ${mb} MB`,
    );
  }
  console.log(
    `  parquet/csv records/s: ${(rate.parquet / rate.csv).toFixed(2)}  ndjson/csv: ${(rate.ndjson / rate.csv).toFixed(2)}`,
  );
}

const weeks = await fleetWeek();
measure(
  'A file per device-week',
  weeks.map((s) => [s]),
  {},
);
measure('The fleet in one file', [weeks], {});
measure('The fleet in one file, with local_time (Australia/Sydney)', [weeks], { timeZone: 'Australia/Sydney' });
