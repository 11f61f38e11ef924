// End to end: the embed snippet copied from the playground, pasted into a page on another origin.
// `pnpm start` runs with CARBONTRACK_ALLOWED_ORIGINS naming one tiny static server; a second one,
// not named, stands for any other site.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createCarbonTrackClient } from '@carbontrack/core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, partText } from './browser.js';
import { type RunningStack, startStack } from './start-stack.js';
import { partnerPage, type StaticOrigin, startStaticOrigin } from './static-origin.js';

const artifacts = fileURLToPath(new URL('../test-artifacts/', import.meta.url));

/** Collects console errors and every proxy response (URL and status) a page sees. */
function watch(page: Page) {
  const errors: string[] = [];
  const proxied: Array<{ url: string; status: number }> = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('response', (response) => {
    if (new URL(response.url()).pathname.startsWith('/ct/')) {
      proxied.push({ url: response.url(), status: response.status() });
    }
  });
  return { errors, proxied };
}

describe('the embed snippet on another origin (pnpm start with CARBONTRACK_ALLOWED_ORIGINS)', () => {
  let allowed: StaticOrigin;
  let refused: StaticOrigin;
  let stack: RunningStack;
  let browser: Browser;
  let snippet = '';
  let deviceId = '';

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    allowed = await startStaticOrigin();
    refused = await startStaticOrigin();
    // CARBONTRACK_LOG: the proxy's access log shows what it answered the refused origin.
    stack = await startStack({ CARBONTRACK_ALLOWED_ORIGINS: allowed.origin, CARBONTRACK_LOG: '1' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await allowed?.close();
    await refused?.close();
  });

  it('"Copy embed code" copies a snippet with absolute URLs, with the allowedOrigins note beside it', async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    const page = await context.newPage();
    const seen = watch(page);
    await page.goto(stack.url);
    // The playground's own origin is not in the list, and still gets data.
    await page.waitForFunction(() => document.body.dataset.deviceId, undefined, { timeout: 30_000 });
    deviceId = await page.evaluate(() => document.body.dataset.deviceId as string);
    await expect.poll(() => partText(page, 'ct-device-card', 'name'), { timeout: 30_000 }).not.toBe('');

    const panel = page.locator('section.widget-panel', { has: page.locator('ct-device-card') });
    // Found by place, not name: its name turns to "Copied".
    const button = panel.locator('.snippet-actions button');
    await panel.getByRole('button', { name: 'Copy embed code' }).click();
    await expect.poll(() => button.textContent()).toBe('Copied');
    snippet = await page.evaluate(() => navigator.clipboard.readText());
    expect(snippet).toBe(await panel.locator('pre.snippet code').textContent());
    expect(snippet).toContain(`<script type="module" src="${new URL('/ct-widgets.js', stack.url).href}"></script>`);
    expect(snippet).toContain(`<ct-provider base-url="${new URL('/ct', stack.url).href}">`);
    expect(snippet).toContain(`device-id="${deviceId}"`);
    const note = panel.locator('.snippet-note');
    expect(await note.isVisible()).toBe(true);
    expect(await note.textContent()).toMatch(/allowedOrigins: \['https:\/\/.*403.*CARBONTRACK_ALLOWED_ORIGINS/);
    expect(seen.errors.join('\n')).toBe('');
    await context.close();
  });

  it('pasted into a page on an allowed origin, the snippet shows live data', async () => {
    expect(snippet).not.toBe('');
    allowed.setPage(partnerPage(snippet));
    const device = await createCarbonTrackClient({ baseUrl: new URL('/ct', stack.url).href, auth: 'none' }).device(
      deviceId,
    );
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const seen = watch(page);
    await page.goto(`${allowed.origin}/`);
    await expect.poll(() => partText(page, 'ct-device-card', 'name'), { timeout: 30_000 }).toBe(device.DeviceName);
    await expect
      .poll(() => partText(page, 'ct-device-card', 'metrics'), { timeout: 30_000 })
      .toMatch(/Usage\s*-?\d[\d.,]*\s?k?W\b/);
    expect(seen.proxied.length).toBeGreaterThan(0);
    expect(seen.proxied.filter((r) => r.status >= 400)).toEqual([]);
    expect(seen.errors.join('\n')).toBe('');
    await page.screenshot({ path: `${artifacts}embed-allowed-origin.png`, fullPage: true });
    await context.close();
  });

  it('on an origin not in CARBONTRACK_ALLOWED_ORIGINS, the widget shows its error state, not a spinner', async () => {
    expect(snippet).not.toBe('');
    refused.setPage(partnerPage(snippet));
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const seen = watch(page);
    await page.goto(`${refused.origin}/`);
    const error = page.locator('ct-device-card [part~="error"]');
    await expect.poll(() => error.isVisible(), { timeout: 30_000 }).toBe(true);
    // The browser hides the 403; the message names the likely cause and this page's origin.
    expect(await partText(page, 'ct-device-card', 'error-message')).toContain(
      `its proxy must allow ${refused.origin} (allowedOrigins)`,
    );
    expect(await page.locator('ct-device-card [part~="retry-button"]').isVisible()).toBe(true);
    expect(await partText(page, 'ct-device-card', 'name')).toBe('');
    // The proxy refused the page's origin (its preflight; the browser then sends nothing more).
    expect(stack.output()).toMatch(/(OPTIONS|POST) \/ct\/ctapi\/\w+ 403/);
    expect(seen.proxied.filter((r) => r.status === 200)).toEqual([]);
    await page.screenshot({ path: `${artifacts}embed-refused-origin.png`, fullPage: true });
    await context.close();
  });
});
