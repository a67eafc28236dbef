import { defineConfig } from 'vitest/config';

/** Tests that need the real services (PostgreSQL, NATS) or Debian packages. */
export default defineConfig({
  test: {
    include: ['src/**/*.integration.test.ts', 'test/**/*.integration.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
