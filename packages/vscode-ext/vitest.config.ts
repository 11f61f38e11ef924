import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// `vscode` only exists inside VS Code: unit tests get a small hand-written double. The network is real
// (a simulator on 127.0.0.1).
export default defineConfig({
  resolve: { alias: { vscode: fileURLToPath(new URL('./test/vscode-double.ts', import.meta.url)) } },
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**'],
    testTimeout: 30_000,
  },
});
