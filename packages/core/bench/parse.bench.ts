import { bench, describe } from 'vitest';
import { measurementPageText } from './measurement-page.js';
import { VARIANTS } from './parse-variants.js';

const RECORDS = 100_000;
/** Interleaved rounds for the medians; override with PARSE_BENCH_ROUNDS. */
const ROUNDS = Number(process.env.PARSE_BENCH_ROUNDS ?? 15);
const text = measurementPageText(RECORDS);

function median(list: readonly number[]): number {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

// vitest bench prints means only and runs no afterAll hooks, so the medians are measured here, while
// the file is collected: every round runs each variant once, so a busy moment on a 2-core machine
// hits all variants alike instead of skewing one of them.
const times = VARIANTS.map(() => [] as number[]);
for (let round = 0; round < ROUNDS; round++) {
  VARIANTS.forEach(([, run], k) => {
    const start = performance.now();
    run(text);
    times[k]?.push(performance.now() - start);
  });
}
const medians = times.map(median);
const base = medians[0] as number;
console.log(
  [
    `Medians of ${ROUNDS} interleaved rounds, ${RECORDS} records, ${(text.length / 1e6).toFixed(1)} MB of JSON:`,
    ...VARIANTS.map(
      ([name], k) =>
        `  ${name.padEnd(36)} ${(medians[k] as number).toFixed(1).padStart(8)} ms  ratio to JSON.parse ${((medians[k] as number) / base).toFixed(2)}`,
    ),
  ].join('\n'),
);

describe(`parse a ${RECORDS}-record measurement page`, () => {
  for (const [name, run] of VARIANTS) {
    bench(name, () => void run(text), { iterations: 3, warmupIterations: 1, time: 0, warmupTime: 0 });
  }
});
