import fs from 'node:fs'
import path from 'node:path'
import { ApiClient } from '../../integration/support/api'
import { startCluster, type Cluster } from '../../integration/support/cluster'
import { haproxyBin } from '../../integration/support/haproxy'
import { postgresMissing } from '../../integration/support/postgres'
import { childPids } from '../../integration/support/processes'
import type { Target } from './wire'

/**
 * The three ways of running Hononga the cluster scenario compares side by side: one process on
 * SQLite as shipped (`SQLITE_SYNCHRONOUS=NORMAL`: survives a process crash), one on SQLite with
 * `FULL` (also survives power loss: the like-for-like durability), and three processes on one
 * PostgreSQL (`synchronous_commit = on`, `fsync = on`) behind HAProxy (deploy/haproxy.cfg).
 */
export type System = 'sqlite-normal' | 'sqlite-full' | 'cluster'

export const SYSTEMS: readonly System[] = ['sqlite-normal', 'sqlite-full', 'cluster']

export const SYSTEM_LABELS: Record<System, string> = {
  'sqlite-normal': '1 process, SQLite NORMAL',
  'sqlite-full': '1 process, SQLite FULL',
  cluster: '3 processes, PostgreSQL, HAProxy',
}

/** Why the cluster cannot run here (PostgreSQL or HAProxy missing); empty when it can. */
export function clusterServicesMissing(): string[] {
  const missing: string[] = []
  const postgres = postgresMissing()
  if (postgres) missing.push(postgres)
  if (!haproxyBin()) missing.push('HAProxy (no haproxy on PATH or at /usr/sbin/haproxy)')
  return missing
}

/** HAProxy's name for process `i` of the cluster (deploy/haproxy.cfg: `server hononga1` ...). */
export const haproxyServer = (i: number) => `hononga/hononga${i + 1}`

/** The cluster under measurement, with a facilitator signed in through the balancer. */
export interface BenchCluster {
  cluster: Cluster
  api: ApiClient
  /** Creates a plan through the balancer; returns its id. */
  createPlan(title: string): Promise<string>
  /** A light client's way to a plan, through HAProxy. */
  target(planId: string, options?: { acks?: boolean }): Target
  /** The pid of the process that holds the plan's lease now (polls briefly: the lease is taken on the first join). */
  ownerPid(planId: string): Promise<number>
  /** Pids of the Hononga processes running now. */
  honongaPids(): number[]
  /** The postmaster and every process it started (backends, checkpointer, WAL writer ...). */
  postgresPids(): number[]
  /** HAProxy's master and worker (started by this process). */
  haproxyPids(): number[]
  /** Time (ms since the epoch) of the first `lease.taken_over` of `planId` logged at or after `since`, by any process. */
  takeoverAt(planId: string, since: number): number | undefined
  stop(): Promise<void>
}

/**
 * Starts three Hononga processes on a fresh PostgreSQL behind HAProxy
 * (tests/integration/support/cluster.ts), with the server's own defaults for leases and
 * draining, and signs a facilitator in through the balancer.
 */
export async function startBenchCluster(): Promise<BenchCluster> {
  const cluster = await startCluster({
    env: {
      // The server's defaults, not the test suite's shorter lease.
      LEASE_TTL_MS: '5000',
      // Plans are created per measurement by one facilitator.
      QUOTA_PLANS_PER_HOUR: '0',
    },
  })
  // Interrupted or crashed: the Hononga processes go with the harness (PostgreSQL and HAProxy have their own hooks).
  const killProcesses = () => cluster.servers.forEach((server) => server?.process.kill('SIGKILL'))
  process.on('exit', killProcesses)
  try {
    const api = await new ApiClient(cluster.url).register('Bench Facilitator')
    const postmasterFile = path.join(cluster.pg.dir, 'data', 'postmaster.pid')
    return {
      cluster,
      api,
      createPlan: (title) => api.createPlan(title, 'Loopback'),
      target(planId, { acks = false } = {}) {
        return {
          protocol: 'y-websocket',
          url: `${cluster.wsUrl}/${planId}${acks ? '?acks=1' : ''}`,
          headers: { cookie: api.cookie!, origin: cluster.url },
          docName: planId,
        }
      },
      async ownerPid(planId) {
        for (let attempt = 0; attempt < 50; attempt++) {
          const owner = await cluster.ownerOf(planId)
          const pid = owner >= 0 ? cluster.servers[owner]?.process.pid : undefined
          if (pid !== undefined) return pid
          await new Promise((resolve) => setTimeout(resolve, 100))
        }
        throw new Error(`no process took plan ${planId} within 5 s`)
      },
      honongaPids: () => cluster.servers.flatMap((server) => (server?.process.pid ? [server.process.pid] : [])),
      postgresPids() {
        const postmaster = Number(fs.readFileSync(postmasterFile, 'utf8').split('\n')[0])
        return Number.isInteger(postmaster) && postmaster > 0 ? [postmaster, ...childPids(postmaster)] : []
      },
      haproxyPids() {
        const masters = childPids(process.pid).filter((pid) => commandOf(pid).includes('haproxy'))
        return masters.flatMap((pid) => [pid, ...childPids(pid)])
      },
      takeoverAt(planId, since) {
        let first: number | undefined
        for (const server of cluster.servers) {
          for (const entry of server?.logs ?? []) {
            if (entry.event !== 'lease.taken_over' || entry.planId !== planId) continue
            const at = Date.parse(String(entry.time))
            if (at >= since && (first === undefined || at < first)) first = at
          }
        }
        return first
      },
      async stop() {
        await cluster.stop()
        process.off('exit', killProcesses)
      },
    }
  } catch (error) {
    await cluster.stop()
    process.off('exit', killProcesses)
    throw error
  }
}

/** A process's command line ('' once it is gone). */
function commandOf(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ')
  } catch {
    return ''
  }
}
