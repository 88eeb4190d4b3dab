import { randomBytes } from 'node:crypto'
import pg from 'pg'
import type { Logger } from '../log'
import type { PgControlChannel } from './pg-control'
import { transaction, type DocFence } from './pg-doc-store'
import { PlanElsewhereError, type OwnershipListener, type PlanOwnership } from './ownership'

export interface PgOwnershipOptions {
  pool: pg.Pool
  /** Settings for the dedicated connection that holds this process's liveness lock. */
  connection: pg.ClientConfig
  control: PgControlChannel
  log: Logger
  /** Where other processes (and operators) can reach this one, e.g. `10.0.0.5:4000`. */
  address: string
  /** How long a lease lasts without renewal (LEASE_TTL_MS): how soon a frozen owner's plans move. */
  leaseTtlMs: number
  /** How often the leases are renewed (about a fifth of the TTL). */
  renewEveryMs: number
}

/**
 * Plan ownership on PostgreSQL. The owner of a plan holds a row in `plan_leases`
 * (`plan_id, owner, owner_key, address, epoch, expires_at`), renewed every `renewEveryMs`;
 * the store writes a plan only while that row names this process with the epoch it took
 * (DocFence, collab/pg-doc-store.ts).
 *
 * Liveness: each process holds a session advisory lock on its own random key for as long as it
 * lives, on a connection of its own. A plan can be taken over when its lease has expired *or*
 * its owner's key is free (`pg_try_advisory_xact_lock` succeeds), so the plans of a process
 * killed with `kill -9` (whose connection, and so its lock, PostgreSQL drops at once) move
 * within milliseconds, while a frozen process, which keeps its connection and its lock,
 * loses them when its leases expire. TCP keepalives free the lock of a machine that vanished.
 *
 * Expiry is measured on the database's clock (`now()`), never compared across machines.
 */
export class PgPlanOwnership implements PlanOwnership, DocFence {
  /** Unique to this process's run: a restarted process is a new owner. */
  readonly owner = `${process.pid}-${randomBytes(6).toString('hex')}`
  /** The liveness lock's key: random, positive, 63 bits. */
  readonly ownerKey = BigInt.asIntN(64, randomBytes(8).readBigUInt64BE() >> 1n).toString()
  private readonly epochs = new Map<string, number>()
  private listener: OwnershipListener | null = null
  private liveness: pg.Client | null = null
  private renewTimer: NodeJS.Timeout | undefined
  private renewing = false
  private readonly handingOver = new Set<string>()
  /** When this process last asked for each plan: one request per plan per half second. */
  private readonly asked = new Map<string, number>()
  private closed = false
  private unsubscribe: (() => void) | undefined

  constructor(private readonly options: PgOwnershipOptions) {}

  /** Takes the liveness lock, starts renewing, and answers hand-over requests. */
  async start(): Promise<void> {
    await this.lockLiveness()
    this.unsubscribe = this.options.control.subscribe((event) => {
      if (event.kind === 'handover' && event.to !== this.owner && this.epochs.has(event.planId)) void this.handOver(event.planId)
    })
    this.renewTimer = setInterval(() => void this.renew(), this.options.renewEveryMs)
    this.renewTimer.unref()
  }

  listen(listener: OwnershipListener): void {
    this.listener = listener
  }

  epochOf(planId: string): number | undefined {
    return this.epochs.get(planId)
  }

  async servedElsewhere(planId: string): Promise<boolean> {
    const { rows } = await this.options.pool.query('SELECT 1 FROM plan_leases WHERE plan_id = $1 AND owner <> $2 AND expires_at > now()', [
      planId,
      this.owner,
    ])
    return rows.length > 0
  }

  /** Plans this process holds a lease on (tests, metrics). */
  held(): string[] {
    return [...this.epochs.keys()]
  }

  async acquire(planId: string): Promise<void> {
    const { pool, address, leaseTtlMs } = this.options
    const ttl = leaseTtlMs / 1000
    for (let attempt = 0; attempt < 3; attempt++) {
      type Outcome = { epoch: number; from?: string } | { elsewhere: string } | null
      const outcome = await transaction(pool, 'BEGIN', async (client): Promise<Outcome> => {
        const inserted = await client.query<{ epoch: string }>(
          `INSERT INTO plan_leases (plan_id, owner, owner_key, address, epoch, expires_at)
           VALUES ($1, $2, $3, $4, 1, now() + make_interval(secs => $5)) ON CONFLICT (plan_id) DO NOTHING RETURNING epoch`,
          [planId, this.owner, this.ownerKey, address, ttl],
        )
        if (inserted.rows[0]) return { epoch: Number(inserted.rows[0].epoch) }
        // The row lock waits for any append holding it FOR SHARE: the old owner's last write
        // either commits before this takeover (and is loaded after it) or is fenced.
        const current = await client.query<{ owner: string; owner_key: string; expired: boolean }>(
          'SELECT owner, owner_key, expires_at <= now() AS expired FROM plan_leases WHERE plan_id = $1 FOR UPDATE',
          [planId],
        )
        const row = current.rows[0]
        if (!row) return null // released meanwhile: insert again
        let free = row.owner === this.owner || row.expired
        if (!free) {
          const probe = await client.query<{ free: boolean }>('SELECT pg_try_advisory_xact_lock($1::bigint) AS free', [row.owner_key])
          free = probe.rows[0]!.free
        }
        if (!free) return { elsewhere: row.owner }
        const taken = await client.query<{ epoch: string }>(
          `UPDATE plan_leases SET owner = $2, owner_key = $3, address = $4, epoch = epoch + 1,
             expires_at = now() + make_interval(secs => $5) WHERE plan_id = $1 RETURNING epoch`,
          [planId, this.owner, this.ownerKey, address, ttl],
        )
        return { epoch: Number(taken.rows[0]!.epoch), from: row.owner }
      })
      if (outcome === null) continue
      if ('elsewhere' in outcome) {
        // Ownership follows the load balancer: the live owner is asked to let go.
        const now = Date.now()
        if ((this.asked.get(planId) ?? 0) < now - 500) {
          this.asked.set(planId, now)
          await this.options.control.publish({ kind: 'handover', planId, to: this.owner })
        }
        throw new PlanElsewhereError(planId, outcome.elsewhere)
      }
      this.epochs.set(planId, outcome.epoch)
      this.asked.delete(planId)
      if (outcome.from && outcome.from !== this.owner) {
        this.options.log.info({ planId, event: 'lease.taken_over', from: outcome.from, epoch: outcome.epoch }, 'took over a plan')
      }
      return
    }
    throw new PlanElsewhereError(planId, 'unknown')
  }

  async release(planId: string): Promise<void> {
    const epoch = this.epochs.get(planId)
    if (epoch === undefined) return
    this.epochs.delete(planId)
    await this.options.pool.query('DELETE FROM plan_leases WHERE plan_id = $1 AND owner = $2 AND epoch = $3', [planId, this.owner, epoch])
  }

  /** Gives up every lease and the liveness lock (graceful shutdown, after every plan is stored). */
  async close(): Promise<void> {
    this.closed = true
    clearInterval(this.renewTimer)
    this.unsubscribe?.()
    const held = [...this.epochs.keys()]
    this.epochs.clear()
    if (held.length > 0) {
      await this.options.pool
        .query('DELETE FROM plan_leases WHERE owner = $1 AND plan_id = ANY($2::text[])', [this.owner, held])
        .catch((error: unknown) => this.options.log.warn({ event: 'lease.release_failed', err: error }, 'could not release leases'))
    }
    const liveness = this.liveness
    this.liveness = null
    await liveness?.end().catch(() => undefined)
  }

  /** Extends every lease held; a plan whose row no longer names this process is lost at once. */
  async renew(): Promise<void> {
    if (this.renewing || this.closed || this.epochs.size === 0) return
    this.renewing = true
    const asked = new Map(this.epochs)
    try {
      const { rows } = await this.options.pool.query<{ plan_id: string; epoch: string }>(
        `UPDATE plan_leases SET expires_at = now() + make_interval(secs => $3)
         WHERE owner = $1 AND plan_id = ANY($2::text[]) RETURNING plan_id, epoch`,
        [this.owner, [...asked.keys()], this.options.leaseTtlMs / 1000],
      )
      const kept = new Map(rows.map((row) => [row.plan_id, Number(row.epoch)]))
      for (const [planId, epoch] of asked) {
        // Released or re-taken while the query ran: not a loss.
        if (this.epochs.get(planId) !== epoch) continue
        if (kept.get(planId) === epoch) continue
        this.epochs.delete(planId)
        this.options.log.warn({ planId, event: 'lease.lost', epoch }, 'lost a plan to another process; dropping it')
        this.listener?.lost(planId)
      }
    } catch (error) {
      this.options.log.warn(
        { event: 'lease.renew_failed', err: error },
        'could not renew leases; storage fences what this process may write',
      )
    } finally {
      this.renewing = false
    }
  }

  private async handOver(planId: string): Promise<void> {
    if (this.handingOver.has(planId) || !this.listener) return
    this.handingOver.add(planId)
    try {
      await this.listener.handOver(planId)
    } catch (error) {
      this.options.log.error({ planId, event: 'lease.handover_failed', err: error }, 'could not hand a plan over')
    } finally {
      this.handingOver.delete(planId)
    }
  }

  /** A connection of its own, holding this process's advisory lock; re-taken if the connection drops. */
  private async lockLiveness(): Promise<void> {
    const client = new pg.Client({ ...this.options.connection, keepAlive: true })
    client.on('error', (error) => this.options.log.warn({ event: 'liveness.connection_error', err: error }, 'liveness connection failed'))
    client.on('end', () => {
      if (this.liveness === client) this.liveness = null
      if (!this.closed) this.relockLater(200)
    })
    try {
      await client.connect()
      await client.query('SELECT pg_advisory_lock($1::bigint)', [this.ownerKey])
    } catch (error) {
      await client.end().catch(() => undefined)
      throw error
    }
    this.liveness = client
  }

  private relockLater(delayMs: number): void {
    setTimeout(() => {
      if (this.closed || this.liveness) return
      this.lockLiveness().catch((error: unknown) => {
        this.options.log.warn({ event: 'liveness.relock_failed', err: error }, 'could not take the liveness lock yet')
        this.relockLater(Math.min(delayMs * 2, 5_000))
      })
    }, delayMs).unref()
  }
}
