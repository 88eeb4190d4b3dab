import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../integration/support/server'

const run = promisify(execFile)

/** The browser benchmark never fails a build on timing; this keeps it from rotting. */
describe('benchmark smoke runs (browser)', () => {
  it('open-plan: bundle sizes and time to type, one run each', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'tests/bench/open-plan.ts', '--runs', '1'], {
      cwd: REPO_ROOT,
      timeout: 180_000,
    })
    expect(stdout).toMatch(/\| first page \(sign-in, plan list\): \d+ files \| [\d.]+ kB \|/)
    expect(stdout).toMatch(/\| loopback \| [\d.]+ s \| [\d.]+ s \|/)
    expect(stdout).toMatch(/\| 1\.6 Mbit\/s, 150 ms latency \| [\d.]+ s \| [\d.]+ s \|/)
  }, 200_000)
})
