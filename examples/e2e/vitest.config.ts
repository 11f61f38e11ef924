import { defineConfig } from 'vitest/config';

// Each example is built with Vite and driven in Chromium: minutes, not seconds, on 2 cores.
export default defineConfig({
  test: { include: ['test/**/*.test.ts'], testTimeout: 180_000, hookTimeout: 180_000, fileParallelism: false },
});
