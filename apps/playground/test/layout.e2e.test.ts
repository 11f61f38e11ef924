// End to end: the playground and the plain HTML example at a phone's and a laptop's width, light
// and dark, on the real `pnpm start` stack: no sideways scrolling, the device card whole, and
// full-page screenshots in test-artifacts/ to look at.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, partText } from './browser.js';
import { type RunningStack, startStack } from './start-stack.js';

const artifacts = fileURLToPath(new URL('../test-artifacts/', import.meta.url));
const VIEWPORTS = [
  { width: 390, height: 844 },
  { width: 1280, height: 800 },
] as const;
const SCHEMES = ['light', 'dark'] as const;

/** How wide the page is against its viewport, and which elements stick out (for the failure message). */
function horizontalOverflow(page: Page) {
  return page.evaluate(() => {
    const root = document.documentElement;
    const sticking: string[] = [];
    const walk = (scope: Document | ShadowRoot) => {
      for (const element of scope.querySelectorAll('*')) {
        const box = element.getBoundingClientRect();
        if (box.right > root.clientWidth + 0.5 && sticking.length < 10) {
          sticking.push(`${element.localName}.${element.getAttribute('class') ?? ''} right=${Math.round(box.right)}`);
        }
        if (element.shadowRoot) walk(element.shadowRoot);
      }
    };
    if (root.scrollWidth > root.clientWidth) walk(document);
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, sticking };
  });
}

/** Waits until every widget on the page has drawn its data (the chart's hidden table included). */
async function widgetsLoaded(page: Page) {
  await expect.poll(() => partText(page, 'ct-device-card', 'name'), { timeout: 30_000 }).not.toBe('');
  await page.waitForFunction(
    () => {
      const chart = document.querySelector('ct-usage-chart')?.shadowRoot;
      const summary = document.querySelector('ct-energy-summary') as unknown as { summary?: unknown } | null;
      return Boolean(chart?.querySelector('canvas') && chart.querySelector('table') && summary?.summary);
    },
    undefined,
    { timeout: 30_000 },
  );
}

/** The device card's horizontal extent against the viewport's. */
async function cardExtent(page: Page) {
  const box = await page.locator('ct-device-card').boundingBox();
  return { left: box?.x ?? Number.NaN, right: (box?.x ?? Number.NaN) + (box?.width ?? 0) };
}

/** No sideways scroll, the device card wholly inside the page's width, and a full-page screenshot. */
async function expectFitsAndShoot(page: Page, file: string): Promise<void> {
  const overflow = await horizontalOverflow(page);
  expect(overflow.scrollWidth, overflow.sticking.join('\n')).toBeLessThanOrEqual(overflow.clientWidth);
  const card = await cardExtent(page);
  expect(card.left).toBeGreaterThanOrEqual(0);
  expect(card.right).toBeLessThanOrEqual(overflow.clientWidth);
  await page.screenshot({ path: `${artifacts}${file}`, fullPage: true });
}

describe('layout at phone and laptop widths (pnpm start)', () => {
  let stack: RunningStack;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    stack = await startStack();
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await stack?.stop();
  });

  for (const viewport of VIEWPORTS) {
    for (const scheme of SCHEMES) {
      const size = `${viewport.width}×${viewport.height}`;
      it(`${size} ${scheme}: the playground does not scroll sideways and shows the whole device card`, async () => {
        const context = await browser.newContext({ viewport, colorScheme: scheme });
        contexts.push(context);
        const page = await context.newPage();
        await page.goto(stack.url);
        await page.waitForFunction(() => document.body.dataset.deviceId, undefined, { timeout: 30_000 });
        // The theme select by keyboard, as a person would: its first letter picks Light or Dark.
        await page.locator('#theme').focus();
        await page.keyboard.press(scheme === 'dark' ? 'd' : 'l');
        expect(await page.getAttribute('ct-device-card', 'theme')).toBe(scheme);
        await widgetsLoaded(page);

        await expectFitsAndShoot(page, `layout-playground-${viewport.width}-${scheme}.png`);
        await context.close();
      });

      it(`${size} ${scheme}: the plain HTML example does not scroll sideways and shows the whole device card`, async () => {
        const context = await browser.newContext({ viewport, colorScheme: scheme });
        contexts.push(context);
        const page = await context.newPage();
        await page.goto(new URL('/examples/plain-html/', stack.url).href);
        await widgetsLoaded(page);

        await expectFitsAndShoot(page, `layout-plain-html-${viewport.width}-${scheme}.png`);
        await context.close();
      });
    }

    it(`${viewport.width}×${viewport.height}: the component reference does not scroll sideways`, async () => {
      const context = await browser.newContext({ viewport });
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(new URL('/reference.html', stack.url).href);
      await page.locator('#ct-usage-chart table').first().waitFor();
      const overflow = await horizontalOverflow(page);
      expect(overflow.scrollWidth, overflow.sticking.join('\n')).toBeLessThanOrEqual(overflow.clientWidth);
      await context.close();
    });
  }
});
