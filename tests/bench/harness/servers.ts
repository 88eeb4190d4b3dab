import { spawn, type ChildProcess } from 'node:child_process'
import crypto from 'node:crypto'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { ApiClient } from '../../integration/support/api'
import { REPO_ROOT, spawnServer, tempDataDir, type SpawnedServer } from '../../integration/support/server'
import { processRssBytes } from './machine'
import type { Target } from './wire'

export type ServerKind = 'hononga' | 'ywebsocket' | 'hocuspocus'

export const SERVER_KINDS: readonly ServerKind[] = ['hononga', 'ywebsocket', 'hocuspocus']

export const SERVER_LABELS: Record<ServerKind, string> = {
  hononga: 'Hononga',
  ywebsocket: '@y/websocket-server',
  hocuspocus: 'Hocuspocus',
}

/** One server under test, running as its own process on 127.0.0.1. */
export interface ServerUnderTest {
  kind: ServerKind
  pid: number
  port: number
  dataDir: string
  /** Creates `count` documents (plans) ready to be opened; returns their names. */
  createDocs(count: number): Promise<string[]>
  /** How a light client reaches one document. `acks`: Hononga's durable acknowledgements. */
  target(docName: string, options?: { acks?: boolean }): Target
  /** Documents and sockets the server holds in memory, as it reports them. */
  resident(): Promise<{ docs: number; sockets: number }>
  rssBytes(): number
  /** `kill -9`, then waits for the process to be gone. */
  kill(): Promise<void>
  /** SIGTERM (a graceful stop), then waits for the process to be gone. */
  stop(): Promise<void>
  /** Starts the same server again on the same data (after kill or stop). */
  restart(): Promise<ServerUnderTest>
}

export interface StartOptions {
  dataDir?: string
  /** Extra environment for Hononga (e.g. PLAN_IDLE_UNLOAD_MS). */
  env?: Record<string, string>
  /** Extra node flags, e.g. ['--cpu-prof', '--cpu-prof-dir=...'] to profile a run. */
  nodeFlags?: string[]
}

export function startServer(kind: ServerKind, options: StartOptions = {}): Promise<ServerUnderTest> {
  return kind === 'hononga' ? startHononga(options) : startPeer(kind, options)
}

/** Every server process started, so that none outlives the harness. */
const live = new Set<ChildProcess>()
function track(child: ChildProcess): void {
  live.add(child)
  child.once('exit', () => live.delete(child))
}

/** Kills (-9) every server process still running. The runner calls it on the way out. */
export function killAllServers(): void {
  for (const child of live) child.kill('SIGKILL')
}

const METRICS_TOKEN = 'bench-metrics-token-0123456789'

async function startHononga(options: StartOptions, api?: ApiClient): Promise<ServerUnderTest> {
  const dataDir = options.dataDir ?? tempDataDir('hononga-bench-')
  const env = { METRICS_TOKEN, ...options.env }
  const server = options.nodeFlags?.length ? await spawnWithFlags(dataDir, env, options.nodeFlags) : await spawnServer({ dataDir, env })
  const child = server.process
  track(child)
  const client = api ? api.at(server.url) : await new ApiClient(server.url).register('Bench Facilitator')
  return {
    kind: 'hononga',
    pid: child.pid!,
    port: server.port,
    dataDir,
    async createDocs(count) {
      const ids: string[] = []
      for (let i = 0; i < count; i++) ids.push(await client.createPlan(`Bench plan ${i + 1}`, 'Loopback'))
      return ids
    },
    target(docName, { acks = false } = {}) {
      return {
        protocol: 'y-websocket',
        url: `${server.wsUrl}/${docName}${acks ? '?acks=1' : ''}`,
        headers: { cookie: client.cookie!, origin: server.url },
        docName,
      }
    },
    async resident() {
      const response = await client.request<{ plansInMemory: number; connections: number }>('GET', '/api/metrics', undefined, {
        authorization: `Bearer ${METRICS_TOKEN}`,
      })
      return { docs: response.body.plansInMemory, sockets: response.body.connections }
    },
    rssBytes: () => processRssBytes(child.pid!),
    kill: async () => void (await server.stop('SIGKILL')),
    stop: async () => void (await server.stop('SIGTERM')),
    restart: () => startHononga({ ...options, dataDir }, client),
  }
}

/** spawnServer with node flags (for --cpu-prof): same environment, same readiness line. */
async function spawnWithFlags(dataDir: string, env: Record<string, string>, flags: string[]): Promise<SpawnedServer> {
  const child = spawn(process.execPath, [...flags, '--import', 'tsx', 'server/src/main.ts'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      CLIENT_DIST: path.join(dataDir, 'no-client'),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  track(child)
  const port = await listeningPort(child, 'server.listening')
  const exited = exitOf(child)
  return {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    port,
    dataDir,
    process: child,
    logs: [],
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
      return exited
    },
  }
}

const PEER_ENTRIES: Record<Exclude<ServerKind, 'hononga'>, string> = {
  ywebsocket: 'tests/bench/peers/ywebsocket-server.mjs',
  hocuspocus: 'tests/bench/peers/hocuspocus-server.mjs',
}

async function startPeer(
  kind: Exclude<ServerKind, 'hononga'>,
  options: StartOptions,
  token = crypto.randomUUID(),
): Promise<ServerUnderTest> {
  const dataDir = options.dataDir ?? tempDataDir(`${kind}-bench-`)
  const child = spawn(process.execPath, [...(options.nodeFlags ?? []), PEER_ENTRIES[kind]], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: '0', DB_FILE: path.join(dataDir, 'hocuspocus.sqlite'), TOKEN: token, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  track(child)
  const exited = exitOf(child)
  const port = await listeningPort(child, 'listening')
  const base = `http://127.0.0.1:${port}`
  const stop = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal)
    await exited
  }
  return {
    kind,
    pid: child.pid!,
    port,
    dataDir,
    async createDocs(count) {
      const prefix = crypto.randomBytes(4).toString('hex')
      return Array.from({ length: count }, (_, i) => `bench-${prefix}-${i + 1}`)
    },
    target(docName) {
      return kind === 'hocuspocus'
        ? { protocol: 'hocuspocus', url: `ws://127.0.0.1:${port}/`, headers: {}, docName, token }
        : { protocol: 'y-websocket', url: `ws://127.0.0.1:${port}/${docName}`, headers: {}, docName }
    },
    async resident() {
      const response = await fetch(`${base}/metrics`)
      return (await response.json()) as { docs: number; sockets: number }
    },
    rssBytes: () => processRssBytes(child.pid!),
    kill: () => stop('SIGKILL'),
    stop: () => stop('SIGTERM'),
    restart: () => startPeer(kind, { ...options, dataDir }, token),
  }
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode)
    else child.once('exit', (code) => resolve(code))
  })
}

/** Waits for the JSON line with `event` and returns its `port`. */
function listeningPort(child: ChildProcess, event: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within 60 s`)), 60_000)
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const entry = JSON.parse(line) as { event?: string; port?: number }
        if (entry.event === event) {
          clearTimeout(timer)
          resolve(entry.port!)
        }
      } catch {
        // not a JSON line
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`server exited with ${code} before listening`))
    })
  })
}
