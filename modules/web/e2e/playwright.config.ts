/**
 * Flowcraft browser e2e tests: one real server (global-setup.ts), Debian's Chromium, one worker.
 *   cd modules/web && JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 npm run e2e
 * See e2e/README.md.
 */
import { defineConfig } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS, ENV_BASE_URL, RESULTS_DIR } from './helpers/paths';

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: RESULTS_DIR,
  globalSetup: './global-setup.ts',
  globalTeardown: './global-teardown.ts',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  forbidOnly: !!process.env.CI,
  use: {
    // set by global setup before the workers start (they inherit the environment)
    baseURL: process.env[ENV_BASE_URL],
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1400, height: 900 },
    actionTimeout: 10_000,
    navigationTimeout: 15_000,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS },
  },
});
