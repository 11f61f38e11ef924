// Runs bench/chart-page.ts in Chromium (playwright-core, /usr/bin/chromium) and prints medians.
// Not a timed test: numbers depend on the machine.
import { createServer } from 'node:http';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';

const bundle = await build({
  entryPoints: [new URL('./chart-page.ts', import.meta.url).pathname],
  bundle: true,
  format: 'esm',
  minify: true,
  write: false,
  conditions: ['production'],
  tsconfig: new URL('../tsconfig.json', import.meta.url).pathname,
  logLevel: 'warning',
});
const js = bundle.outputFiles[0].text;
const page = '<!doctype html><html lang="en"><body><script type="module" src="/bench.js"></script></body></html>';
const server = createServer((req, res) => {
  if (req.url === '/bench.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
  else res.writeHead(200, { 'content-type': 'text/html' }).end(page);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
});
try {
  const tab = await browser.newPage({ viewport: { width: 1100, height: 800 } });
  await tab.goto(url);
  await tab.waitForFunction(() => typeof globalThis.runBench === 'function');
  const result = await tab.evaluate(() => globalThis.runBench());
  console.log(JSON.stringify(result, null, 2));
  const ok = result.firstRenderOverUplotAlone <= 1 && result.zoomRerenderMedianMs <= 16;
  console.log(
    `first render / uPlot alone with every row = ${result.firstRenderOverUplotAlone.toFixed(2)} (target ≤ 1.0; ${result.firstRenderMedianMs.toFixed(1)} ms vs ${result.uplotAloneAllRowsMedianMs.toFixed(1)} ms, medians of interleaved runs), zoom re-render median ${result.zoomRerenderMedianMs.toFixed(1)} ms (target ≤ 16): ${ok ? 'within targets' : 'OVER TARGET'}`,
  );
} finally {
  await browser.close();
  server.close();
}
