import { defineConfig } from 'vitest/config'

/**
 * One run for every kind of test: unit and API tests beside the code (`src/**`), browser journeys
 * (`e2e/**`). Each test file gets its own database cloned from a migrated template (see
 * `src/server/testing/global-setup.ts`), so files run in parallel without seeing each other.
 */
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'e2e/**/*.test.ts', 'bench/**/*.test.ts', 'scripts/**/*.test.ts'],
    globalSetup: ['src/server/testing/global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    reporters: ['default', './scripts/summary-reporter.ts'],
  },
})
