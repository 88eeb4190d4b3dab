import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { WebSocketServer } from 'ws'
import { getPlanMeta } from '@hononga/shared'
import { createApp } from './app'
import { CollabEngine, systemClock, type Clock, type DocStore } from './collab'
import { attendance } from './collab/hooks/attendance'
import { autoSnapshots } from './collab/hooks/auto-snapshots'
import { compaction } from './collab/hooks/compaction'
import { derivedTables } from './collab/hooks/derived-tables'
import { createSqliteDocStore } from './collab/sqlite-doc-store'
import type { Config } from './config'
import { recordAudit } from './db/audit'
import { findMembership } from './db/members'
import { lockDataDir } from './db/data-dir-lock'
import { openDb, type Db } from './db/open'
import { isPlanLocked, updatePlanHeading } from './db/plans'
import { quarantineUpdate } from './db/quarantine'
import { refreshTrackedActions } from './db/tracker'
import { findUserNames } from './db/users'
import { schedulePurge } from './lifecycle/purge'
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

export interface StartOptions {
  log?: Logger
  /** Wraps the document store (tests inject storage faults through it). */
  wrapStore?: (store: DocStore) => DocStore
}

/**
 * Starts the whole server on one port: the HTTP API, the WebSocket sync endpoint and the
 * built client. Migrations run before the port opens.
 */
export async function startServer(
  config: Config,
  { log = createLogger(config.logLevel), wrapStore }: StartOptions = {},
): Promise<RunningServer> {
  // One server per SQLite data folder (several processes need PostgreSQL).
  const dataDirLock = lockDataDir(config.dataDir)
  let db: Db
  try {
    db = openDb({ dataDir: config.dataDir, synchronous: config.sqliteSynchronous })
  } catch (error) {
    dataDirLock.release()
    throw error
  }
  const now = () => Date.now()
  const engine = createCollabEngine({ db, config, log, now, clock: systemClock, wrapStore })
  const app = createApp({ config, db, log, collab: engine, now })
  const purge = schedulePurge({ db, collab: engine, now, log, clock: systemClock })
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
      purge.stop()
      await engine.close()
      for (const client of wss.clients) client.terminate()
      wss.close()
      if ('closeAllConnections' in server) server.closeAllConnections()
      db.$client.close()
      dataDirLock.release()
      log.info({ event: 'server.stopped' }, 'stopped')
    })())

  return { port, url, engine, db, log, close }
}

export interface CollabEngineDeps {
  db: Db
  config: Config
  log: Logger
  /** Milliseconds since the epoch, for the dates written into records. */
  now: () => number
  /** The clock of the engine's policies (compaction, unloading, hook timers). */
  clock: Clock
  wrapStore?: (store: DocStore) => DocStore
}

/**
 * The composition root of the sync engine: the SQLite store, the accounts tables it
 * consults, and the hooks around its core, in the order their events reach them (at
 * shutdown: the snapshot, then the compaction, then the plans row).
 */
export function createCollabEngine({ db, config, log, now, clock, wrapStore }: CollabEngineDeps): CollabEngine {
  const store = createSqliteDocStore(db)
  return new CollabEngine({
    store: wrapStore ? wrapStore(store) : store,
    config,
    log,
    now,
    clock,
    hooks: [
      autoSnapshots(config.autoSnapshotIntervalMs),
      compaction(config),
      derivedTables((planId, doc, at) => {
        const meta = getPlanMeta(doc)
        updatePlanHeading(
          db,
          planId,
          { title: meta.title?.toString() ?? '', community: meta.community?.toString() ?? '', district: meta.district },
          at,
        )
        refreshTrackedActions(db, planId, doc, at)
      }),
      attendance(),
    ],
    membership: (planId, userId) => {
      const membership = findMembership(db, planId, userId)
      return membership && { ...membership, readOnly: isPlanLocked(db, planId) }
    },
    userNames: (ids) => findUserNames(db, ids),
    refreshDerived: (planId, doc, at) => refreshTrackedActions(db, planId, doc, at),
    quarantine: (entry) => quarantineUpdate(db, entry),
    audit: (entry) => recordAudit(db, entry),
  })
}
