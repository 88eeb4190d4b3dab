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
import { origins } from './collab/hooks/origins'
import type { Config } from './config'
import type { Db } from './db/open'
import { schedulePurge } from './lifecycle/purge'
import { createLogger, type Logger } from './log'
import { recordPlanNotices } from './notifications/plan-notices'
import { notifyIntervalFrom, scheduleNotifications } from './notifications/job'
import { createMailer } from './mail/mailer'
import { openStorage, type Storage } from './storage'

export interface RunningServer {
  /** The port actually bound (useful with PORT=0). */
  port: number
  url: string
  engine: CollabEngine
  /** The SQLite database; undefined when the server runs on PostgreSQL (DATABASE_URL). */
  db: Db | undefined
  storage: Storage
  log: Logger
  /**
   * Graceful stop: reports unhealthy for SHUTDOWN_DRAIN_MS (the load balancer stops sending
   * requests), then stores everything, snapshots what changed, closes every socket and gives
   * up its plans' leases. Idempotent.
   */
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
  const storage = await openStorage(config, log, config.port)
  const { repos, db } = storage
  const now = () => Date.now()
  const engine = createCollabEngine({ storage, config, log, now, clock: systemClock, wrapStore })
  const health = { draining: false }
  const mail = createMailer({ config, repos, log, now })
  const app = createApp({ config, repos, log, collab: engine, now, health, mail })
  const purge = schedulePurge({
    repos,
    collab: engine,
    now,
    log,
    clock: systemClock,
    accessLogRetentionDays: config.accessLogRetentionDays,
  })
  const notifications = scheduleNotifications({
    repos,
    mail,
    config,
    log,
    now,
    clock: systemClock,
    intervalMs: notifyIntervalFrom(process.env),
  })
  // Frames larger than the limit close the socket with 1009 (CloseCode.MessageTooBig).
  const wss = new WebSocketServer({ noServer: true, maxPayload: config.wsMaxMessageBytes })
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host, websocket: { server: wss } })
  await once(server, 'listening')
  mail.start()
  const port = (server.address() as AddressInfo).port
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`
  const where = config.databaseUrl ? 'PostgreSQL' : config.dataDir
  log.info(
    { event: 'server.listening', port, storage: repos.dialect, dataDir: db ? config.dataDir : undefined },
    `Hononga is listening on ${url} (${where})`,
  )

  let closing: Promise<void> | undefined
  const close = () =>
    (closing ??= (async () => {
      if (config.shutdownDrainMs > 0) {
        // /api/health answers 503 from now: the balancer takes this process out before it lets go of its plans.
        health.draining = true
        log.info({ event: 'server.draining', ms: config.shutdownDrainMs }, 'reporting unhealthy before stopping')
        await new Promise((resolve) => setTimeout(resolve, config.shutdownDrainMs))
      }
      log.info({ event: 'server.stopping' }, 'stopping: storing every plan and closing sockets')
      server.close()
      purge.stop()
      notifications.stop()
      // Before storage closes: a message in flight is marked, or left to its claim's expiry.
      await mail.stop()
      await engine.close()
      for (const client of wss.clients) client.terminate()
      wss.close()
      if ('closeAllConnections' in server) server.closeAllConnections()
      await storage.close()
      log.info({ event: 'server.stopped' }, 'stopped')
    })())

  return { port, url, engine, db, storage, log, close }
}

export interface CollabEngineDeps {
  storage: Pick<Storage, 'repos' | 'store' | 'ownership' | 'control'>
  config: Config
  log: Logger
  /** Milliseconds since the epoch, for the dates written into records. */
  now: () => number
  /** The clock of the engine's policies (compaction, unloading, hook timers). */
  clock: Clock
  wrapStore?: (store: DocStore) => DocStore
}

/**
 * The composition root of the sync engine: the document store, the repositories it
 * consults, plan ownership and the other processes (PostgreSQL), and the hooks around its
 * core, in the order their events reach them (at shutdown: the snapshot, then the
 * compaction, then the plans row).
 */
export function createCollabEngine({ storage, config, log, now, clock, wrapStore }: CollabEngineDeps): CollabEngine {
  const { repos, store, ownership, control } = storage
  return new CollabEngine({
    store: wrapStore ? wrapStore(store) : store,
    ownership,
    control,
    config,
    log,
    now,
    clock,
    hooks: [
      autoSnapshots(config.autoSnapshotIntervalMs),
      compaction(config),
      derivedTables(async (planId, doc, at) => {
        const meta = getPlanMeta(doc)
        const heading = { title: meta.title?.toString() ?? '', community: meta.community?.toString() ?? '', district: meta.district }
        await repos.plans.updatePlanHeading(planId, heading, at)
        await repos.tracker.refreshTrackedActions(planId, doc, at)
        await recordPlanNotices(repos, log, planId, doc, at)
      }),
      attendance(),
      origins(),
    ],
    membership: async (planId, userId) => {
      const membership = await repos.members.findMembership(planId, userId)
      return membership && { ...membership, readOnly: await repos.plans.isPlanLocked(planId) }
    },
    userNames: (ids) => repos.users.findUserNames(ids),
    refreshDerived: (planId, doc, at) => repos.tracker.refreshTrackedActions(planId, doc, at),
    quarantine: (entry) => repos.quarantine.quarantineUpdate(entry),
    audit: (entry) => repos.audit.recordAudit(entry),
  })
}
