// Size budget of the self-contained bundle, minified + gzip (issue 5: ≤ 60 kB all-in).
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 60 * 1024;
const file = new URL('../dist/ct-widgets.js', import.meta.url);
const raw = readFileSync(file);
const gzipped = gzipSync(raw, { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
console.log(`dist/ct-widgets.js: ${kb(raw.length)} minified, ${kb(gzipped)} gzip (budget ${kb(BUDGET_BYTES)})`);
if (gzipped > BUDGET_BYTES) {
  console.error(`dist/ct-widgets.js is over its size budget by ${kb(gzipped - BUDGET_BYTES)}`);
  process.exit(1);
}
