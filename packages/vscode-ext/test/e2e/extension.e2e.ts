/**
 * End to end in a real VS Code workbench: code-server with the packaged extension installed, driven by
 * Debian's chromium through playwright-core. Run by scripts/run-e2e.mjs (which checks the install).
 * Nothing leaves 127.0.0.1: the extension starts its own simulator inside the extension host.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCarbonTrackClient } from '@carbontrack/core';
import { listen, type RunningSimulator } from '@carbontrack/simulator';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatSeries } from '../../src/measurements/measurement-rows.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const artifacts = join(root, 'test-artifacts');
const PAGE_SIZE = 5;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

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
        'workbench.tips.enabled': false,
      }),
    );
    const { device } = target();
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
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
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
    if (context.task.result?.state === 'fail' && page) await screenshot(`failed-${context.task.name.slice(0, 40)}`);
  });

  const runCommand = async (title: string) => {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`>${title}`);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
    await page.keyboard.press('Enter');
  };
  // The quick input widget is reused from one prompt to the next: wait for the prompt's title first.
  const quickInput = async (text: string, title?: string) => {
    if (title) await page.locator('.quick-input-widget .quick-input-title', { hasText: title }).waitFor();
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(text);
    await page.keyboard.press('Enter');
  };
  const row = (name: string | RegExp) => page.getByRole('treeitem', { name }).first();

  it('shows the simulator customers in the tree and "Load more…" adds the next page', async () => {
    await page.getByRole('tab', { name: /carbonTRACK/ }).click();
    await runCommand('carbonTRACK: Start Local Simulator');
    await row(/Local simulator/).waitFor({ timeout: 30_000 });
    const names = customersA().map((c) => `${c.FirstName} ${c.LastName}`);
    await row(names[0] as string).waitFor({ timeout: 30_000 });
    for (const name of names.slice(0, PAGE_SIZE)) await expect(row(name).isVisible()).resolves.toBe(true);
    await expect(row(names[PAGE_SIZE] as string).count()).resolves.toBe(0);
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
    await expect(deviceRow.locator('.label-description').textContent()).resolves.toMatch(
      /^\d+(\.\d)? k?W use · \d+(\.\d)? k?W solar$/,
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
    const bundled = existsSync(join(root, 'dist', 'webview', 'ct-widgets.js'));
    if (bundled) await frame.locator('ct-usage-chart canvas').first().waitFor({ timeout: 30_000 });
    await screenshot('measurements-webview');
    if (!bundled) console.warn('e2e: ct-widgets.js was not built; the chart canvas check was skipped');
  });

  it('runs a .ctquery file through its CodeLens; the result editor holds the expected rows', async () => {
    const { device } = target();
    await runCommand('View: Close All Editors');
    // Quick open without the '>' prefix (Ctrl+P would reach chromium's print dialog).
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').fill('day.ctquery');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'day.ctquery' }).first().waitFor();
    await page.keyboard.press('Enter');
    const lens = page.locator('.codelens-decoration a', { hasText: 'Run query' });
    await lens.waitFor({ timeout: 30_000 });
    await lens.click();
    const series = await client.measurements({ deviceId: device.id, from: '2026-01-15', to: '2026-01-16' }).collect();
    const expected = formatSeries([series], 'csv', ['PowerUsage', 'Generating']).split('\n');
    // Monaco renders only the visible lines, positioned absolutely: read them in screen order.
    const visibleLines = () =>
      page
        .locator('.editor-instance .view-lines')
        .last()
        .evaluate((element) =>
          [...element.querySelectorAll<HTMLElement>('.view-line')]
            .sort((a, b) => Number.parseFloat(a.style.top) - Number.parseFloat(b.style.top))
            .map((line) => (line.textContent ?? '').replace(/\u00a0/g, ' '))
            .filter(Boolean),
        );
    await expect
      .poll(async () => (await visibleLines()).includes(expected[1] as string), { timeout: 30_000 })
      .toBe(true);
    const visible = await visibleLines();
    expect(visible[0]).toBe(expected[0]);
    expect(visible.slice(1, 6)).toEqual(expected.slice(1, 6));
    await screenshot('query-result');
  });

  it('exports a CSV whose rows match core output for the same query', async () => {
    const { device } = target();
    const path = join(workspace, `${device.id}-2026-01-10-2026-01-12.csv`);
    const deviceRow = page.locator('.monaco-list-row', { hasText: device.name }).first();
    // Clicking the active container's tab would hide the side bar: only click when it is not showing.
    if (!(await deviceRow.isVisible())) await page.getByRole('tab', { name: /carbonTRACK/ }).click();
    await deviceRow.click({ button: 'right' });
    await page.getByRole('menuitem', { name: /Export Measurements/ }).click();
    await quickInput('Custom', 'Measurement range');
    await quickInput('2026-01-10', 'From (inclusive');
    await quickInput('2026-01-12', 'To (exclusive');
    await quickInput('CSV', 'Export format');
    // The save dialog proposes <workspace>/<device>-<from>-<to>.csv; typing over it races its autocompletion.
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Export measurements' }).waitFor();
    const input = page.locator('.quick-input-widget input');
    await expect.poll(() => input.inputValue(), { timeout: 10_000 }).toBe(path);
    await page.keyboard.press('Enter');
    await page.locator('.notification-toast', { hasText: 'Exported' }).waitFor({ timeout: 60_000 });
    await screenshot('export-done');
    const series = await client.measurements({ deviceId: device.id, from: '2026-01-10', to: '2026-01-12' }).collect();
    expect(readFileSync(path, 'utf8')).toBe(formatSeries([series], 'csv'));
  });
});
