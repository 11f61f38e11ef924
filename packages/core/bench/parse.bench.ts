import { bench, describe } from 'vitest';
import { measurementPageText, type PageShape } from './measurement-page.js';
import { type PageInput, VARIANTS } from './parse-variants.js';

const RECORDS = Number(process.env.PARSE_BENCH_RECORDS ?? 50_000);
/** Interleaved rounds for the medians; override with PARSE_BENCH_ROUNDS. */
const ROUNDS = Number(process.env.PARSE_BENCH_ROUNDS ?? 11);
const SHAPES: readonly PageShape[] = ['large', 'small', 'dotnet', 'bad20'];

function median(list: readonly number[]): number {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function pageOf(shape: PageShape): PageInput {
  const text = measurementPageText(RECORDS, 42, shape);
  return { text, bytes: new TextEncoder().encode(text) };
}

// vitest bench prints means only and runs no afterAll hooks, so the medians are measured here, while
// the file is collected: every round runs each variant once on each shape, so a busy moment on a
// 2-core machine hits all variants alike instead of skewing one of them. Ratios are to JSON.parse
// alone of the same page's text (which does not even turn the strings into numbers).
const lines = [`Medians of ${ROUNDS} interleaved rounds, ${RECORDS} records a page; ratio to JSON.parse alone:`];
const header = ['variant'.padEnd(36), ...SHAPES.map((s) => s.padStart(8))].join(' ');
lines.push(`  ${header}`);
const pages = SHAPES.map(pageOf);
const times = VARIANTS.map(() => SHAPES.map(() => [] as number[]));
for (let round = 0; round < ROUNDS; round++) {
  pages.forEach((page, s) => {
    VARIANTS.forEach(([, run], k) => {
      const start = performance.now();
      run(page);
      times[k]?.[s]?.push(performance.now() - start);
    });
  });
}
const medians = times.map((perShape) => perShape.map(median));
const base = medians[0] ?? [];
VARIANTS.forEach(([name], k) => {
  const cells = SHAPES.map((_, s) => ((medians[k]?.[s] ?? 0) / (base[s] ?? 1)).toFixed(2).padStart(8));
  lines.push(`  ${name.padEnd(36)} ${cells.join(' ')}`);
});
lines.push(
  `  ${'JSON.parse alone, ms'.padEnd(36)} ${SHAPES.map((_, s) => (base[s] ?? 0).toFixed(1).padStart(8)).join(' ')}`,
);
lines.push(
  `  page sizes, MB${' '.repeat(22)} ${pages.map((p) => (p.bytes.length / 1e6).toFixed(1).padStart(8)).join(' ')}`,
);
lines.push('  target: parseMeasurements (response bytes) <= 0.75 on every shape');
console.log(lines.join('\n'));

describe(`parse a ${RECORDS}-record measurement page (large values)`, () => {
  const page = pages[0] as PageInput;
  for (const [name, run] of VARIANTS) {
    bench(name, () => void run(page), { iterations: 3, warmupIterations: 1, time: 0, warmupTime: 0 });
  }
});
