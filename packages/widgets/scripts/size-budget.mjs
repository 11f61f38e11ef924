// Size budgets of the self-contained bundle, minified + gzip, for what each kind of page loads:
// the script with the chunks it imports statically, plus the chunks loaded on demand by what the
// page shows (uPlot for a chart; the energy maths for summaries and energy bars; each with the
// shared chunks it imports). 60 kB for the script and for a page with a power chart, the widgets'
// budget; a page that also shows costs, comparisons and energy bars loads the energy maths too,
// budgeted at 64 kB. The time-zone table is reported, not budgeted: it is data, fetched only by
// pages that set no time-zone. The import graph is dist/bundle-graph.json, written by bundle.mjs.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const KB = 1024;
const dist = new URL('../dist/', import.meta.url);
const graph = JSON.parse(readFileSync(new URL('bundle-graph.json', dist), 'utf8'));
const gzip = (path) => gzipSync(readFileSync(new URL(path, dist)), { level: 9 }).length;
const outputs = Object.keys(graph);
const named = (prefix) => {
  const found = outputs.find((f) => f.startsWith(`chunks/${prefix}-`));
  if (!found) throw new Error(`no dist/chunks/${prefix}-*.js: run the build`);
  return found;
};
/** The outputs a page loads for `roots`: each root and what it imports statically, transitively. */
const closure = (roots) => {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const i of graph[file] ?? []) if (i.kind === 'import-statement') visit(i.path);
  };
  for (const root of roots) visit(root);
  return seen;
};
const size = (roots) => [...closure(roots)].reduce((sum, file) => sum + gzip(file), 0);

const main = 'ct-widgets.js';
const plot = named('plot-engine');
const energy = [named('summary-view'), named('energy-model')];
const kb = (n) => `${(n / KB).toFixed(1)} kB`;
const checks = [
  ['dist/ct-widgets.js (with its shared chunks)', size([main]), 60 * KB],
  ['a page with a power chart (script + uPlot)', size([main, plot]), 60 * KB],
  ['a page with every widget (+ costs, comparisons, energy bars)', size([main, plot, ...energy]), 64 * KB],
];
for (const [name, bytes, budget] of checks) console.log(`${name}: ${kb(bytes)} gzip (budget ${kb(budget)})`);
console.log(`time-zone table chunk, loaded only without a time-zone: ${kb(gzip(named('tz')))} gzip`);
const over = checks.filter(([, bytes, budget]) => bytes > budget);
for (const [name, bytes, budget] of over) console.error(`${name} is over its size budget by ${kb(bytes - budget)}`);
if (over.length > 0) process.exit(1);
