import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from './support/server'

const run = promisify(execFile)

/** Benchmarks never fail a build on timing; this only keeps the harness from rotting. */
describe('benchmark smoke runs', () => {
  it('storage: load times and write amplification, at a tiny size', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'tests/bench/storage.ts', '--updates', '400'], {
      cwd: REPO_ROOT,
      timeout: 120_000,
    })
    expect(stdout).toMatch(/\| before compaction \(400 update rows\) \| [\d.]+ ms \|/)
    expect(stdout).toMatch(/\| after compaction \(one state row, [\d.]+ KiB\) \| [\d.]+ ms \|/)
    expect(stdout).toMatch(/\| 401 \| [\d,]+ \| \d+ \| [\d,]+ \| [\d.]+x \|/)
  })
})
