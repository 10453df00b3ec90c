import { defineConfig } from 'vitest/config';

// Property suites are CPU-bound; two workers match the 2-core CI machine.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default', './test/summary-reporter.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
