import { defineConfig } from 'vitest/config'

/**
 * One vitest run covers every workspace: unit tests beside the code, then the tests that
 * cross processes (tests/integration). Benchmarks (tests/bench) are not tests; only their
 * smoke runs, in tests/integration, are.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'shared',
          include: ['shared/src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'server',
          include: ['server/src/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
})
