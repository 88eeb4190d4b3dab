import pg from 'pg'
import type { Logger } from '../log'
import type { ControlChannel, ControlEvent } from './control'

export type { ControlEvent } from './control'

const CHANNEL = 'hononga_control'

export interface ControlChannelOptions {
  pool: pg.Pool
  /** Settings for the dedicated LISTEN connection (never a pooler in transaction mode: LISTEN needs a session). */
  connection: pg.ClientConfig
  log: Logger
  /** Events older than this are deleted (they were delivered or caught up long ago). */
  retainMs?: number
  /** How long a lost LISTEN connection waits before reconnecting (doubles up to 5 s). */
  reconnectMs?: number
}

/**
 * Control events between server processes over PostgreSQL: each event is a row in
 * `control_events` and a `NOTIFY` sent in the same transaction, so it is announced only if it
 * was stored. A dedicated connection `LISTEN`s; each notification, and every reconnect of that
 * connection, runs a catch-up query for what it has not seen, so an event published while the
 * connection was down is still delivered. Delivery is at least once per process: handlers are
 * idempotent (closing a socket twice, re-checking a membership twice, changes nothing).
 *
 * Ids come from an identity column, and a transaction that took id 10 can commit after one
 * that took id 11; so the catch-up reads everything newer than the last id seen *or* created
 * in the last 30 seconds, and skips ids already delivered.
 */
export class PgControlChannel implements ControlChannel {
  private client: pg.Client | null = null
  private readonly handlers = new Set<(event: ControlEvent) => void>()
  private lastId = 0
  private readonly delivered = new Map<number, number>()
  private catchingUp: Promise<void> | null = null
  private again = false
  private closed = false
  private reconnectTimer: NodeJS.Timeout | undefined
  private pruneTimer: NodeJS.Timeout | undefined
  private backoff: number

  constructor(private readonly options: ControlChannelOptions) {
    this.backoff = options.reconnectMs ?? 200
  }

  /** Connects and listens; resolves once events published from now on will be delivered. */
  async start(): Promise<void> {
    const { rows } = await this.options.pool.query<{ id: string | null }>('SELECT max(id) AS id FROM control_events')
    this.lastId = Number(rows[0]?.id ?? 0)
    await this.connect()
    const retainMs = this.options.retainMs ?? 60 * 60_000
    this.pruneTimer = setInterval(() => void this.prune(retainMs), Math.min(retainMs, 60_000)).unref()
  }

  subscribe(handler: (event: ControlEvent) => void): () => void {
    this.handlers.add(handler)
    return () => this.handlers.delete(handler)
  }

  /** Stores the event and notifies every listening process, in one transaction. */
  async publish(event: ControlEvent): Promise<void> {
    const planId = 'planId' in event ? event.planId : null
    await this.options.pool.query(
      `WITH stored AS (INSERT INTO control_events (kind, plan_id, payload) VALUES ($1, $2, $3) RETURNING id)
       SELECT pg_notify('${CHANNEL}', id::text) FROM stored`,
      [event.kind, planId, JSON.stringify(event)],
    )
  }

  async close(): Promise<void> {
    this.closed = true
    clearTimeout(this.reconnectTimer)
    clearInterval(this.pruneTimer)
    const client = this.client
    this.client = null
    await client?.end().catch(() => undefined)
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ ...this.options.connection, keepAlive: true })
    client.on('error', (error) => {
      this.options.log.warn({ event: 'control.connection_error', err: error }, 'control channel connection failed; reconnecting')
    })
    client.on('end', () => {
      if (this.client === client) this.client = null
      if (!this.closed) this.scheduleReconnect()
    })
    client.on('notification', () => this.catchUp())
    try {
      await client.connect()
      await client.query(`LISTEN ${CHANNEL}`)
    } catch (error) {
      await client.end().catch(() => undefined)
      throw error
    }
    this.client = client
    this.backoff = this.options.reconnectMs ?? 200
    // Whatever was published while this connection was not listening.
    this.catchUp()
  }

  private scheduleReconnect(): void {
    clearTimeout(this.reconnectTimer)
    this.reconnectTimer = setTimeout(() => {
      this.connect().catch((error: unknown) => {
        this.options.log.warn({ event: 'control.reconnect_failed', err: error }, 'control channel could not reconnect yet')
        this.backoff = Math.min(this.backoff * 2, 5_000)
        if (!this.closed) this.scheduleReconnect()
      })
    }, this.backoff)
    this.reconnectTimer.unref()
  }

  /** Reads and delivers what has not been seen; one read at a time, another after if asked meanwhile. */
  private catchUp(): void {
    if (this.catchingUp) {
      this.again = true
      return
    }
    this.catchingUp = (async () => {
      do {
        this.again = false
        const { rows } = await this.options.pool.query<{ id: string; payload: string }>(
          `SELECT id, payload FROM control_events WHERE id > $1 OR created_at > now() - interval '30 seconds' ORDER BY id`,
          [this.lastId],
        )
        for (const row of rows) this.deliver(Number(row.id), row.payload)
      } while (this.again && !this.closed)
    })()
      .catch((error: unknown) => {
        this.options.log.warn({ event: 'control.catch_up_failed', err: error }, 'could not read control events; will retry')
        if (!this.closed) setTimeout(() => this.catchUp(), 500).unref()
      })
      .finally(() => {
        this.catchingUp = null
      })
  }

  private deliver(id: number, payload: string): void {
    if (this.delivered.has(id)) return
    this.delivered.set(id, Date.now())
    this.lastId = Math.max(this.lastId, id)
    let event: ControlEvent
    try {
      event = JSON.parse(payload) as ControlEvent
    } catch (error) {
      this.options.log.error({ event: 'control.bad_event', id, err: error }, 'unreadable control event skipped')
      return
    }
    for (const handler of this.handlers) {
      try {
        handler(event)
      } catch (error) {
        this.options.log.error({ event: 'control.handler_failed', kind: event.kind, err: error }, 'a control event handler failed')
      }
    }
  }

  private async prune(retainMs: number): Promise<void> {
    const cutoff = Date.now() - 2 * 60_000
    for (const [id, at] of this.delivered) if (at < cutoff) this.delivered.delete(id)
    await this.options.pool
      .query(`DELETE FROM control_events WHERE created_at < now() - make_interval(secs => $1)`, [retainMs / 1000])
      .catch((error: unknown) => this.options.log.warn({ event: 'control.prune_failed', err: error }, 'could not prune control events'))
  }
}
