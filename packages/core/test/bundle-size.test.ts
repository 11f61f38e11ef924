import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { expect, it } from 'vitest';

// Size budgets of the package entries, minified + gzip. "own" measures the entry as published
// (dependencies stay imports, as in dist/); "all-in" bundles openapi-fetch too, as an app would.
// Raised by 3 kB for issue 13 (the .NET number forms, kW, page budgets, repairs of lying pages,
// sign-in cool-downs and the byte-level parser cost 2.5 kB): 10.0 kB own code before it. Raised
// by 2 kB for issue 15: fleet reads (adaptive concurrency, cursors) are 2.0 kB of the full client;
// createCarbonTrackCalls, what the widgets embed, leaves them out (checked below). The energy
// entry (the whole energy API, bundled at once) was raised by 5 kB for issue 16: tariff checks
// (time-of-use grids, versions), cost(), circuits, coverage, comparisons and rows; and by 0.5 kB
// more when summarize and resample learnt `period` and `compareWith` themselves. Apps take what
// they import: the widgets' chart page, which takes resample and summarize, has its own 60 kB budget.
const BUDGETS = [
  { entry: '../src/index.ts', name: '@carbontrack/core (own code)', external: ['openapi-fetch'], budgetBytes: 15_360 },
  { entry: '../src/index.ts', name: '@carbontrack/core (all-in)', external: [], budgetBytes: 17_408 },
  { entry: '../src/energy/index.ts', name: '@carbontrack/core/energy (all-in)', external: [], budgetBytes: 10_752 },
];

it.each(BUDGETS)(
  '$name stays within $budgetBytes bytes minified + gzip, built for browsers',
  async ({ entry, name, external, budgetBytes }) => {
    const result = await build({
      entryPoints: [new URL(entry, import.meta.url).pathname],
      bundle: true,
      minify: true,
      format: 'esm',
      // A browser build fails on any Node-only import: the entries must have none.
      platform: 'browser',
      target: 'es2022',
      external,
      write: false,
      logLevel: 'silent',
    });
    const bytes = gzipSync(result.outputFiles[0]?.contents ?? new Uint8Array()).length;
    console.log(`${name}: ${bytes} bytes minified + gzip (budget ${budgetBytes})`);
    expect(bytes).toBeGreaterThan(500);
    expect(bytes).toBeLessThanOrEqual(budgetBytes);
  },
);

// A bundle that uses only the high-level calls (the widgets) must not carry openapi-fetch.
it('createCarbonTrackCalls alone bundles without openapi-fetch', async () => {
  const build_ = (name: string) =>
    build({
      stdin: {
        contents: `export { ${name} } from './src/index.ts';`,
        resolveDir: new URL('..', import.meta.url).pathname,
        loader: 'ts',
      },
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      write: false,
      logLevel: 'silent',
      metafile: true,
    });
  // What ends up in the output (the metafile's inputs also list files that were tree-shaken away).
  const inputs = async (name: string) =>
    Object.values((await build_(name)).metafile.outputs).flatMap((output) =>
      Object.entries(output.inputs)
        .filter(([, used]) => used.bytesInOutput > 0)
        .map(([file]) => file),
    );
  const calls = await inputs('createCarbonTrackCalls');
  const client = await inputs('createCarbonTrackClient');
  expect(client.some((file) => file.includes('openapi-fetch'))).toBe(true);
  expect(calls.some((file) => file.includes('openapi-fetch'))).toBe(false);
  expect(client.some((file) => file.includes('fleet-iterable'))).toBe(true);
  expect(calls.some((file) => file.includes('fleet') || file.includes('adaptive-gate'))).toBe(false);
});
