import { defineConfig } from '@playwright/test';
import { findChromium, CHROMIUM_ARGS } from './e2e/chromium.mjs';

// Only the environment is needed here; pulling in all of @types/node for it would
// leak Node globals into the typecheck of src/.
declare const process: { env: Record<string, string | undefined> };

const CI = Boolean(process.env.CI);

// Each worker starts its own collector on a free port (e2e/fixtures.ts), so
// parallel workers never share hits and no fixed port can clash.
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: true,
  workers: 2,
  retries: CI ? 1 : 0,
  forbidOnly: CI,
  reporter: 'list',
  timeout: 30_000,
  globalTimeout: 10 * 60_000,
  expect: { timeout: 5_000 },
  outputDir: 'test-results',
  use: {
    browserName: 'chromium',
    headless: true,
    actionTimeout: 10_000,
    navigationTimeout: 15_000,
    trace: 'on-first-retry',
    launchOptions: { executablePath: findChromium(), args: CHROMIUM_ARGS },
  },
});
