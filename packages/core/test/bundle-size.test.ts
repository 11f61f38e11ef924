import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { expect, it } from 'vitest';

/** Size budget of the main entry, minified + gzip, everything it imports included. */
const MAIN_ENTRY_BUDGET_BYTES = 10 * 1024;

it(`the main entry stays within ${MAIN_ENTRY_BUDGET_BYTES / 1024} kB minified + gzip, for browsers`, async () => {
  const result = await build({
    entryPoints: [new URL('../src/index.ts', import.meta.url).pathname],
    bundle: true,
    minify: true,
    format: 'esm',
    // A browser build fails on any Node-only import: the main entry must have none.
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const bytes = gzipSync(result.outputFiles[0]?.contents ?? new Uint8Array()).length;
  console.log(`main entry: ${bytes} bytes minified + gzip (budget ${MAIN_ENTRY_BUDGET_BYTES})`);
  expect(bytes).toBeGreaterThan(1000);
  expect(bytes).toBeLessThanOrEqual(MAIN_ENTRY_BUDGET_BYTES);
});
