import { startHaproxy, type RunningHaproxy } from './haproxy'
import { connectPg } from './pg-client'
import { startPostgres, type PgServer } from './postgres'
import { freePort } from './processes'
import { spawnServer, tempDataDir, type SpawnedServer } from './server'

/**
 * Several Hononga processes on one PostgreSQL behind HAProxy (deploy/haproxy.cfg), as
 * "Running on several machines" in the README describes, on loopback. Each process keeps its
 * port across restarts, so HAProxy's configuration stays true when one is killed and started
 * again.
 */
/** Unlocks each process's GET /api/metrics. */
export const CLUSTER_METRICS_TOKEN = 'cluster-metrics-token-0123456789'

export interface Cluster {
  pg: PgServer
  haproxy: RunningHaproxy
  /** Through the balancer. */
  url: string
  wsUrl: string
  databaseUrl: string
  ports: number[]
  /** The running process on each port (null while it is down). */
  servers: (SpawnedServer | null)[]
  /** Starts process `i` on its port (again). */
  start(i: number): Promise<SpawnedServer>
  /** Kills process `i` with `signal` (SIGKILL by default) and waits for it to exit; resolves with its exit code. */
  kill(i: number, signal?: NodeJS.Signals): Promise<number | null>
  /** The index of the process serving a plan now (its lease), or -1. */
  ownerOf(planId: string): Promise<number>
  /** The epoch of a plan's lease (how many times it changed hands since it was last released), or null. */
  epochOf(planId: string): Promise<number | null>
  /** How many leases are held, on any plan. */
  leaseCount(): Promise<number>
  /** A process's live counters (GET /api/metrics). */
  metrics(i: number): Promise<{ plansInMemory: number; connections: number }>
  stop(): Promise<void>
}

export async function startCluster({
  processes = 3,
  env = {},
}: { processes?: number; env?: Record<string, string> } = {}): Promise<Cluster> {
  const pg = await startPostgres({ database: 'hononga' })
  const ports = await Promise.all(Array.from({ length: processes }, () => freePort()))
  const listen = `127.0.0.1:${await freePort()}`
  const url = `http://${listen}`
  const servers: (SpawnedServer | null)[] = ports.map(() => null)
  const start = async (i: number): Promise<SpawnedServer> => {
    const server = await spawnServer({
      dataDir: tempDataDir('hononga-cluster-'),
      env: {
        DATABASE_URL: pg.url,
        PORT: String(ports[i]),
        PROCESS_ADDRESS: `127.0.0.1:${ports[i]}`,
        // The balancer's address, and each process's own (tests also call one process directly).
        PUBLIC_ORIGIN: [url, ...ports.map((port) => `http://127.0.0.1:${port}`)].join(','),
        METRICS_TOKEN: CLUSTER_METRICS_TOKEN,
        LEASE_TTL_MS: '2000',
        LOG_LEVEL: 'info',
        ...env,
      },
    })
    servers[i] = server
    return server
  }
  // One at a time: each migrates (under its lock) or finds the migrations done.
  for (let i = 0; i < processes; i++) await start(i)
  const backends = Object.fromEntries(ports.map((port, i) => [`HONONGA_BACKEND_${i + 1}`, `127.0.0.1:${port}`]))
  const haproxy = await startHaproxy({ env: { ...backends, HONONGA_LISTEN: listen } })
  /** A connection of its own per question: the tests restart PostgreSQL under it. */
  const query = async <Row extends Record<string, unknown>>(text: string, values: unknown[] = []): Promise<Row[]> => {
    const client = await connectPg(pg.url)
    try {
      return (await client.query<Row>(text, values)).rows
    } finally {
      await client.end().catch(() => undefined)
    }
  }
  return {
    pg,
    haproxy,
    url,
    wsUrl: `ws://${listen}/ws`,
    databaseUrl: pg.url,
    ports,
    servers,
    start,
    async kill(i, signal = 'SIGKILL') {
      const server = servers[i]
      servers[i] = null
      return (await server?.stop(signal)) ?? null
    },
    async ownerOf(planId) {
      const rows = await query<{ address: string }>('SELECT address FROM plan_leases WHERE plan_id = $1', [planId])
      const address = rows[0]?.address
      return address ? ports.findIndex((port) => address === `127.0.0.1:${port}`) : -1
    },
    async epochOf(planId) {
      const rows = await query<{ epoch: string }>('SELECT epoch FROM plan_leases WHERE plan_id = $1', [planId])
      return rows[0] ? Number(rows[0].epoch) : null
    },
    async leaseCount() {
      const rows = await query<{ count: string }>('SELECT count(*) AS count FROM plan_leases')
      return Number(rows[0]!.count)
    },
    async metrics(i) {
      const response = await fetch(`http://127.0.0.1:${ports[i]}/api/metrics`, {
        headers: { authorization: `Bearer ${CLUSTER_METRICS_TOKEN}` },
      })
      return (await response.json()) as { plansInMemory: number; connections: number }
    },
    async stop() {
      await haproxy.stop()
      await Promise.all(servers.map((server) => server?.stop('SIGKILL')))
      await pg.stop()
    },
  }
}
