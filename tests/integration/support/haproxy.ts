import { spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { describeWhenAvailable, postgresMissing } from './postgres'
import { freePort } from './processes'
import { waitFor } from './wait'

/** deploy/haproxy.cfg: the configuration deployments use, which the tests run too. */
export const HAPROXY_CONFIG = path.resolve(new URL('../../../deploy/haproxy.cfg', import.meta.url).pathname)

/** The `haproxy` binary: `HAPROXY_BIN` when set, else the first on PATH, else Debian's /usr/sbin/haproxy; null when missing. */
export function haproxyBin(): string | null {
  const candidates = [
    process.env.HAPROXY_BIN,
    ...(process.env.PATH ?? '').split(path.delimiter).map((dir) => dir && path.join(dir, 'haproxy')),
    '/usr/sbin/haproxy',
  ]
  for (const candidate of candidates) {
    if (!candidate) continue
    try {
      fs.accessSync(candidate, fs.constants.X_OK)
      return candidate
    } catch {
      // not here
    }
  }
  return null
}

export type Service = 'postgres' | 'haproxy'

/**
 * A suite that needs real services (by default PostgreSQL and HAProxy, as the multi-process suite
 * does): skipped with a loud warning when one is missing, and failing instead under `CI=true`.
 */
export function describeWithServices(name: string, fn: () => void, needs: Service[] = ['postgres', 'haproxy']): void {
  const missing: string[] = []
  const postgres = needs.includes('postgres') ? postgresMissing() : null
  if (postgres) missing.push(postgres)
  if (needs.includes('haproxy') && !haproxyBin()) missing.push('HAProxy (no haproxy on PATH or at /usr/sbin/haproxy)')
  describeWhenAvailable(name, missing, fn)
}

export interface RunningHaproxy {
  /** The port it listens on (127.0.0.1), from `HONONGA_LISTEN`. */
  port: number
  url: string
  wsUrl: string
  /** Everything HAProxy printed: its notices, server state changes and one line per request. */
  output(): string
  /** Re-reads the configuration (master-worker reload, SIGUSR2); resolves once the new worker has loaded it. */
  reload(): Promise<void>
  /** Stops HAProxy (SIGTERM, then SIGKILL if it lingers). Safe to call more than once. */
  stop(): Promise<void>
}

/** HAProxy processes started here and not yet stopped, for the exit hook. */
const running = new Set<{ kill(signal: NodeJS.Signals): boolean }>()
let exitHookInstalled = false

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' })
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

/**
 * Runs HAProxy in the foreground (master-worker, `-W -db`) as a child of the test, with `config` and
 * the given environment (the backends' addresses). `HONONGA_LISTEN` defaults to a free loopback port.
 * Resolves once the port accepts connections.
 */
export async function startHaproxy({
  config = HAPROXY_CONFIG,
  env = {},
}: { config?: string; env?: Record<string, string> } = {}): Promise<RunningHaproxy> {
  const bin = haproxyBin()
  if (!bin) throw new Error('HAProxy is not installed; run bash tests/ensure-services.sh')
  const listen = env.HONONGA_LISTEN ?? `127.0.0.1:${await freePort()}`
  const port = Number(listen.split(':').at(-1))
  const child = spawn(bin, ['-W', '-db', '-f', config], {
    env: { ...process.env, ...env, HONONGA_LISTEN: listen },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  if (!exitHookInstalled) {
    exitHookInstalled = true
    process.on('exit', () => running.forEach((each) => each.kill('SIGKILL')))
  }
  running.add(child)
  const chunks: string[] = []
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk.toString()))
  const output = () => chunks.join('')
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const hasExited = () => child.exitCode !== null || child.signalCode !== null
  void exited.then(() => running.delete(child))

  try {
    await waitFor(
      async () => {
        if (hasExited()) throw new Error(`haproxy exited (${child.exitCode ?? child.signalCode}):\n${output()}`)
        return canConnect(port)
      },
      { timeoutMs: 15_000, intervalMs: 25, message: `haproxy to listen on ${listen}` },
    )
  } catch (error) {
    child.kill('SIGKILL')
    await exited
    throw new Error(`${String(error)}\n${output()}`)
  }

  let stopping: Promise<void> | undefined
  const loaded = () => output().split('Loading success.').length - 1
  const haproxy: RunningHaproxy = {
    port,
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    output,
    reload: async () => {
      const before = loaded()
      const failures = output().split('Loading failure').length
      child.kill('SIGUSR2')
      await waitFor(
        () => {
          if (output().split('Loading failure').length > failures) throw new Error(`haproxy reload failed:\n${output()}`)
          return loaded() > before
        },
        { timeoutMs: 15_000, message: 'haproxy to reload its configuration' },
      )
    },
    stop: () => {
      stopping ??= (async () => {
        if (hasExited()) return
        // SIGTERM is HAProxy's hard stop: it does not wait an hour for open WebSockets, as SIGUSR1 would.
        child.kill('SIGTERM')
        const lingering = setTimeout(() => child.kill('SIGKILL'), 5_000)
        await exited
        clearTimeout(lingering)
      })()
      return stopping
    },
  }
  return haproxy
}
