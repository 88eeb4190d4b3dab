import type pg from 'pg'
import { PlanFencedError, type AppendEntry, type DocStore, type IdempotencyRecord, type SnapshotMeta, type StoredDoc } from './doc-store'

/**
 * Which plans this process owns, and under which lease epoch (collab/pg-ownership.ts). The
 * store writes a plan only while the lease row still names this process with that epoch: a
 * process that lost its lease (paused, cut off, replaced) stores nothing, and since the
 * engine broadcasts only what it stored, it broadcasts nothing either.
 */
export interface DocFence {
  readonly owner: string
  /** The epoch of the lease this process holds on a plan, or undefined when it holds none. */
  epochOf(docId: string): number | undefined
}

/**
 * The DocStore on PostgreSQL (tables from migrations/pg). With a fence, every append and
 * every compaction first locks the plan's lease row `FOR SHARE` and checks owner and epoch
 * inside the same transaction; a takeover increments the epoch with `UPDATE`, which waits
 * for that lock, so a write either commits before the takeover (and the new owner loads it)
 * or sees the new epoch and stores nothing. The check is per plan: one fenced plan does not
 * fail a batch that holds others.
 *
 * Durability rests on the server's `synchronous_commit = on` (the default): a resolved
 * `appendBatch` is on the primary's disk (and a synchronous standby's, when there is one).
 */
export function createPgDocStore(pool: pg.Pool, options: { fence?: DocFence } = {}): DocStore {
  const { fence } = options

  /** The plans among `docIds` whose lease this process holds; locks their rows until commit. */
  async function heldPlans(client: pg.PoolClient, docIds: readonly string[]): Promise<Set<string>> {
    if (!fence) return new Set(docIds)
    const { rows } = await client.query<{ plan_id: string; epoch: string }>(
      'SELECT plan_id, epoch FROM plan_leases WHERE plan_id = ANY($1::text[]) AND owner = $2 FOR SHARE',
      [docIds, fence.owner],
    )
    return new Set(rows.filter((row) => Number(row.epoch) === fence.epochOf(row.plan_id)).map((row) => row.plan_id))
  }

  return {
    async create(docId, state, at) {
      await pool.query('INSERT INTO doc_states (doc_id, data, compacted_through, updated_at) VALUES ($1, $2, 0, $3)', [
        docId,
        toBuffer(state),
        at,
      ])
    },

    async load(docId): Promise<StoredDoc | null> {
      // One snapshot of both tables: a compaction committing in between cannot make an
      // update appear twice or not at all.
      return transaction(pool, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', async (client) => {
        const state = await client.query<{ data: Buffer; compacted_through: string }>(
          'SELECT data, compacted_through FROM doc_states WHERE doc_id = $1',
          [docId],
        )
        const stateRow = state.rows[0]
        const updates = await client.query<{ seq: string; data: Buffer }>(
          'SELECT seq, data FROM doc_updates WHERE doc_id = $1 AND seq > $2 ORDER BY seq',
          [docId, stateRow?.compacted_through ?? 0],
        )
        const rows = updates.rows
        if (!stateRow && rows.length === 0) return null
        return {
          state: stateRow ? new Uint8Array(stateRow.data) : null,
          updates: rows.map((row) => new Uint8Array(row.data)),
          lastSeq: Number(rows.length > 0 ? rows[rows.length - 1]!.seq : (stateRow?.compacted_through ?? 0)),
        }
      })
    },

    async appendBatch(batch: readonly AppendEntry[], at) {
      if (batch.length === 0) return new Map()
      return transaction(pool, 'BEGIN', async (client) => {
        const held = await heldPlans(client, [...new Set(batch.map((entry) => entry.docId))])
        const kept = batch.filter((entry) => held.has(entry.docId))
        const last = new Map<string, number>()
        if (kept.length === 0) return last
        // One statement for the batch, inserted in the batch's order (WITH ORDINALITY ... ORDER BY),
        // so each update's seq is greater than those before it.
        const { rows } = await client.query<{ seq: string; doc_id: string }>(
          `INSERT INTO doc_updates (doc_id, data, created_at)
           SELECT doc_id, data, $3 FROM unnest($1::text[], $2::bytea[]) WITH ORDINALITY AS t(doc_id, data, n) ORDER BY n
           RETURNING seq, doc_id`,
          [kept.map((entry) => entry.docId), kept.map((entry) => toBuffer(entry.update)), at],
        )
        for (const row of rows) last.set(row.doc_id, Math.max(last.get(row.doc_id) ?? 0, Number(row.seq)))
        // A command's key commits with its update, or not at all; a key already stored keeps
        // its first answer (and never fails the batch it travels with).
        for (const { idempotency } of kept) if (idempotency) await insertIdempotency(client, idempotency, at)
        return last
      })
    },

    async compact(docId, state, throughSeq, at) {
      await transaction(pool, 'BEGIN', async (client) => {
        if (!(await heldPlans(client, [docId])).has(docId)) throw new PlanFencedError(docId)
        await client.query(
          `INSERT INTO doc_states (doc_id, data, compacted_through, updated_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (doc_id) DO UPDATE SET data = excluded.data,
             compacted_through = GREATEST(doc_states.compacted_through, excluded.compacted_through), updated_at = excluded.updated_at`,
          [docId, toBuffer(state), throughSeq, at],
        )
        await client.query('DELETE FROM doc_updates WHERE doc_id = $1 AND seq <= $2', [docId, throughSeq])
      })
    },

    async delete(docId) {
      await transaction(pool, 'BEGIN', async (client) => {
        await client.query('DELETE FROM doc_updates WHERE doc_id = $1', [docId])
        await client.query('DELETE FROM doc_states WHERE doc_id = $1', [docId])
        await client.query('DELETE FROM snapshots WHERE doc_id = $1', [docId])
      })
    },

    async saveSnapshot(s) {
      await pool.query(
        'INSERT INTO snapshots (id, doc_id, kind, label, data, marker, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
        [s.id, s.docId, s.kind, s.label, toBuffer(s.state), toBuffer(s.marker), s.createdBy, s.createdAt],
      )
    },

    async listSnapshots(docId): Promise<SnapshotMeta[]> {
      const { rows } = await pool.query<SnapshotRow>(
        // Newest first; SQLite breaks ties by insertion order (rowid), which PostgreSQL does not
        // keep: two snapshots of one plan in the same millisecond list by id.
        'SELECT id, doc_id, kind, label, created_by, created_at FROM snapshots WHERE doc_id = $1 ORDER BY created_at DESC, id DESC',
        [docId],
      )
      return rows.map(snapshotMeta)
    },

    async getSnapshot(docId, snapshotId) {
      const { rows } = await pool.query<SnapshotRow & { data: Buffer; marker: Buffer }>(
        'SELECT id, doc_id, kind, label, created_by, created_at, data, marker FROM snapshots WHERE doc_id = $1 AND id = $2',
        [docId, snapshotId],
      )
      const row = rows[0]
      if (!row) return null
      return { ...snapshotMeta(row), state: new Uint8Array(row.data), marker: new Uint8Array(row.marker) }
    },

    async latestSnapshotMarker(docId) {
      const { rows } = await pool.query<{ marker: Buffer }>(
        'SELECT marker FROM snapshots WHERE doc_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1',
        [docId],
      )
      return rows[0] ? new Uint8Array(rows[0].marker) : null
    },

    async findIdempotency(userId, key) {
      const { rows } = await pool.query<{ user_id: string; key: string; plan_id: string; command: string; status: number; body: string }>(
        'SELECT user_id, key, plan_id, command, status, body FROM idempotency_keys WHERE user_id = $1 AND key = $2',
        [userId, key],
      )
      const row = rows[0]
      return row
        ? { userId: row.user_id, key: row.key, planId: row.plan_id, command: row.command, status: Number(row.status), body: row.body }
        : null
    },

    async saveIdempotency(record, at) {
      await insertIdempotency(pool, record, at)
    },

    async pruneIdempotency(before) {
      const result = await pool.query('DELETE FROM idempotency_keys WHERE created_at < $1', [before])
      return result.rowCount ?? 0
    },
  }
}

interface SnapshotRow {
  id: string
  doc_id: string
  kind: SnapshotMeta['kind']
  label: string
  created_by: string | null
  created_at: string
}

function snapshotMeta(row: SnapshotRow): SnapshotMeta {
  return { id: row.id, docId: row.doc_id, kind: row.kind, label: row.label, createdBy: row.created_by, createdAt: Number(row.created_at) }
}

function insertIdempotency(client: pg.Pool | pg.PoolClient, record: IdempotencyRecord, at: number) {
  return client.query(
    `INSERT INTO idempotency_keys (user_id, key, plan_id, command, status, body, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT DO NOTHING`,
    [record.userId, record.key, record.planId, record.command, record.status, record.body, at],
  )
}

/**
 * Runs `work` in one transaction on one pooled connection; rolls back on any error. A
 * connection whose rollback also failed (the server went away) is destroyed, not reused.
 */
export async function transaction<T>(pool: pg.Pool, begin: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect()
  let broken: Error | undefined
  try {
    await client.query(begin)
    const result = await work(client)
    await client.query('COMMIT')
    return result
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError))
    throw error
  } finally {
    client.release(broken)
  }
}

/** A Buffer view over the same bytes (no copy): pg sends Buffers as bytea. */
function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}
