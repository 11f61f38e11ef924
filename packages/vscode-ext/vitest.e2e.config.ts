import { defineConfig } from 'vitest/config';

// End to end in a real VS Code (code-server) driven by Debian's chromium; see test/e2e/.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    testTimeout: 240_000,
    hookTimeout: 240_000,
    fileParallelism: false,
  },
});
