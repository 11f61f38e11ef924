// examples/vue, as a partner builds it: type-checked with vue-tsc against the widgets' generated
// Vue types (src/typed-props.ts's wrong prop must not compile), built with Vite, served next to
// the proxy, and checked in Chromium: the widgets show live data and the @ct-ready handlers fire.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { createProxyHandler } from '@carbontrack/proxy';
import { toNodeListener } from '@carbontrack/proxy/node';
import { createSimulator } from '@carbontrack/simulator';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '@carbontrack/test-support/chromium';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const example = new URL('../', import.meta.url).pathname;
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

describe('examples/vue', () => {
  let server: Server;
  let url: string;
  let deviceId: string;

  beforeAll(async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'ct-vue-'));
    await build({ root: example, configFile: join(example, 'vite.config.ts'), logLevel: 'warn', build: { outDir } });
    const simulator = createSimulator({ seed: 91 });
    deviceId = simulator.world.devices.find(
      (d) => d.distributorId === simulator.world.distributors[0]?.ID && d.offlineSinceMs === null,
    )?.id as string;
    let proxy: ReturnType<typeof toNodeListener> | undefined;
    server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0] as string;
      if (path.startsWith('/ct/')) return void proxy?.(req, res);
      const file = join(outDir, path === '/' ? 'index.html' : path);
      let body: Buffer;
      try {
        body = readFileSync(file);
      } catch {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    proxy = toNodeListener(
      createProxyHandler({
        upstream: 'http://simulator.local',
        credentials: { username: 'demo', password: 'demo' },
        fetch: simulator as (request: Request) => Promise<Response>,
        basePath: '/ct',
        publicOrigins: [url],
      }),
    );
  });
  afterAll(() => new Promise<void>((resolve) => server?.close(() => resolve())));

  it('type-checks with vue-tsc, and its wrong prop does not compile', () => {
    const run = spawnSync(
      process.execPath,
      [require_('vue-tsc/bin/vue-tsc.js'), '-p', join(example, 'tsconfig.json')],
      {
        encoding: 'utf8',
      },
    );
    expect(run.stdout + run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('shows live data in Chromium, and the @ct-ready handlers fire', async () => {
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
    try {
      const tab = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      const errors: string[] = [];
      tab.on('pageerror', (error) => errors.push(String(error)));
      await tab.goto(`${url}/?device=${deviceId}`);
      await tab
        .locator('#ready')
        .filter({ hasText: 'Ready: ct-device-card, ct-usage-chart' })
        .waitFor({ timeout: 30_000 });
      const card = await tab.locator('ct-device-card').evaluate((el) => el.shadowRoot?.textContent ?? '');
      expect(card).toMatch(/Online|Offline/);
      expect(await tab.locator('ct-usage-chart').locator('canvas').count()).toBeGreaterThan(0);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});

function require_(specifier: string): string {
  return new URL(import.meta.resolve(specifier)).pathname;
}
