import { defineConfig } from 'vitest/config'

/**
 * One vitest run covers every workspace: unit tests beside the code, the tests that cross
 * processes (tests/integration) and the browser tests (tests/e2e, which need `pnpm build`
 * first; `pnpm test` does it). Benchmarks (tests/bench) are not tests; only their smoke
 * runs, in tests/integration, are.
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
          name: 'client',
          include: ['client/src/**/*.test.ts'],
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
      {
        // Real Chromium against the production build served by the real server.
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 60_000,
          // One browser-driving file at a time: on two cores, parallel browsers starve each other.
          fileParallelism: false,
        },
      },
    ],
  },
})
