import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Benchmarks measured as medians of repeated runs (printed), with the same `vscode` double as the unit tests.
export default defineConfig({
  resolve: { alias: { vscode: fileURLToPath(new URL('./test/vscode-double.ts', import.meta.url)) } },
  test: { include: ['bench/**/*.bench-run.ts'], testTimeout: 120_000 },
});
