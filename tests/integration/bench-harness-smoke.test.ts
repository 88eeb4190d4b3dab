import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from './support/server'

const run = promisify(execFile)

/**
 * `pnpm bench` never fails a build on timing; this runs every scenario once at a tiny size
 * (`--smoke`) against all three servers so that the harness cannot rot, and checks the shape
 * of what it prints and writes, not the figures.
 */
describe('benchmark harness smoke run', () => {
  it('runs every scenario against every server and reports tables, JSON and a chart', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'hononga-bench-smoke-'))
    // Every scenario but `cluster`, whose smoke run (PostgreSQL and HAProxy) is in bench-smoke.test.ts.
    const only = 'conformance,fanout,throughput,joins,idle,churn,cold-load,durability,presence,slow-link'
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'tests/bench/run.ts', '--smoke', '--only', only, '--out', out], {
      cwd: REPO_ROOT,
      timeout: 280_000,
      maxBuffer: 16 * 1024 * 1024,
    })
    expect(stdout).toMatch(/^Machine: \d+ cores .*, \d+ GiB, Node \d+\.\d+\.\d+/m)
    // The real client libraries agree with the light clients on every server.
    for (const server of ['Hononga', '@y/websocket-server', 'Hocuspocus']) {
      expect(stdout).toMatch(new RegExp(`^\\| ${server.replace('/', '\\/')} \\| [^|]+ \\| yes \\| yes \\| yes \\| yes \\|$`, 'm'))
    }
    const header = '| measure | Hononga | @y/websocket-server | Hononga ÷ it | Hocuspocus | Hononga ÷ it |'
    for (const heading of [
      '## Fan-out',
      '## Throughput',
      '## Joins',
      '## Idle',
      '## Churn',
      '## Cold load',
      '## Durability',
      '## Presence',
      '## Slow link',
    ]) {
      expect(stdout).toContain(heading)
    }
    expect(stdout.split(header).length - 1).toBe(8)
    expect(stdout).toMatch(/^\| \d+ participants: p99 to all \| ([\d.,]+ ms|not all arrived) \| .+ \| (met|\*\*missed\*\*) \|$/m)
    expect(stdout).toMatch(/^\| server CPU per update \| [\d.,]+ µs \|/m)
    expect(stdout).toMatch(/^\| of those, missing after restart \| [\d,]+ \|/m)
    expect(stdout).toMatch(/^\| plans left in memory \| [\d,]+ \|/m)

    const results = JSON.parse(fs.readFileSync(path.join(out, 'results.json'), 'utf8')) as {
      machine: { cores: number; node: string }
      scenarios: { id: string; raw: unknown }[]
    }
    expect(results.machine.cores).toBeGreaterThan(0)
    expect(results.scenarios.map((s) => s.id)).toEqual([
      'conformance',
      'fanout',
      'throughput',
      'joins',
      'idle',
      'churn',
      'cold-load',
      'durability',
      'presence',
      'slow-link',
    ])
    const svg = fs.readFileSync(path.join(out, 'fanout-latency.svg'), 'utf8')
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/)
    expect(svg.match(/<polyline /g)?.length).toBe(6)
    fs.rmSync(out, { recursive: true, force: true })
  }, 300_000)
})
