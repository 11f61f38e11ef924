// Embedding anywhere: the widgets imported on a server (no DOM) throw nothing and define
// nothing; a page that loads the bundle twice (two portal plug-ins) works and logs no error; and
// every widget fires `ct-ready` once, when its first data is on screen.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '@carbontrack/test-support/chromium';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmbedPage, type EmbedServer, startEmbedServer } from './embed-server.js';

const ENTRIES = [
  '@carbontrack/widgets',
  '@carbontrack/widgets/device-card',
  '@carbontrack/widgets/usage-chart',
  '@carbontrack/widgets/energy-summary',
  '@carbontrack/widgets/power-flow',
  '@carbontrack/widgets/provider',
  new URL('../dist/ct-widgets.js', import.meta.url).href,
];
const TAGS = ['ct-device-card', 'ct-usage-chart', 'ct-energy-summary', 'ct-power-flow', 'ct-provider'];

describe('imported without a DOM (server-side rendering)', () => {
  it.each(ENTRIES)('%s throws nothing and defines nothing', (entry) => {
    // A fresh Node process per entry: nothing another import left behind counts.
    const script = `
      const before = Object.keys(globalThis);
      await import(${JSON.stringify(entry)});
      const registry = globalThis.customElements;
      console.log(JSON.stringify({
        defined: ${JSON.stringify(TAGS)}.filter((tag) => registry?.get?.(tag) !== undefined),
        htmlElement: typeof globalThis.HTMLElement,
        document: typeof globalThis.document,
      }));`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: new URL('..', import.meta.url).pathname,
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout.trim().split('\n').pop() as string);
    expect(result.defined).toEqual([]);
    // The bundle's DOM stand-ins are its own: no global document appears.
    expect(result.document).toBe('undefined');
  });
});

/** An online device of the demo distributor with a battery, so every widget has something to show. */
function batteryDevice(server: EmbedServer): string {
  const { world } = server.simulator;
  return world.devices.find(
    (d) => d.distributorId === world.distributors[0]?.ID && d.offlineSinceMs === null && d.battery,
  )?.id as string;
}

/** The four widgets of one device inside a provider at /ct. */
function allWidgets(deviceId: string): string {
  return `<ct-provider base-url="/ct" time-zone="Australia/Sydney">
        <ct-device-card device-id="${deviceId}" refresh-interval="0"></ct-device-card>
        <ct-usage-chart device-id="${deviceId}" range="24h" refresh-interval="0"></ct-usage-chart>
        <ct-energy-summary device-id="${deviceId}" period="today" refresh-interval="0"></ct-energy-summary>
        <ct-power-flow device-id="${deviceId}" refresh-interval="0"></ct-power-flow>
      </ct-provider>`;
}

describe('in a page', () => {
  let server: EmbedServer;
  let browser: Browser;
  let deviceId: string;

  beforeAll(async () => {
    server = await startEmbedServer({}, 7);
    deviceId = batteryDevice(server);
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('loading the bundle twice throws nothing; each widget fires ct-ready once, with its data on screen', async () => {
    const html = `<!doctype html><html lang="en-AU"><head><meta charset="utf-8"><script>
      window.readyEvents = [];
      document.addEventListener('ct-ready', (event) => {
        const el = event.target;
        const root = el.shadowRoot;
        const canvas = root.querySelector('canvas');
        let painted = false;
        if (canvas) {
          const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
          for (let i = 3; i < data.length; i += 4) if (data[i] > 0) { painted = true; break; }
        }
        window.readyEvents.push({ tag: el.localName, text: root.textContent.replace(/\\s+/g, ' ').trim(), painted });
      });
    </script></head><body>
      <script type="module" src="/ct-widgets.js"></script>
      <script type="module" src="/ct-widgets.js?second-plugin=1"></script>
      ${allWidgets(deviceId)}</body></html>`;
    const tab = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
    const errors: string[] = [];
    tab.on('pageerror', (error) => errors.push(String(error)));
    tab.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await tab.route('**/twice.html', (route) => route.fulfill({ contentType: 'text/html', body: html }));
    await tab.goto(`${server.url}/twice.html`);
    await tab.waitForFunction(() => (window as unknown as { readyEvents: unknown[] }).readyEvents.length >= 4, null, {
      timeout: 30_000,
    });
    // A refresh later, nothing fires again.
    await tab.waitForTimeout(500);
    const events = (await tab.evaluate(() => (window as unknown as { readyEvents: unknown[] }).readyEvents)) as Array<{
      tag: string;
      text: string;
      painted: boolean;
    }>;
    expect(events.map((e) => e.tag).sort()).toEqual([
      'ct-device-card',
      'ct-energy-summary',
      'ct-power-flow',
      'ct-usage-chart',
    ]);
    const of = (tag: string) => events.find((e) => e.tag === tag) as { text: string; painted: boolean };
    expect(of('ct-device-card').text).toMatch(/Online|Offline/);
    expect(of('ct-energy-summary').text).toMatch(/kWh/);
    expect(of('ct-power-flow').text).toMatch(/W/);
    // The chart's canvas is drawn when it says it is ready.
    expect(of('ct-usage-chart').painted).toBe(true);
    expect(errors).toEqual([]);
    // Through the proxy the widgets read measurements with its cache-friendly GETs, never the POST.
    expect(server.proxyLog).toContain('GET /ct/v1');
    expect(server.proxyLog.filter((line) => line === 'GET /ct/v1/measurements').length).toBeGreaterThan(0);
    expect(server.proxyLog).not.toContain('POST /ct/ctapi/Measurement');
    await tab.close();
  });

  // A chunk loaded on demand that cannot be fetched: a deployment replaced it, or the network failed.
  it('each widget that needs one says what did not load, and a real click on Retry shows the data once it can', async () => {
    // The chunks the script imports on demand, from the build's own import graph.
    const graph = JSON.parse(readFileSync(new URL('../dist/bundle-graph.json', import.meta.url), 'utf8')) as Record<
      string,
      Array<{ path: string; kind: string }>
    >;
    const onDemand = new Set(
      (graph['ct-widgets.js'] ?? [])
        .filter((i) => i.kind === 'dynamic-import' && !i.path.includes('/tz-'))
        .map((i) => `/${i.path}`),
    );
    expect(onDemand.size).toBeGreaterThanOrEqual(4);
    let serving = false;
    const refused = new Set<string>();
    const tab = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
    await tab.route('**/chunks/**', (route) => {
      const path = new URL(route.request().url()).pathname;
      if (serving || !onDemand.has(path)) return route.continue();
      refused.add(path);
      return route.fulfill({ status: 404, body: 'gone' });
    });
    const html = `<!doctype html><html lang="en-AU"><head><meta charset="utf-8"><script>
      window.errorEvents = [];
      document.addEventListener('ct-error', (e) => window.errorEvents.push(e.target.localName + ' ' + e.detail.key));
    </script></head><body>
      <script type="module" src="/ct-widgets.js"></script>${allWidgets(deviceId)}</body></html>`;
    const errorEvents = () => tab.evaluate(() => (window as unknown as { errorEvents: string[] }).errorEvents);
    await tab.route('**/chunk-gone.html', (route) => route.fulfill({ contentType: 'text/html', body: html }));
    await tab.goto(`${server.url}/chunk-gone.html`);
    const needsChunk = {
      'ct-usage-chart': 'the chart',
      'ct-energy-summary': 'the energy summary',
      'ct-power-flow': 'the power-flow diagram',
    };
    for (const [tag, what] of Object.entries(needsChunk)) {
      const message = tab.locator(tag).locator('[part="error-message"]');
      await message.waitFor({ timeout: 30_000 });
      expect(await message.textContent()).toContain(`Could not load ${what}`);
    }
    // The card needs no chunk: it shows its data meanwhile.
    await expect
      .poll(() => tab.locator('ct-device-card').locator('[part="status"]').textContent(), { timeout: 30_000 })
      .toMatch(/Online|Offline/);
    expect(refused.size).toBeGreaterThanOrEqual(3);
    // Each says so once by ct-error too, as for a failed fetch, keyed by what did not load.
    expect((await errorEvents()).sort()).toEqual(
      Object.entries(needsChunk)
        .map(([tag, what]) => `${tag} module:${what}`)
        .sort(),
    );
    await tab.screenshot({
      path: new URL('../test-artifacts/chunk-gone.png', import.meta.url).pathname,
      fullPage: true,
    });
    // On a phone, in dark, the messages (a URL without spaces in them) wrap inside each widget.
    await tab.setViewportSize({ width: 390, height: 1200 });
    await tab.emulateMedia({ colorScheme: 'dark' });
    for (const tag of Object.keys(needsChunk)) {
      const widget = await tab.locator(tag).boundingBox();
      const message = await tab.locator(tag).locator('[part="error-message"]').boundingBox();
      if (!widget || !message) throw new Error(`${tag} has no box`);
      expect(widget.x + widget.width).toBeLessThanOrEqual(390);
      expect(message.x + message.width).toBeLessThanOrEqual(widget.x + widget.width);
      const overflow = await tab
        .locator(tag)
        .locator('[part="error-message"]')
        .evaluate((el) => el.scrollWidth - el.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    }
    await tab.screenshot({
      path: new URL('../test-artifacts/chunk-gone-390-dark.png', import.meta.url).pathname,
      fullPage: true,
    });
    await tab.setViewportSize({ width: 1100, height: 1400 });
    await tab.emulateMedia({ colorScheme: 'light' });
    // Once the chunks are there again, a real click on each Retry shows the data.
    serving = true;
    for (const tag of Object.keys(needsChunk)) await tab.locator(tag).locator('[part="retry-button"]').click();
    await tab.locator('ct-usage-chart').locator('canvas').first().waitFor({ timeout: 30_000 });
    await expect
      .poll(() => tab.locator('ct-energy-summary').locator('[part~="summary"]').textContent(), { timeout: 30_000 })
      .toMatch(/kWh/);
    await expect
      .poll(() => tab.locator('ct-power-flow').locator('[part="node"]').count(), { timeout: 30_000 })
      .toBeGreaterThanOrEqual(3);
    for (const tag of Object.keys(needsChunk)) expect(await tab.locator(tag).locator('[part="error"]').count()).toBe(0);
    expect(await errorEvents()).toHaveLength(3);
    await tab.screenshot({
      path: new URL('../test-artifacts/chunk-back.png', import.meta.url).pathname,
      fullPage: true,
    });
    await tab.close();
  });
});

describe('under a strict Content-Security-Policy', () => {
  const CSP = "default-src 'self'; script-src 'self'; style-src 'self'";
  let server: EmbedServer;
  let browser: Browser;

  beforeAll(async () => {
    // No inline script or style on the page: the violation counter is a file of its own.
    const listener = `window.violations = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        window.violations.push(e.violatedDirective + ' ' + (e.blockedURI || e.sample || ''));
      });`;
    // The server reads its pages when asked: the page is added once the world names the device.
    const pages: Record<string, EmbedPage> = { '/csp-listener.js': { body: listener, type: 'text/javascript' } };
    server = await startEmbedServer(pages, 9);
    pages['/strict.html'] = {
      body: `<!doctype html><html lang="en-AU"><head><meta charset="utf-8">
      <script src="/csp-listener.js"></script>
      <script type="module" src="/ct-widgets.js"></script></head><body>
      ${allWidgets(batteryDevice(server))}</body></html>`,
      headers: { 'Content-Security-Policy': CSP },
    };
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('every widget shows live data, a real hover shows the tooltip, and no violation is reported', async () => {
    const tab = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
    const errors: string[] = [];
    tab.on('pageerror', (error) => errors.push(String(error)));
    await tab.goto(`${server.url}/strict.html`);
    await tab.waitForFunction(
      () =>
        ['ct-device-card', 'ct-energy-summary', 'ct-power-flow'].every((tag) =>
          /kWh|Online|Offline|W\b/.test(document.querySelector(tag)?.shadowRoot?.textContent ?? ''),
        ) && !!document.querySelector('ct-usage-chart')?.shadowRoot?.querySelector('canvas'),
      null,
      { timeout: 30_000 },
    );
    // Hover the plot with the real mouse: the tooltip is positioned through the CSSOM.
    const plot = tab.locator('ct-usage-chart').locator('[part="plot"]');
    const box = await plot.boundingBox();
    if (!box) throw new Error('no plot');
    await tab.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await tab.mouse.move(box.x + box.width / 2 + 20, box.y + box.height / 2);
    const tooltip = tab.locator('ct-usage-chart').locator('[part="tooltip"]');
    await tooltip.waitFor({ state: 'visible' });
    const left = await tooltip.evaluate((el) => (el as HTMLElement).style.left);
    expect(left).toMatch(/px$/);
    // The legend swatches got their colours, the power flow its widths: no style was refused.
    const swatch = await tab
      .locator('ct-usage-chart')
      .locator('[part="legend-item"]')
      .first()
      .evaluate((el) => (el as HTMLElement).style.getPropertyValue('--_swatch'));
    expect(swatch).toMatch(/^var\(--/);
    expect(await tab.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
    expect(errors).toEqual([]);
    await tab.screenshot({
      path: new URL('../test-artifacts/strict-csp.png', import.meta.url).pathname,
      fullPage: true,
    });
    await tab.close();
  });
});
