import fs from 'node:fs'
import type { AgentPool } from './agents'
import { startServer, type ServerKind, type ServerUnderTest, type StartOptions } from './servers'

/** What every scenario gets from the runner. */
export interface BenchContext {
  /** A tiny run that only proves the harness works (pnpm test). */
  smoke: boolean
  /** Servers to measure, ours first. */
  servers: ServerKind[]
  /** The load generator's agent processes, shared by the scenarios. */
  pool: AgentPool
  /** When set, servers of these scenarios run under `node --cpu-prof`, profiles written here. */
  profile?: { dir: string; scenarios: string[] }
  /** Fan-out sizes to measure instead of 10, 100 and 500 (`--sizes`). */
  fanoutSizes?: number[]
  /** Progress, to stderr. */
  log(message: string): void
}

/**
 * Starts a fresh server for one measurement, runs `fn`, then kills the server and deletes
 * its data. Every measurement gets a new process and empty storage, so scenarios cannot
 * distort one another.
 */
export async function withServer<T>(
  ctx: BenchContext,
  scenario: string,
  kind: ServerKind,
  fn: (server: ServerUnderTest) => Promise<T>,
  options: StartOptions = {},
): Promise<T> {
  const profiling = ctx.profile?.scenarios.includes(scenario)
  // One folder per scenario and server: the main thread and tsx's loader thread each write a profile.
  const nodeFlags = profiling ? ['--cpu-prof', `--cpu-prof-dir=${ctx.profile!.dir}/${scenario}-${kind}`] : undefined
  const server = await startServer(kind, { ...options, nodeFlags })
  try {
    return await fn(server)
  } finally {
    // A profile is written on a normal exit only (given 30 s); otherwise kill -9 is quickest.
    if (profiling) await Promise.race([server.stop(), sleep(30_000)])
    await server.kill()
    fs.rmSync(server.dataDir, { recursive: true, force: true })
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Polls until `condition` holds or `timeoutMs` passes; returns whether it held. */
export async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number, intervalMs = 100): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (await condition()) return true
    if (Date.now() > deadline) return false
    await sleep(intervalMs)
  }
}

export const mib = (bytes: number) => bytes / 2 ** 20

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted.length === 0 ? Number.NaN : sorted[Math.floor(sorted.length / 2)]!
}
