// Debian's Chromium as every end-to-end test launches it (playwright-core, vitest browser mode).

/** The browser binary: Debian's package, or CHROMIUM_PATH. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Flags for headless Chromium as root in a container with no network: no sandbox, GPU or shared
 * memory, and no background traffic (which this machine's closed network refuses, many at a time).
 */
export const CHROMIUM_ARGS = Object.freeze([
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]);
