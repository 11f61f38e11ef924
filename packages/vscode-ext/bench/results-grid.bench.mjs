// The results view's grid with 100,000 rows, in Chromium (Debian's, through playwright-core), on
// the real results page and its bundled script (dist/webview/results-page.js; run the build
// first): time from the host's message to the first rows painted, then a scroll of 10,000 rows
// with the real mouse wheel, counting animation frames over 50 ms. Medians of 3 fresh pages.

import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '@carbontrack/test-support/chromium';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const ROWS = 100_000;
const SCROLL_ROWS = 10_000;
const ROW_HEIGHT = 22;

// The page's HTML from the same function the extension uses, compiled on the fly.
const compiled = await build({
  entryPoints: [`${root}src/webview/results-html.ts`],
  bundle: true,
  format: 'esm',
  platform: 'node',
  write: false,
  logLevel: 'warning',
});
const { renderResultsHtml } = await import(
  `data:text/javascript;base64,${Buffer.from(compiled.outputFiles[0].text).toString('base64')}`
);
const script = await readFile(`${root}dist/webview/results-page.js`);
const html = renderResultsHtml({ cspSource: "'self'", nonce: 'bench', scriptUri: '/results-page.js', title: 'bench' });

const server = createServer((req, res) => {
  if (req.url === '/results-page.js') {
    res.setHeader('content-type', 'text/javascript');
    res.end(script);
    return;
  }
  res.setHeader('content-type', 'text/html');
  res.end(html);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}/`;

// A measurements result: times, an ID and six numbers a row.
const start = Date.UTC(2025, 0, 1);
const table = {
  columns: [
    'RecordDateTime',
    'LocalTime',
    'ID',
    'PowerUsage',
    'Generating',
    'PowerExported',
    'Power1',
    'Voltage',
    'Temperature1',
  ],
  units: ['', '', '', 'W', 'W', 'W', 'W', 'V', '°C'],
  rows: Array.from({ length: ROWS }, (_, i) => {
    const t = start + i * 300_000;
    return [
      new Date(t).toISOString(),
      new Date(t + 39_600_000).toISOString().replace('Z', '+11:00'),
      `8f2237a4-9fab-49e8-${String(i).padStart(12, '0')}`,
      800 + 600 * Math.sin(i / 40),
      Math.max(0, 3000 * Math.sin(i / 90)),
      Math.max(0, 2000 * Math.sin(i / 90) - 500),
      300 + 100 * Math.cos(i / 30),
      240 + Math.sin(i) * 3,
      21 + Math.sin(i / 288) * 4,
    ];
  }),
};
const header = { query: 'bench.ctquery', endpoint: 'measurements', connection: 'bench', rows: ROWS, durationMs: 1 };

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
const runs = [];
try {
  for (let run = 0; run < 3; run++) {
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    await page.addInitScript(() => {
      window.__fromPage = [];
      window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__fromPage.push(m) });
    });
    await page.goto(url);
    await page.waitForFunction(() => window.__fromPage?.some((m) => m.type === 'ready'));
    // First paint: from the host's message (the structured clone included) to the frame the rows are drawn in.
    const firstPaintMs = await page.evaluate(
      ({ header, table }) =>
        new Promise((resolve) => {
          const t0 = performance.now();
          window.postMessage({ type: 'result', header, table });
          const check = () => {
            if (document.querySelectorAll('#grid-rows .row:not([hidden])').length > 0) {
              requestAnimationFrame(() => resolve(performance.now() - t0));
            } else requestAnimationFrame(check);
          };
          requestAnimationFrame(check);
        }),
      { header, table },
    );
    // Frames while the real wheel scrolls 10,000 rows.
    await page.evaluate(() => {
      window.__frames = [];
      let last = performance.now();
      const tick = (now) => {
        window.__frames.push(now - last);
        last = now;
        if (!window.__stop) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const box = await page.locator('#grid-viewport').boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const steps = 100;
    const t0 = Date.now();
    for (let k = 0; k < steps; k++) await page.mouse.wheel(0, (SCROLL_ROWS * ROW_HEIGHT) / steps);
    await page.waitForFunction(
      (target) => document.getElementById('grid-viewport').scrollTop >= target - 2,
      SCROLL_ROWS * ROW_HEIGHT - 1,
    );
    const scrollMs = Date.now() - t0;
    const frames = await page.evaluate(() => {
      window.__stop = true;
      return window.__frames;
    });
    // The rows at the end of the scroll are the right ones.
    const firstShown = await page.evaluate(() => {
      const rows = [...document.querySelectorAll('#grid-rows .row:not([hidden])')];
      const top = document.getElementById('grid-viewport').scrollTop;
      const visible = rows.find(
        (r) =>
          r.getBoundingClientRect().bottom >
          document.getElementById('grid-viewport').getBoundingClientRect().top + 22 + 1,
      );
      return { top, index: Number(visible?.getAttribute('aria-rowindex')) - 2 };
    });
    runs.push({
      firstPaintMs,
      scrollMs,
      frames: frames.length,
      slowFrames: frames.filter((f) => f > 50).length,
      worstFrameMs: Math.max(...frames),
      landedOnRow: firstShown.index,
    });
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
const median = (key) => runs.map((r) => r[key]).sort((a, b) => a - b)[1];
console.log(`results grid, ${ROWS.toLocaleString()} rows × ${table.columns.length} columns, Chromium, medians of 3:`);
console.log(`  first paint after the host's message: ${median('firstPaintMs').toFixed(1)} ms`);
console.log(
  `  scroll of ${SCROLL_ROWS.toLocaleString()} rows by mouse wheel: ${median('scrollMs')} ms, ${median('frames')} frames, ` +
    `${median('slowFrames')} over 50 ms (worst ${median('worstFrameMs').toFixed(1)} ms); landed on row ${median('landedOnRow')}`,
);
for (const [i, r] of runs.entries()) console.log(`  run ${i + 1}: ${JSON.stringify(r)}`);
