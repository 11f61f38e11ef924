// Size budgets of the self-contained bundle, minified + gzip: the script a page loads with the
// chunks it imports statically, and what a page with a chart loads in all (that plus uPlot's
// chunk); 60 kB each, the widgets' budget. The time-zone table is reported, not budgeted: it is
// data, fetched only by pages that set no time-zone.
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const KB = 1024;
const dist = new URL('../dist/', import.meta.url);
const gzip = (path) => gzipSync(readFileSync(new URL(path, dist)), { level: 9 }).length;
const chunks = readdirSync(new URL('chunks/', dist));
const chunk = (prefix) => {
  const name = chunks.find((f) => f.startsWith(prefix));
  if (!name) throw new Error(`no dist/chunks/${prefix}*.js: run the build`);
  return gzip(`chunks/${name}`);
};
// esbuild's shared chunks, imported by the script itself: part of every page.
const shared = chunks.filter((f) => f.startsWith('chunk-')).reduce((sum, f) => sum + gzip(`chunks/${f}`), 0);
const main = gzip('ct-widgets.js') + shared;
const plot = chunk('plot-engine-');
const tz = chunk('tz-');
const kb = (n) => `${(n / KB).toFixed(1)} kB`;
const checks = [
  ['dist/ct-widgets.js (with its shared chunks)', main, 60 * KB],
  ['script + uPlot chunk (a page with a chart)', main + plot, 60 * KB],
];
for (const [name, size, budget] of checks) console.log(`${name}: ${kb(size)} gzip (budget ${kb(budget)})`);
console.log(`time-zone table chunk, loaded only without a time-zone: ${kb(tz)} gzip`);
const over = checks.filter(([, size, budget]) => size > budget);
for (const [name, size, budget] of over) console.error(`${name} is over its size budget by ${kb(size - budget)}`);
if (over.length > 0) process.exit(1);
