import { defineConfig } from 'vitest/config';

/** End-to-end tests in Debian Chromium driven by playwright-core. */
export default defineConfig({
  test: {
    include: ['test/**/*.browser.test.ts', 'src/**/*.browser.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
