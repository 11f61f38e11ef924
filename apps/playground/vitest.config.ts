import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // End-to-end: builds (turbo, cached in CI), a Vite server and Chromium.
    testTimeout: 180_000,
    hookTimeout: 240_000,
    // One stack and one Chromium at a time: each e2e file starts its own, and CI has two cores.
    fileParallelism: false,
  },
});
