import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'workers/**/*.test.ts', 'cli/**/*.test.ts', 'build-tools/**/*.test.ts', 'tests/**/*.test.ts'],
    environment: 'node',
    // Real Pyodide and Chromium run in these tests: two cores, so few files at a time, generous timeouts.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    reporters: ['default'],
  },
});
