// End to end: the real `pnpm start` stack (simulator + proxy + Vite) in Debian's Chromium.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createCarbonTrackClient, type Device } from '@carbontrack/core';
import { type EnergySummary, summarize } from '@carbontrack/core/energy';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, partText } from './browser.js';
import { type RunningStack, startStack } from './start-stack.js';

const artifacts = fileURLToPath(new URL('../test-artifacts/', import.meta.url));

describe('playground (pnpm start)', () => {
  let stack: RunningStack;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    stack = await startStack();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 1800 } });
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(String(error)));
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('prints one URL and serves the page with live widgets, no console errors', async () => {
    expect(stack.output().match(/http:\/\/127\.0\.0\.1:\d+\//g)?.length).toBe(1);
    await page.goto(stack.url);
    await page.waitForFunction(() => document.body.dataset.deviceId, undefined, { timeout: 30_000 });
    const deviceId = await page.evaluate(() => document.body.dataset.deviceId as string);
    expect(deviceId).toMatch(/^\d{16}$/);

    // What core itself reads through the same proxy.
    const client = createCarbonTrackClient({ baseUrl: new URL('/ct', stack.url).href, auth: 'none' });
    const device: Device = await client.device(deviceId);
    await expect.poll(() => partText(page, 'ct-device-card', 'name'), { timeout: 30_000 }).toBe(device.DeviceName);
    expect(await partText(page, 'ct-device-card', 'customer')).toContain(device.CustomerRef as string);
    for (const tag of ['ct-device-card', 'ct-usage-chart', 'ct-energy-summary', 'ct-power-flow']) {
      expect(await page.getAttribute(tag, 'device-id')).toBe(deviceId);
    }
    // The energy summary's figures equal core's own summary of the same records, read directly.
    await page.waitForFunction(
      () => (document.querySelector('ct-energy-summary') as unknown as { summary: unknown })?.summary,
      undefined,
      {
        timeout: 30_000,
      },
    );
    const shown = await page.evaluate(() => ({
      ...((document.querySelector('ct-energy-summary') as unknown as { summary: object }).summary as object),
      // The zone the widget counts in: its time-zone, the provider's, the device's own or the browser's.
      zone: (document.querySelector('ct-energy-summary') as unknown as { zone: string }).zone,
    }));
    const { zone, coverage, ...summary } = shown as EnergySummary & { zone: string };
    expect(summary.samples).toBeGreaterThan(1000);
    const records = await client
      .measurements({ deviceId, from: summary.from as number, to: (summary.to as number) + 1 })
      .collect();
    const { coverage: _spanCoverage, ...expected } = summarize(records, { timeZone: zone });
    expect(summary).toEqual(expected);
    // Coverage is measured over the whole 7-day period (2,016 five-minute readings expected, up to a
    // few minutes before now), not over the data's span.
    expect(Math.abs((coverage as number) - summary.samples / 2016)).toBeLessThan(0.01);
    await page.waitForFunction(
      () => Boolean(document.querySelector('ct-usage-chart')?.shadowRoot?.querySelector('canvas')),
      undefined,
      { timeout: 30_000 },
    );
    await page.screenshot({ path: `${artifacts}playground.png`, fullPage: true });
    expect(consoleErrors.join('\n')).toBe('');
  });

  it('shows money, comparisons and circuits: the cost under the example tariff, signed changes, stacked circuits', async () => {
    const featured = page.locator('.featured');
    await featured.scrollIntoViewIfNeeded();
    const summary = featured.locator('ct-energy-summary');
    await expect.poll(() => summary.locator('[part~="net"] dd').textContent(), { timeout: 30_000 }).toMatch(/\$\d/);
    await expect
      .poll(() => summary.locator('[part~="comparison"]').textContent(), { timeout: 30_000 })
      .toContain('yesterday by this time');
    expect(await summary.locator('[part~="delta"]').count()).toBeGreaterThan(3);
    expect(await summary.locator('[part~="cost"]').textContent()).toContain('Supply');
    const charts = featured.locator('ct-usage-chart');
    await expect
      .poll(
        () =>
          charts.nth(1).evaluate((el) =>
            ((el as unknown as { uplot?: { series: { label?: string }[] } }).uplot?.series ?? [])
              .slice(1)
              .map((s) => s.label)
              .join(','),
          ),
        { timeout: 30_000 },
      )
      .toBe('Lights and power,Hot water,Air con,Pool pump,Untracked');
    await expect
      .poll(
        () =>
          charts
            .nth(0)
            .evaluate((el) => (el as unknown as { uplot?: { data: unknown[][] } }).uplot?.data[2]?.length ?? 0),
        {
          timeout: 30_000,
        },
      )
      .toBe(8);
    // The tariff the page links to is the one it prices with, served as JSON.
    const tariff = await (await fetch(new URL('/tariffs/example-time-of-use.tariff.json', stack.url))).json();
    expect(tariff.name).toContain('an example');
    await featured.screenshot({ path: `${artifacts}playground-money-comparisons-circuits.png` });
    expect(consoleErrors.join('\n')).toBe('');
  });

  it('picking another device updates every widget', async () => {
    const before = await page.evaluate(() => document.body.dataset.deviceId as string);
    const options = await page.$$eval('#customer option', (all) => all.map((o) => (o as HTMLOptionElement).value));
    expect(options.length).toBeGreaterThan(1);
    await page.selectOption('#customer', options[1] as string);
    await page.waitForFunction(
      (old) => document.body.dataset.deviceId && document.body.dataset.deviceId !== old,
      before,
    );
    const after = await page.evaluate(() => document.body.dataset.deviceId as string);
    const client = createCarbonTrackClient({ baseUrl: new URL('/ct', stack.url).href, auth: 'none' });
    const device = await client.device(after);
    await expect.poll(() => partText(page, 'ct-device-card', 'name'), { timeout: 30_000 }).toBe(device.DeviceName);
    for (const tag of ['ct-device-card', 'ct-usage-chart', 'ct-energy-summary', 'ct-power-flow']) {
      expect(await page.getAttribute(tag, 'device-id')).toBe(after);
    }
    await page.screenshot({ path: `${artifacts}playground-second-device.png`, fullPage: true });
    expect(consoleErrors.join('\n')).toBe('');
  });

  it('the attribute editor updates the live element and its embed snippet', async () => {
    const editor = page.locator('form[aria-label="Attributes of ct-usage-chart"] select[name="range"]');
    await editor.selectOption('7d');
    expect(await page.getAttribute('ct-usage-chart', 'range')).toBe('7d');
    const snippet = await page.locator('pre.snippet code').nth(2).textContent();
    expect(snippet).toContain('range="7d"');
    // Absolute URLs: the snippet also works pasted into a page on another origin.
    expect(snippet).toContain(`<script type="module" src="${new URL('/ct-widgets.js', stack.url).href}">`);
    expect(snippet).toContain(`<ct-provider base-url="${new URL('/ct', stack.url).href}">`);
  });

  it('the theme switcher sets themes and the custom palette', async () => {
    await page.selectOption('#theme', 'dark');
    expect(await page.getAttribute('ct-device-card', 'theme')).toBe('dark');
    await page.screenshot({ path: `${artifacts}playground-dark.png`, fullPage: true });
    await page.selectOption('#theme', 'custom');
    const accent = await page.evaluate(() =>
      getComputedStyle(document.querySelector('ct-device-card') as Element).getPropertyValue('--ct-color-accent'),
    );
    expect(accent.trim()).toBe('#c0561b');
  });

  it('the reference page lists every component from custom-elements.json', async () => {
    await page.goto(new URL('/reference.html', stack.url).href);
    const headings = await page.$$eval('.reference-entry h2', (all) => all.map((h) => h.textContent));
    for (const tag of ['ct-provider', 'ct-device-card', 'ct-usage-chart', 'ct-energy-summary', 'ct-power-flow']) {
      expect(headings).toContain(`<${tag}>`);
    }
    expect(await page.locator('#ct-usage-chart table caption', { hasText: 'Attributes' }).count()).toBe(1);
  });

  it('the plain HTML example works with one script and one provider, and holds no credentials', async () => {
    const html = await (await fetch(new URL('/examples/plain-html/', stack.url))).text();
    expect(html.match(/<script type="module" src="[^"]*ct-widgets\.js"><\/script>/g)).toHaveLength(1);
    expect(html.match(/<ct-provider /g)).toHaveLength(1);
    expect(html).not.toMatch(/password|access_token/i);
    await page.goto(new URL('/examples/plain-html/', stack.url).href);
    await page.waitForFunction(() => document.querySelector('ct-device-card')?.getAttribute('device-id'));
    await expect.poll(() => partText(page, 'ct-device-card', 'name'), { timeout: 30_000 }).not.toBe('');
    await page.screenshot({ path: `${artifacts}plain-html.png`, fullPage: true });
    expect(consoleErrors.join('\n')).toBe('');
  });

  it('the proxy refuses the token endpoint, and the page source carries no token', async () => {
    const token = await fetch(new URL('/ct/oauth/token', stack.url), { method: 'POST', body: 'grant_type=password' });
    expect(token.status).toBe(404);
    const source = await (await fetch(stack.url)).text();
    expect(source).not.toMatch(/access_token|refresh_token|Bearer /);
  });
});
