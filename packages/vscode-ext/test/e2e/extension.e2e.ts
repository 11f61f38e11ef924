/**
 * End to end in a real VS Code workbench: code-server with the packaged extension installed, driven by
 * Debian's chromium through playwright-core. Run by scripts/run-e2e.mjs (which checks the install).
 * Nothing leaves 127.0.0.1: the extension starts its own simulator inside the extension host.
 */

import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCarbonTrackClient } from '@carbontrack/core';
import { localTimeToInstant } from '@carbontrack/core/time-zone';
import { listen, type RunningSimulator } from '@carbontrack/simulator';
import { CHROMIUM_ARGS } from '@carbontrack/test-support/chromium';
import { freePort } from '@carbontrack/test-support/free-port';
import { type Browser, chromium, type FrameLocator, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatSeries } from '../../src/measurements/measurement-rows.js';

const require = createRequire(import.meta.url);

const root = fileURLToPath(new URL('../..', import.meta.url));
const artifacts = join(root, 'test-artifacts');
const PAGE_SIZE = 5;
// Fewer saturated pixels than this on the chart's canvas: its series are not drawn (a day of one device
// draws about 2,800 in this window).
const MIN_PLOT_PIXELS = 500;
// Not the browser's (UTC): the webview must hand the setting to its widgets.
const TIME_ZONE = 'Australia/Sydney';

describe('carbonTRACK in code-server', () => {
  const temp = mkdtempSync(join(tmpdir(), 'ct-e2e-'));
  const workspace = join(temp, 'workspace');
  const userData = join(temp, 'user-data');
  const extensions = join(temp, 'extensions');
  let server: ChildProcess | undefined;
  let browser: Browser | undefined;
  let page: Page;
  // A simulator with the same seed as the extension's: the data is a pure function of (seed, device, time).
  let reference: RunningSimulator;
  let client: ReturnType<typeof createCarbonTrackClient>;
  let shot = 0;
  const pageErrors: string[] = [];
  const screenshot = async (name: string) => {
    await page.screenshot({ path: join(artifacts, `${String(++shot).padStart(2, '0')}-${name}.png`) });
  };

  const world = () => reference.simulator.world;
  const distributorA = () => world().distributors.find((d) => d.UserName === 'demo')?.ID;
  const customersA = () => world().customers.filter((c) => c.DistributorId === distributorA());
  // The first customer on the first page that has an online device with solar.
  const target = () => {
    for (const customer of customersA().slice(0, PAGE_SIZE)) {
      const device = world().devices.find(
        (d) => d.customerRef === customer.AccountNumber && d.offlineSinceMs === null && d.solarKwp > 0,
      );
      if (device) return { customer, device };
    }
    throw new Error('no online solar device on the first page');
  };

  beforeAll(async () => {
    // Screenshots of this run only: a failure's screenshot from an earlier run must not be read as this one's.
    rmSync(artifacts, { recursive: true, force: true });
    mkdirSync(artifacts, { recursive: true });
    mkdirSync(workspace, { recursive: true });
    mkdirSync(join(userData, 'User'), { recursive: true });
    reference = await listen({ seed: 1 }, { port: 0 });
    client = createCarbonTrackClient({ baseUrl: reference.url, credentials: { username: 'demo', password: 'demo' } });
    writeFileSync(
      join(userData, 'User', 'settings.json'),
      JSON.stringify({
        'workbench.startupEditor': 'none',
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'extensions.autoUpdate': false,
        'chat.disableAIFeatures': true,
        'security.workspace.trust.enabled': false,
        'files.simpleDialog.enable': true,
        'carbontrack.customerPageSize': PAGE_SIZE,
        'carbontrack.timeZone': TIME_ZONE,
        // Relative to the workspace folder: the summary in the measurements panel prices with it.
        'carbontrack.tariffFile': 'example.tariff.json',
        'workbench.tips.enabled': false,
      }),
    );
    const { device } = target();
    copyFileSync(
      require.resolve('@carbontrack/core/example-time-of-use.tariff.json'),
      join(workspace, 'example.tariff.json'),
    );
    writeFileSync(
      join(workspace, 'day.ctquery'),
      `${JSON.stringify(
        {
          endpoint: 'measurements',
          filters: { deviceId: device.id },
          range: { from: '2026-01-15', to: '2026-01-16' },
          fields: ['PowerUsage', 'Generating'],
          format: 'csv',
        },
        null,
        2,
      )}\n`,
    );

    const node = process.env.CT_E2E_NODE as string;
    const entry = process.env.CT_E2E_CODE_SERVER as string;
    const env = {
      ...process.env,
      XDG_CONFIG_HOME: join(temp, 'config'),
      XDG_DATA_HOME: join(temp, 'data'),
      EXTENSIONS_GALLERY: '{}',
    };
    // The package script itself, so CI leaves packages/vscode-ext/carbontrack.vsix behind.
    execFileSync('pnpm', ['run', 'package'], { cwd: root, stdio: 'pipe' });
    const vsix = join(root, 'carbontrack.vsix');
    execFileSync(
      node,
      [entry, '--user-data-dir', userData, '--extensions-dir', extensions, '--install-extension', vsix],
      { env, stdio: 'pipe' },
    );
    const port = await freePort();
    server = spawn(
      node,
      [
        entry,
        '--bind-addr',
        `127.0.0.1:${port}`,
        '--auth',
        'none',
        '--user-data-dir',
        userData,
        '--extensions-dir',
        extensions,
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-workspace-trust',
        '--disable-getting-started-override',
        '--ignore-last-opened',
        workspace,
      ],
      { env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const log: string[] = [];
    server.stdout?.on('data', (d) => log.push(String(d)));
    server.stderr?.on('data', (d) => log.push(String(d)));
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${base}/healthz`)).ok) break;
      } catch {}
      if (i > 120) throw new Error(`code-server did not start:\n${log.join('')}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    browser = await chromium.launch({
      executablePath: process.env.CT_E2E_CHROMIUM ?? '/usr/bin/chromium',
      args: [...CHROMIUM_ARGS],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    // Errors of every frame, the webviews' included: printed when a test fails.
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(`${message.location().url}: ${message.text()}`);
    });
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    await page.goto(`${base}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  });

  afterAll(async () => {
    await browser?.close();
    if (server?.pid) process.kill(server.pid, 'SIGTERM');
    await reference?.close();
    rmSync(temp, { recursive: true, force: true });
  });

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail' && page) {
      await screenshot(`failed-${context.task.name.slice(0, 40)}`);
      if (pageErrors.length > 0) console.error(`errors in the page:\n${pageErrors.join('\n')}`);
    }
    pageErrors.length = 0;
  });

  // The palette hides when it loses focus, and a webview takes its focus back a moment after a prompt over it
  // closes: a palette opened in that moment closes again as it opens (its input goes inert, then hidden).
  // Open it again when that happens, as a person would.
  // `text` is typed in the palette as it is: a leading '>' runs a command, none opens a file by name.
  const palette = async (text: string, choice: string) => {
    const input = page.locator('.quick-input-widget input');
    const entry = page.locator('.quick-input-list .monaco-list-row', { hasText: choice }).first();
    for (let attempt = 1; ; attempt++) {
      await page.keyboard.press('F1');
      try {
        await input.fill(text, { timeout: 5_000 });
        await entry.waitFor({ timeout: 5_000 });
        if (!(await input.isVisible())) throw new Error(`the command palette closed before "${choice}" was chosen`);
        await page.keyboard.press('Enter');
        return;
      } catch (error) {
        if (attempt >= 3) throw error;
        await page.keyboard.press('Escape');
      }
    }
  };
  const runCommand = (title: string) => palette(`>${title}`, title);
  // The quick input widget is reused from one prompt to the next: wait for the prompt's title first.
  const quickInput = async (text: string, title?: string) => {
    if (title) await page.locator('.quick-input-widget .quick-input-title', { hasText: title }).waitFor();
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(text);
    await page.keyboard.press('Enter');
  };
  const row = (name: string | RegExp) => page.getByRole('treeitem', { name }).first();
  // VS Code arms a context-menu item's mouse-up only 100 ms after the menu renders (so the right-click's own
  // mouse-up cannot pick an item): a click sooner is dropped and the menu stays open. Click until it closes.
  const contextMenu = async (target: Locator, item: string | RegExp) => {
    await target.click({ button: 'right' });
    const entry = page.getByRole('menuitem', { name: item });
    await entry.waitFor();
    for (let attempt = 1; await entry.isVisible(); attempt++) {
      if (attempt > 5) throw new Error(`the context menu stayed open after ${attempt - 1} clicks on ${item}`);
      await entry.click();
      await entry.waitFor({ state: 'hidden', timeout: 1_000 }).catch(() => {});
    }
  };

  /** The chart's state, read in the webview: what its canvas shows and the range it says it draws. */
  const chartState = (frame: FrameLocator) =>
    frame.locator('ct-usage-chart').evaluate((element) => {
      const chart = element as HTMLElement & {
        currentView: { from: number; to: number } | null;
        uplot: { scales: { x: { min?: number; max?: number } } } | null;
      };
      const canvas = chart.shadowRoot?.querySelector('canvas');
      // The series are the only saturated pixels: axes, grid and text are grey.
      let colouredPixels = 0;
      if (canvas?.isConnected && canvas.width > 0 && canvas.height > 0) {
        const { data } = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height) ?? { data: [] };
        for (let i = 0; i + 3 < data.length; i += 4) {
          const [r, g, b, a] = [data[i] as number, data[i + 1] as number, data[i + 2] as number, data[i + 3] as number];
          if (a > 128 && Math.max(r, g, b) - Math.min(r, g, b) > 60) colouredPixels++;
        }
      }
      const x = chart.uplot?.scales.x;
      return {
        canvasConnected: canvas?.isConnected ?? false,
        colouredPixels,
        view: chart.currentView,
        scale: x ? { from: x.min, to: x.max } : null,
      };
    });
  const span = (view: { from: number; to: number } | null | undefined) => (view ? view.to - view.from : Number.NaN);

  const expectDrawn = async (frame: FrameLocator, minimum: number, when: string) => {
    await expect
      .poll(async () => (await chartState(frame)).canvasConnected, {
        timeout: 5_000,
        message: `the chart still has its canvas ${when}`,
      })
      .toBe(true);
    await expect
      .poll(async () => (await chartState(frame)).colouredPixels, {
        timeout: 5_000,
        message: `the series are still drawn on the canvas ${when}`,
      })
      .toBeGreaterThan(minimum);
  };
  const expectView = (frame: FrameLocator, message: string) =>
    expect.poll(async () => (await chartState(frame)).view, { timeout: 5_000, message });

  /**
   * Drives the webview's `<ct-usage-chart>` with real input only (chromium's mouse and keyboard, no
   * synthetic events): hovering keeps the plot drawn, a drag zooms in and a double-click zooms out, and
   * the focused plot zooms in with "+" and back out with Escape.
   */
  const driveChart = async (frame: FrameLocator) => {
    const chart = frame.locator('ct-usage-chart');
    const before = await chartState(frame);
    const whole = before.view as { from: number; to: number };
    expect(whole, 'the chart reports the range it draws').not.toBeNull();
    // uPlot's event overlay covers the plotting area exactly.
    const box = await chart.locator('.u-over').boundingBox();
    if (!box) throw new Error('the chart has no plotting area');
    const y = box.y + box.height / 2;
    const at = (share: number) => box.x + box.width * share;

    await page.mouse.move(at(0.05), y);
    await page.mouse.move(at(0.95), y, { steps: 25 });
    await screenshot('chart-after-hover');
    await expectDrawn(frame, Math.max(MIN_PLOT_PIXELS, before.colouredPixels / 2), 'after the mouse moved across it');

    await page.mouse.move(at(0.3), y);
    await page.mouse.down();
    await page.mouse.move(at(0.6), y, { steps: 10 });
    await page.mouse.up();
    await expect
      .poll(async () => span((await chartState(frame)).view), { timeout: 5_000, message: 'a drag zooms in' })
      .toBeLessThan(span(whole) * 0.5);
    const zoomed = await chartState(frame);
    await screenshot('chart-zoomed');
    expect(span(zoomed.view)).toBeGreaterThan(span(whole) * 0.1);
    expect(zoomed.view?.from).toBeGreaterThan(whole.from);
    expect(zoomed.view?.to).toBeLessThan(whole.to);
    expect(zoomed.scale, "uPlot's x scale follows the view").toEqual(zoomed.view);
    await expectDrawn(frame, MIN_PLOT_PIXELS, 'once zoomed');
    await page.mouse.dblclick(at(0.5), y);
    await expectView(frame, 'a double-click shows the whole range again').toEqual(whole);

    const plot = chart
      .getByRole('application', { name: /\S/ })
      .or(chart.getByRole('img', { name: /\S/ }))
      .first();
    await plot.waitFor({ timeout: 5_000 });
    const focused = () => plot.evaluate((element) => element.matches(':focus'));
    const plotBox = await plot.boundingBox();
    if (plotBox) await page.mouse.click(plotBox.x + plotBox.width / 2, plotBox.y + plotBox.height / 2);
    for (let tab = 0; !(await focused()) && tab < 12; tab++) await page.keyboard.press('Tab');
    expect(await focused(), 'the plot takes keyboard focus').toBe(true);
    await page.keyboard.press('+');
    await expect
      .poll(async () => span((await chartState(frame)).view), { timeout: 5_000, message: '"+" zooms in' })
      .toBeLessThan(span(whole));
    await page.keyboard.press('Escape');
    await expectView(frame, 'Escape shows the whole range again').toEqual(whole);
    await expectDrawn(frame, MIN_PLOT_PIXELS, 'after the keyboard zoom');
    await screenshot('chart-after-keyboard');
  };

  it('shows the simulator customers in the tree and "Load more…" adds the next page', async () => {
    await page.getByRole('tab', { name: /carbonTRACK/ }).click();
    await runCommand('carbonTRACK: Start Local Simulator');
    await row(/Local simulator/).waitFor({ timeout: 30_000 });
    const names = customersA().map((c) => `${c.FirstName} ${c.LastName}`);
    await row(names[0] as string).waitFor({ timeout: 30_000 });
    for (const name of names.slice(0, PAGE_SIZE)) await expect(row(name).isVisible()).resolves.toBe(true);
    await expect(row(names[PAGE_SIZE] as string).count()).resolves.toBe(0);
    // The connection in use is marked, in the tree and in the status bar.
    await expect
      .poll(
        () =>
          row(/Local simulator/)
            .locator('.label-description')
            .first()
            .textContent(),
        { timeout: 10_000 },
      )
      .toContain('· active');
    await page.locator('.statusbar-item', { hasText: 'carbonTRACK: Local simulator' }).first().waitFor();
    // "Load more…" says how many of how many are shown.
    await expect(row('Load more…').textContent()).resolves.toContain(`(${PAGE_SIZE} of ${customersA().length})`);
    await screenshot('tree-first-page');
    await row('Load more…').click();
    await row(names[PAGE_SIZE] as string).waitFor({ timeout: 30_000 });
    await expect(row(names[2 * PAGE_SIZE - 1] as string).isVisible()).resolves.toBe(true);
    await screenshot('tree-load-more');
  });

  it('expands a customer and shows the device with its latest reading', async () => {
    const { customer, device } = target();
    await row(`${customer.FirstName} ${customer.LastName}`).click();
    const deviceRow = page.locator('.monaco-list-row', { hasText: device.name }).first();
    await deviceRow.waitFor({ timeout: 30_000 });
    // Two devices of this customer share the name: each row then carries its ID.
    const twins = world().devices.filter((d) => d.customerRef === customer.AccountNumber && d.name === device.name);
    const id = twins.length > 1 ? '\\d{16} · ' : '';
    await expect(deviceRow.locator('.label-description').textContent()).resolves.toMatch(
      new RegExp(`^${id}\\d+(\\.\\d)? k?W use · \\d+(\\.\\d)? k?W solar$`),
    );
    await screenshot('device-reading');
  });

  it('"Show Measurements" opens a webview whose chart draws a canvas', async () => {
    const { device } = target();
    await page.locator('.monaco-list-row', { hasText: device.name }).first().click();
    const frame = page.frameLocator('iframe.webview').frameLocator('#active-frame');
    await expect
      .poll(async () => frame.locator('#status').textContent(), { timeout: 60_000 })
      .toMatch(/last 24 hours: \d+ records/);
    if (!existsSync(join(root, 'dist', 'webview', 'ct-widgets.js'))) {
      await screenshot('measurements-webview');
      console.warn('e2e: ct-widgets.js was not built; the chart checks were skipped');
      return;
    }
    await expect(frame.locator('#status').textContent(), 'the widgets bundle loads').resolves.not.toMatch(/missing/);
    await frame.locator('ct-usage-chart canvas').first().waitFor({ timeout: 30_000 });
    const zones = await frame
      .locator('ct-usage-chart, ct-energy-summary')
      .evaluateAll((elements) => elements.map((element) => (element as HTMLElement & { timeZone: string }).timeZone));
    expect(zones).toEqual([TIME_ZONE, TIME_ZONE]);
    await expect
      .poll(async () => (await chartState(frame)).colouredPixels, { timeout: 10_000, message: 'the series are drawn' })
      .toBeGreaterThan(MIN_PLOT_PIXELS);
    await screenshot('measurements-webview');
    await driveChart(frame);
    // The chart's axis is in the setting's zone: each time label is that zone's wall clock.
    const ticks = await frame.locator('ct-usage-chart').evaluate((element, zone) => {
      const hour = new Intl.DateTimeFormat('en', { hour: 'numeric', minute: '2-digit', timeZone: zone });
      return (element as unknown as { axisTicks: { at: number; label: string }[] }).axisTicks
        .filter((t) => /:/.test(t.label))
        .map((t) => ({ label: t.label, expected: hour.format(t.at) }));
    }, TIME_ZONE);
    expect(ticks.length).toBeGreaterThan(2);
    for (const tick of ticks) expect(tick.label).toBe(tick.expected);
    // The records under the chart, local times with the zone's offset.
    const firstRecord = await frame.locator('#grid-rows .row:not([hidden])').first().locator('div').allTextContents();
    expect(firstRecord[1]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+1[01]:00$/);
    // The summary beside it: the cost under carbontrack.tariffFile, and changes from the 24 hours before.
    const summary = frame.locator('ct-energy-summary');
    await expect.poll(() => summary.locator('[part~="net"] dd').textContent(), { timeout: 30_000 }).toMatch(/\$\d/);
    await expect
      .poll(() => summary.locator('[part~="comparison"]').textContent(), { timeout: 30_000 })
      .toContain('Changes are against the period before');
    expect(await summary.locator('[part~="delta"]').count()).toBeGreaterThan(3);
    await summary.scrollIntoViewIfNeeded();
    await screenshot('measurements-summary-cost');
  });

  it("runs a .ctquery file through its CodeLens into the results view: header, grid, and an export equal to core's output", async () => {
    const { device } = target();
    await runCommand('View: Close All Editors');
    // Quick open without the '>' prefix (Ctrl+P would reach chromium's print dialog).
    await palette('day.ctquery', 'day.ctquery');
    // The CodeLens names the connection the query runs on.
    const lens = page.locator('.codelens-decoration a', { hasText: '▶ Run on Local simulator' });
    await lens.waitFor({ timeout: 30_000 });
    await lens.click();
    // Dates without an offset are local days in the carbontrack.timeZone setting's zone.
    const day = (d: string) => localTimeToInstant(Date.parse(`${d}T00:00:00Z`), TIME_ZONE);
    const series = await client
      .measurements({ deviceId: device.id, from: day('2026-01-15'), to: day('2026-01-16') })
      .collect();
    const expected = formatSeries([series], 'csv', ['PowerUsage', 'Generating'], { timeZone: TIME_ZONE });
    const lines = expected.split('\n');
    // The results view: its header names the query, the connection, the rows and the zone.
    const view = page.frameLocator('iframe.webview').last().frameLocator('#active-frame');
    await expect.poll(() => view.locator('#rows').textContent(), { timeout: 30_000 }).toBe('288 rows');
    expect(await view.locator('#query').textContent()).toBe('day.ctquery');
    expect(await view.locator('#connection').textContent()).toBe('Local simulator');
    expect(await view.locator('#zone').textContent()).toBe(`times in ${TIME_ZONE}`);
    expect(await view.locator('#grid-head').textContent()).toBe(
      'RecordDateTimeLocalTimeIDPowerUsage (W)Generating (W)',
    );
    // The first grid row: the first CSV line's cells, numbers rounded for display.
    const firstRow = (lines[1] as string).split(',');
    const cells = await view.locator('#grid-rows .row:not([hidden])').first().locator('div').allTextContents();
    expect(cells.slice(0, 3)).toEqual(firstRow.slice(0, 3));
    expect(Number(cells[3]?.replace(/,/g, ''))).toBeCloseTo(Number(firstRow[3]), 3);
    await screenshot('query-results-view');
    // The Chart tab draws the records with the widgets' chart; a real mouse over it shows the tooltip.
    await view.getByRole('tab', { name: 'Chart' }).click();
    const canvas = view.locator('ct-usage-chart canvas').first();
    await canvas.waitFor({ timeout: 30_000 });
    const box = await canvas.boundingBox();
    if (!box) throw new Error('the chart has no box');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.move(box.x + box.width / 2 + 20, box.y + box.height / 2);
    await expect
      .poll(() => view.locator('ct-usage-chart [part~="tooltip"]').textContent(), { timeout: 10_000 })
      .toMatch(/Power usage/);
    await screenshot('query-results-chart');
    await view.getByRole('tab', { name: 'Table' }).click();
    // Export CSV with a real click: the file is core's output, in full precision.
    const path = join(workspace, 'day-results.csv');
    await view.getByRole('button', { name: 'Export CSV' }).click();
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Export results' }).waitFor();
    const input = page.locator('.quick-input-widget input');
    await expect.poll(() => input.inputValue(), { timeout: 10_000 }).toBe(path);
    await page.keyboard.press('Enter');
    await page.locator('.notification-toast', { hasText: 'Exported 288 rows' }).waitFor({ timeout: 30_000 });
    expect(readFileSync(path, 'utf8')).toBe(expected);
    // Export Parquet, the CLI's writer from its lazily loaded bundle in the installed package.
    const parquet = join(workspace, 'day-results.parquet');
    await view.getByRole('button', { name: 'Export Parquet' }).click();
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Export results' }).waitFor();
    await expect.poll(() => input.inputValue(), { timeout: 10_000 }).toBe(parquet);
    await page.keyboard.press('Enter');
    await expect.poll(() => view.locator('#status').textContent(), { timeout: 30_000 }).toContain(parquet);
    const bytes = readFileSync(parquet);
    expect(bytes.subarray(0, 4).toString()).toBe('PAR1');
    expect(bytes.subarray(-4).toString()).toBe('PAR1');
  });

  it('"New Query for this Device" on a tree node opens a daily query that runs on the connection its CodeLens names', async () => {
    const { device } = target();
    await runCommand('View: Close All Editors');
    const deviceRow = page.locator('.monaco-list-row', { hasText: device.name }).first();
    if (!(await deviceRow.isVisible())) await page.getByRole('tab', { name: /carbonTRACK/ }).click();
    await contextMenu(deviceRow, /New Query for this Device/);
    const lens = page.locator('.codelens-decoration a', { hasText: '▶ Run on Local simulator' });
    await lens.waitFor({ timeout: 30_000 });
    const queryLines = ((await page.locator('.editor-instance .view-lines').last().textContent()) ?? '').replace(
      /\u00a0/g,
      ' ',
    );
    expect(queryLines).toContain(device.id);
    expect(queryLines).toContain('"bucket": "day"');
    await lens.click();
    // The results view: one row a local day of TIME_ZONE, each starting at a local midnight with its offset.
    const view = page.frameLocator('iframe.webview').last().frameLocator('#active-frame');
    await expect.poll(() => view.locator('#rows').textContent(), { timeout: 30_000 }).toBe('8 rows');
    expect(await view.locator('#grid-head').textContent()).toBe('startendcoveragePowerUsageGeneratingPowerExported');
    const first = await view.locator('#grid-rows .row:not([hidden])').first().locator('div').first().textContent();
    expect(first).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00\+1[01]:00$/);
    await page
      .getByRole('tab', { name: /· results/ })
      .first()
      .waitFor({ timeout: 10_000 });
    await screenshot('new-query-for-device');
    await runCommand('View: Close All Editors');
    const dontSave = page.getByRole('button', { name: "Don't Save" });
    await dontSave.waitFor({ timeout: 10_000 });
    expect(await page.locator('.monaco-dialog-box').textContent()).toContain('Untitled');
    await dontSave.click();
  });

  it('exports a CSV whose rows match core output for the same query', async () => {
    const { device } = target();
    const path = join(workspace, `${device.id}-2026-01-10-2026-01-12.csv`);
    const deviceRow = page.locator('.monaco-list-row', { hasText: device.name }).first();
    // Clicking the active container's tab would hide the side bar: only click when it is not showing.
    if (!(await deviceRow.isVisible())) await page.getByRole('tab', { name: /carbonTRACK/ }).click();
    await contextMenu(deviceRow, /Export Measurements/);
    // The presets are local days of the setting's zone, and say so.
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Measurement range' }).waitFor();
    const today = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Today' }).first();
    await expect(today.textContent()).resolves.toContain(`since midnight, ${TIME_ZONE}`);
    await expect(
      page.locator('.quick-input-list .monaco-list-row', { hasText: 'Yesterday' }).first().textContent(),
    ).resolves.toContain(`midnight to midnight, ${TIME_ZONE}`);
    await quickInput('Custom', 'Measurement range');
    await quickInput('2026-01-10', 'From (inclusive');
    await quickInput('2026-01-12', 'To (exclusive');
    await quickInput('CSV', 'Export format');
    // The save dialog proposes <workspace>/<device>-<from>-<to>.csv; typing over it races its autocompletion.
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Export measurements' }).waitFor();
    const input = page.locator('.quick-input-widget input');
    await expect.poll(() => input.inputValue(), { timeout: 10_000 }).toBe(path);
    await page.keyboard.press('Enter');
    await page
      .locator('.notification-toast', { hasText: `${device.id}-2026-01-10-2026-01-12.csv` })
      .waitFor({ timeout: 60_000 });
    await screenshot('export-done');
    // Custom dates are local midnights of the carbontrack.timeZone setting; the file has local times and units.
    const day = (d: string) => localTimeToInstant(Date.parse(`${d}T00:00:00Z`), TIME_ZONE);
    const series = await client
      .measurements({ deviceId: device.id, from: day('2026-01-10'), to: day('2026-01-12') })
      .collect();
    expect(readFileSync(path, 'utf8')).toBe(formatSeries([series], 'csv', undefined, { timeZone: TIME_ZONE }));
    // The notification offers to open the file: a real click opens it in an editor.
    const toast = page.locator('.notification-toast', { hasText: `${device.id}-2026-01-10-2026-01-12.csv` });
    await toast.getByRole('button', { name: 'Open' }).click();
    await page.getByRole('tab', { name: `${device.id}-2026-01-10-2026-01-12.csv` }).waitFor({ timeout: 10_000 });
  });

  it('"Export All Devices…" on a customer writes the fleet export folder, the same records as core reads', async () => {
    const { customer } = target();
    const customerRow = row(`${customer.FirstName} ${customer.LastName}`);
    if (!(await customerRow.isVisible())) await page.getByRole('tab', { name: /carbonTRACK/ }).click();
    await contextMenu(customerRow, /Export All Devices/);
    await quickInput('Custom', 'Measurement range');
    await quickInput('2026-01-10', 'From (inclusive');
    await quickInput('2026-01-12', 'To (exclusive');
    await quickInput('Parquet', 'Export format');
    // The folder dialog proposes the workspace folder: accept it.
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Export all devices' }).waitFor();
    const input = page.locator('.quick-input-widget input');
    await expect.poll(() => input.inputValue(), { timeout: 10_000 }).toMatch(new RegExp(`^${workspace}/?$`));
    await page.keyboard.press('Enter');
    await page.locator('.notification-toast', { hasText: /Exported \d+ files/ }).waitFor({ timeout: 60_000 });
    await screenshot('export-all-devices-done');
    const folder = join(workspace, `carbontrack-${customer.AccountNumber}-2026-01-10-2026-01-12`);
    const manifest = JSON.parse(readFileSync(join(folder, '_manifest.json'), 'utf8'));
    // The dates are local days of the setting's zone; the files are partitioned by UTC date, so two
    // Sydney days touch three UTC days a device.
    const day = (d: string) => localTimeToInstant(Date.parse(`${d}T00:00:00Z`), TIME_ZONE);
    let records = 0;
    for (const id of customer.Devices) {
      records += (await client.measurements({ deviceId: id, from: day('2026-01-10'), to: day('2026-01-12') }).collect())
        .length;
    }
    expect(manifest).toMatchObject({ complete: true, total: 3 * customer.Devices.length, records, format: 'parquet' });
  });
});
