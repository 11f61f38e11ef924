// Profiles bench/chart-page.ts in Chromium (CDP CPU profile, unminified bundle) and prints the
// functions with the most self time. A diagnostic aid next to chart-bench.mjs, not a benchmark.
import { createServer } from 'node:http';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';

const bundle = await build({
  entryPoints: [new URL('./chart-page.ts', import.meta.url).pathname],
  bundle: true,
  format: 'esm',
  minify: false,
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
  const cdp = await tab.context().newCDPSession(tab);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  const result = await tab.evaluate(() => globalThis.runBench());
  const { profile } = await cdp.send('Profiler.stop');
  console.log(JSON.stringify(result));
  const self = new Map();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const dt = profile.timeDeltas;
  let total = 0;
  profile.samples.forEach((id, i) => {
    const n = byId.get(id);
    const f = n.callFrame;
    const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
    const ms = (dt[i] ?? 0) / 1000;
    total += ms;
    self.set(key, (self.get(key) ?? 0) + ms);
  });
  // Inclusive time: a sample counts once for every distinct function on its stack.
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const keyOf = (n) =>
    `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber + 1}`;
  const incl = new Map();
  profile.samples.forEach((id, i) => {
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) seen.add(keyOf(byId.get(at)));
    for (const k of seen) incl.set(k, (incl.get(k) ?? 0) + (dt[i] ?? 0) / 1000);
  });
  console.log(`total sampled ${total.toFixed(0)} ms; inclusive:`);
  for (const [k, v] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 40))) {
    console.log(`${v.toFixed(1).padStart(8)} ms  ${k}`);
  }
  console.log('self:');
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 40))) {
    console.log(`${v.toFixed(1).padStart(8)} ms  ${k}`);
  }
} finally {
  await browser.close();
  server.close();
}
