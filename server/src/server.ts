import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { WebSocketServer } from 'ws'
import { createApp } from './app'
import { createCollabEngine, type CollabEngine, type PlanBus } from './collab'
import type { DocStore } from './collab/doc-store'
import type { Config } from './config'
import { openDb, type Db } from './db/open'
import { createLogger, type Logger } from './log'

export interface RunningServer {
  /** The port actually bound (useful with PORT=0). */
  port: number
  url: string
  engine: CollabEngine
  db: Db
  log: Logger
  /** Graceful stop: stores everything, snapshots what changed, closes every socket. Idempotent. */
  close(): Promise<void>
}

/**
 * Starts the whole server on one port: the HTTP API, the WebSocket sync endpoint and the
 * built client. Migrations run before the port opens.
 */
export interface StartOptions {
  log?: Logger
  /** Wraps the document store (tests inject storage faults through it). */
  wrapStore?: (store: DocStore) => DocStore
  /** Fan-out of updates to other server processes; none by default. */
  bus?: PlanBus
}

export async function startServer(config: Config, { log = createLogger(config.logLevel), wrapStore, bus }: StartOptions = {}): Promise<RunningServer> {
  const db = openDb({ dataDir: config.dataDir, synchronous: config.sqliteSynchronous })
  const now = () => Date.now()
  const engine = createCollabEngine({ db, config, log, now, wrapStore, bus })
  const app = createApp({ config, db, log, collab: engine, now })
  // Frames larger than the limit close the socket with 1009 (CloseCode.MessageTooBig).
  const wss = new WebSocketServer({ noServer: true, maxPayload: config.wsMaxMessageBytes })
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host, websocket: { server: wss } })
  await once(server, 'listening')
  const port = (server.address() as AddressInfo).port
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`
  log.info({ event: 'server.listening', port, dataDir: config.dataDir }, `Hononga is listening on ${url}`)

  let closing: Promise<void> | undefined
  const close = () =>
    (closing ??= (async () => {
      log.info({ event: 'server.stopping' }, 'stopping: storing every plan and closing sockets')
      server.close()
      await engine.close()
      for (const client of wss.clients) client.terminate()
      wss.close()
      if ('closeAllConnections' in server) server.closeAllConnections()
      db.$client.close()
      log.info({ event: 'server.stopped' }, 'stopped')
    })())

  return { port, url, engine, db, log, close }
}
