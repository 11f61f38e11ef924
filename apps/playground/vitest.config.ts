import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // End-to-end: builds (turbo, cached in CI), a Vite server and Chromium.
    testTimeout: 180_000,
    hookTimeout: 240_000,
  },
});
