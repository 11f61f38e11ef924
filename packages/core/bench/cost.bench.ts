// cost() over one year of five-minute data with a time-of-use tariff (the package's example, its
// two versions and a feed-in rate), next to integrateEnergy over the same series: issue 16's goal
// is cost ≤ 3 × integrateEnergy. Run with `vitest bench --run` (part of `pnpm bench`).
import { readFileSync } from 'node:fs';
import { bench, describe } from 'vitest';
import { cost, integrateEnergy, type Tariff } from '../src/energy/index.js';
import { createSeries } from '../src/measurements/create-series.js';

const tariff = JSON.parse(
  readFileSync(new URL('../schemas/example-time-of-use.tariff.json', import.meta.url), 'utf8'),
) as Tariff;
const start = Date.UTC(2025, 6, 1) - 10 * 3_600_000;
const n = 365 * 288;
const time = Float64Array.from({ length: n }, (_, i) => start + i * 300_000);
const wave = (i: number, phase: number) => 800 + 600 * Math.sin((i / 288) * 2 * Math.PI + phase);
const series = createSeries({
  time,
  columns: {
    PowerUsage: Float64Array.from({ length: n }, (_, i) => wave(i, 0)),
    Generating: Float64Array.from({ length: n }, (_, i) => Math.max(0, wave(i, 2))),
    PowerExported: Float64Array.from({ length: n }, (_, i) => Math.max(0, wave(i, 2) - wave(i, 0))),
  },
});

describe('one year of 5-minute data (105,120 samples)', () => {
  bench('integrateEnergy (PowerUsage)', () => {
    integrateEnergy(series, 'PowerUsage');
  });
  bench('cost, time-of-use tariff, daily buckets', () => {
    cost(series, tariff, { timeZone: 'Australia/Sydney', unit: 'day' });
  });
  bench('cost, time-of-use tariff, totals only', () => {
    cost(series, tariff, { timeZone: 'Australia/Sydney' });
  });
});
