import { CHROMIUM_ARGS, CHROMIUM_PATH } from '@carbontrack/test-support/chromium';
import { freePort } from '@carbontrack/test-support/free-port';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { simulatorCommands } from './src/test/simulator-commands.js';

// The simulator's `cors: ['*']` sends no Access-Control-Allow-Origin (hono matches '*' literally in
// an origin list), so the tests pin the page's port and allow exactly that origin.
const pagePort = Number(process.env.CT_WIDGETS_TEST_PORT) || (await freePort());
process.env.CT_WIDGETS_TEST_PORT = String(pagePort);

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    globalSetup: ['./src/test/global-setup.ts'],
    testTimeout: 20_000,
    browser: {
      enabled: true,
      headless: true,
      provider: playwright({
        launchOptions: {
          executablePath: CHROMIUM_PATH,
          args: [...CHROMIUM_ARGS],
        },
      }),
      // A desktop page: tests that need a phone set page.viewport(390, 844) themselves.
      viewport: { width: 1280, height: 900 },
      instances: [{ browser: 'chromium' }],
      api: { port: pagePort, strictPort: true, host: '127.0.0.1' },
      commands: simulatorCommands,
    },
  },
});
