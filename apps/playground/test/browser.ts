// Debian's Chromium as the end-to-end tests drive it, and reading widgets' shadow parts.
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '@carbontrack/test-support/chromium';
import { type Browser, chromium, type Page } from 'playwright-core';

export { CHROMIUM_ARGS };

/** Launches /usr/bin/chromium headless with {@link CHROMIUM_ARGS}. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
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
