// The framework examples as partners build them, one after the other: each is type-checked (its
// deliberately wrong prop must not compile: examples/react with tsc, examples/vue with vue-tsc
// against the widgets' generated Vue types), built with Vite, served next to the proxy in front
// of the simulator, and checked in Chromium: the widgets show live data and the ready handlers fire.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createProxyHandler } from '@carbontrack/proxy';
import { toNodeListener } from '@carbontrack/proxy/node';
import { createSimulator } from '@carbontrack/simulator';
import { serveApp } from '@carbontrack/test-support/app-server';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '@carbontrack/test-support/chromium';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const EXAMPLES = [
  { name: 'react', checker: 'typescript/bin/tsc', seed: 91 },
  { name: 'vue', checker: 'vue-tsc/bin/vue-tsc.js', seed: 92 },
] as const;

describe.each(EXAMPLES)('examples/$name', ({ name, checker, seed }) => {
  const example = new URL(`../../${name}/`, import.meta.url).pathname;
  let app: Awaited<ReturnType<typeof serveApp>>;
  let deviceId: string;

  beforeAll(async () => {
    const outDir = mkdtempSync(join(tmpdir(), `ct-${name}-`));
    await build({ root: example, configFile: join(example, 'vite.config.ts'), logLevel: 'warn', build: { outDir } });
    const simulator = createSimulator({ seed });
    deviceId = simulator.world.devices.find(
      (d) => d.distributorId === simulator.world.distributors[0]?.ID && d.offlineSinceMs === null,
    )?.id as string;
    // The proxy at /ct in front of the simulator, the page's own origin its public origin.
    const api = (url: string) =>
      toNodeListener(
        createProxyHandler({
          upstream: 'http://simulator.local',
          credentials: { username: 'demo', password: 'demo' },
          fetch: simulator as (request: Request) => Promise<Response>,
          basePath: '/ct',
          publicOrigins: [url],
        }),
      );
    app = await serveApp({ root: outDir, api });
  });
  afterAll(() => app?.close());

  it('type-checks, and its wrong prop does not compile', () => {
    const run = spawnSync(process.execPath, [resolveBin(checker), '-p', join(example, 'tsconfig.json')], {
      encoding: 'utf8',
    });
    expect(run.stdout + run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('shows live data in Chromium, and the ready handlers fire', async () => {
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
    try {
      const tab = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      const errors: string[] = [];
      tab.on('pageerror', (error) => errors.push(String(error)));
      await tab.goto(`${app.url}/?device=${deviceId}`);
      await tab
        .locator('#ready')
        .filter({ hasText: 'Ready: ct-device-card, ct-usage-chart' })
        .waitFor({ timeout: 30_000 });
      const card = await tab.locator('ct-device-card').evaluate((el) => el.shadowRoot?.textContent ?? '');
      expect(card).toMatch(/Online|Offline/);
      expect(await tab.locator('ct-usage-chart').locator('canvas').count()).toBeGreaterThan(0);
      expect(errors).toEqual([]);
      await tab.screenshot({ path: join(tmpdir(), `ct-${name}-example.png`), fullPage: true });
    } finally {
      await browser.close();
    }
  });
});

function resolveBin(specifier: string): string {
  return new URL(import.meta.resolve(specifier)).pathname;
}
