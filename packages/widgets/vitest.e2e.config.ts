import { defineConfig } from 'vitest/config';

// Node-side end-to-end tests: they serve the built bundle and start Chromium themselves (for
// example one browser per TZ), which browser mode cannot do.
export default defineConfig({
  test: {
    include: ['test/**/*.e2e.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
