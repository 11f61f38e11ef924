// Debian's Chromium as the end-to-end tests drive it, and reading widgets' shadow parts.
import { type Browser, chromium, type Page } from 'playwright-core';

/** Flags for a headless Chromium in a container: no sandbox, GPU, shared memory or background traffic. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Launches /usr/bin/chromium headless with {@link CHROMIUM_ARGS}. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** Text content of a part inside a widget's shadow root ('' while it is not rendered). */
export function partText(page: Page, tag: string, part: string): Promise<string> {
  return page.evaluate(
    ([t, p]) =>
      document
        .querySelector(t as string)
        ?.shadowRoot?.querySelector(`[part~="${p}"]`)
        ?.textContent?.trim() ?? '',
    [tag, part],
  );
}
