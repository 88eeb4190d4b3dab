import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { loadConfig, startServer, type RunningServer, type StartOptions } from '@hononga/server'

export const REPO_ROOT = path.resolve(new URL('../../..', import.meta.url).pathname)

export function tempDataDir(prefix = 'hononga-it-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix))
}

export interface SpawnedServer {
  url: string
  wsUrl: string
  port: number
  dataDir: string
  process: ChildProcess
  /** Every JSON log line the server printed. */
  logs: Record<string, unknown>[]
  /** Sends a signal and waits for the process to exit; resolves with its exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>
}

/**
 * Starts the real server as its own process (`node --import tsx server/src/main.ts`), on
 * port 0 and the given data folder, and waits for its "listening" log line.
 */
export async function spawnServer({
  dataDir = tempDataDir(),
  env = {},
}: { dataDir?: string; env?: Record<string, string> } = {}): Promise<SpawnedServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
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
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const logs: Record<string, unknown>[] = []
  const stderr: string[] = []
  child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString()))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${stderr.join('')}`)), 60_000)
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const entry = JSON.parse(line) as Record<string, unknown>
        logs.push(entry)
        if (entry.event === 'server.listening') {
          clearTimeout(timer)
          resolve(entry.port as number)
        }
      } catch {
        // not a log line
      }
    })
    void exited.then((code) => {
      clearTimeout(timer)
      const said = logs.filter((entry) => entry.level === 60 || entry.level === 'fatal').map((entry) => String(entry.msg))
      reject(new Error(`server exited with ${code} before listening: ${[...said, stderr.join('')].join('\n')}`))
    })
  })
  return {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    port,
    dataDir,
    process: child,
    logs,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
      return exited
    },
  }
}

/** The server in this process, for tests that look at its insides (what is resident). */
export async function inProcessServer(
  env: Record<string, string> = {},
  dataDir = tempDataDir(),
  options: StartOptions = {},
): Promise<RunningServer & { wsUrl: string; dataDir: string }> {
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    CLIENT_DIST: path.join(dataDir, 'no-client'),
    ...env,
  })
  const running = await startServer(config, options)
  return { ...running, url: `http://127.0.0.1:${running.port}`, wsUrl: `ws://127.0.0.1:${running.port}/ws`, dataDir }
}
