// cost() over one year of five-minute data with a time-of-use tariff (the package's example, its
// two versions and a feed-in rate), next to integrateEnergy over the same series: issue 16's goal
// is cost ≤ 3 × integrateEnergy. The three run interleaved, round after round, and each round's
// ratio is taken from that round's own medians, so a slow moment on the shared machine slows all
// three alike; the figure reported is the median of the rounds' ratios. Runs against the built
// package: `pnpm bench` builds first.
import { readFileSync } from 'node:fs';
import { cost, integrateEnergy } from '../dist/energy/index.js';
import { createSeries } from '../dist/measurements/create-series.js';

const tariff = JSON.parse(readFileSync(new URL('../schemas/example-time-of-use.tariff.json', import.meta.url), 'utf8'));
const start = Date.UTC(2025, 6, 1) - 10 * 3_600_000;
const n = 365 * 288;
const time = Float64Array.from({ length: n }, (_, i) => start + i * 300_000);
const wave = (i, phase) => 800 + 600 * Math.sin((i / 288) * 2 * Math.PI + phase);
const series = createSeries({
  time,
  columns: {
    PowerUsage: Float64Array.from({ length: n }, (_, i) => wave(i, 0)),
    Generating: Float64Array.from({ length: n }, (_, i) => Math.max(0, wave(i, 2))),
    PowerExported: Float64Array.from({ length: n }, (_, i) => Math.max(0, wave(i, 2) - wave(i, 0))),
  },
});

const cases = {
  integrateEnergy: () => integrateEnergy(series, 'PowerUsage'),
  'cost, daily buckets': () => cost(series, tariff, { timeZone: 'Australia/Sydney', unit: 'day' }),
  'cost, totals only': () => cost(series, tariff, { timeZone: 'Australia/Sydney' }),
};
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const timeOf = (fn) => {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
};

// Warm-up: every function optimised before the first timed round.
for (let i = 0; i < 40; i++) for (const fn of Object.values(cases)) fn();

const ROUNDS = 25;
const CALLS = 9;
const perCase = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
const ratios = { 'cost, daily buckets': [], 'cost, totals only': [] };
for (let round = 0; round < ROUNDS; round++) {
  const times = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
  for (let call = 0; call < CALLS; call++) for (const [name, fn] of Object.entries(cases)) times[name].push(timeOf(fn));
  const base = median(times.integrateEnergy);
  for (const name of Object.keys(cases)) perCase[name].push(median(times[name]));
  for (const name of Object.keys(ratios)) ratios[name].push(median(times[name]) / base);
}

console.log(
  `cost() over one year of 5-minute data (${n.toLocaleString('en-AU')} samples), ${ROUNDS} rounds × ${CALLS} calls:`,
);
for (const [name, ms] of Object.entries(perCase))
  console.log(`  ${name.padEnd(22)} median ${median(ms).toFixed(3)} ms`);
for (const [name, r] of Object.entries(ratios)) {
  const sorted = [...r].sort((a, b) => a - b);
  console.log(
    `  ${name} / integrateEnergy: ${median(r).toFixed(2)}x (rounds ${sorted[0].toFixed(2)}–${sorted.at(-1).toFixed(2)}; goal ≤ 3)`,
  );
}
