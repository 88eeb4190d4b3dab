import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { clusterServicesMissing } from '../bench/harness/cluster-systems'
import { REPO_ROOT, tempDataDir } from './support/server'

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

  it('cluster: three processes on PostgreSQL behind HAProxy against SQLite, at a tiny size', async () => {
    const args = [
      '--import',
      'tsx',
      'tests/bench/run.ts',
      '--smoke',
      '--only',
      'cluster',
      '--servers',
      'hononga',
      '--out',
      tempDataDir('bench-'),
    ]
    const { stdout } = await run(process.execPath, args, { cwd: REPO_ROOT, timeout: 150_000 })
    if (clusterServicesMissing().length > 0 && process.env.CI !== 'true') {
      expect(stdout).toMatch(/Skipped: this scenario needs/)
      return
    }
    // Figures only, never their size (deliveries that did not arrive in time show as words, not a failure).
    expect(stdout).toMatch(/\| 4: p99 to all \| [^|]+ \| [^|]+ \| [^|]+ \|/)
    expect(stdout).toMatch(/\| edits acknowledged \| 30 \| 30 \| 30 \|/)
    expect(stdout).toMatch(/\| \*\*first edit acknowledged by the new owner\*\* \| [\d,.]+ ms \|/)
    expect(stdout).toMatch(/\| clients synced again \| 6 of 6 \|/)
  }, 180_000)
})
