import { and, desc, eq, lte, sql } from 'drizzle-orm'
import { idempotencyStatements, pruneIdempotencyKeys } from '../db/idempotency'
import type { Db } from '../db/open'
import { gateOf } from '../repos/sqlite'
import { docStates, docUpdates, snapshots } from '../db/schema'
import type { AppendEntry, DocStore, SnapshotMeta, SnapshotRecord, StoredDoc } from './doc-store'

/**
 * The DocStore on SQLite (WAL). better-sqlite3 is synchronous, so each method does its work
 * before returning its (already settled) promise: a resolved `appendBatch` is committed. Each
 * goes through the connection's gate (repos/sqlite.ts), so none lands inside a repository
 * transaction that is waiting between its statements.
 */
export function createSqliteDocStore(db: Db): DocStore {
  const gate = gateOf(db)
  const store = ungatedStore(db)
  const gated = {} as Record<keyof DocStore, unknown>
  for (const key of Object.keys(store) as (keyof DocStore)[]) {
    const method = store[key] as (...args: unknown[]) => Promise<unknown>
    gated[key] = (...args: unknown[]) => gate.run(() => method(...args))
  }
  return gated as DocStore
}

function ungatedStore(db: Db): DocStore {
  const sqlite = db.$client
  // Prepared once: these run on every edit of every plan.
  const insertUpdate = sqlite.prepare<[string, Buffer, number]>('INSERT INTO doc_updates (doc_id, data, created_at) VALUES (?, ?, ?)')
  const idempotency = idempotencyStatements(sqlite)
  const appendTx = sqlite.transaction((batch: readonly AppendEntry[], at: number) => {
    const last = new Map<string, number>()
    for (const { docId, update, idempotency: answered } of batch) {
      const info = insertUpdate.run(docId, toBuffer(update), at)
      last.set(docId, Number(info.lastInsertRowid))
      // A command's key commits with its update, or not at all (a crash in between cannot
      // leave the command applied without its answer, or answered without being applied).
      if (answered) idempotency.insert(answered, at)
    }
    return last
  })
  const selectState = sqlite.prepare<[string], { data: Buffer; compacted_through: number }>(
    'SELECT data, compacted_through FROM doc_states WHERE doc_id = ?',
  )
  const selectUpdates = sqlite.prepare<[string, number], { seq: number; data: Buffer }>(
    'SELECT seq, data FROM doc_updates WHERE doc_id = ? AND seq > ? ORDER BY seq',
  )

  return {
    async create(docId, state, at) {
      db.insert(docStates)
        .values({ docId, data: toBuffer(state), compactedThrough: 0, updatedAt: at })
        .run()
    },

    async load(docId): Promise<StoredDoc | null> {
      const read = sqlite.transaction(() => {
        const stateRow = selectState.get(docId)
        const rows = selectUpdates.all(docId, stateRow?.compacted_through ?? 0)
        return { stateRow, rows }
      })
      const { stateRow, rows } = read()
      if (!stateRow && rows.length === 0) return null
      return {
        state: stateRow ? new Uint8Array(stateRow.data) : null,
        updates: rows.map((r) => new Uint8Array(r.data)),
        lastSeq: rows.length > 0 ? rows[rows.length - 1]!.seq : (stateRow?.compacted_through ?? 0),
      }
    },

    async appendBatch(batch, at) {
      if (batch.length === 0) return new Map()
      return appendTx(batch, at)
    },

    async compact(docId, state, throughSeq, at) {
      db.transaction((tx) => {
        tx.insert(docStates)
          .values({ docId, data: toBuffer(state), compactedThrough: throughSeq, updatedAt: at })
          .onConflictDoUpdate({
            target: docStates.docId,
            set: { data: toBuffer(state), compactedThrough: sql`max(${docStates.compactedThrough}, ${throughSeq})`, updatedAt: at },
          })
          .run()
        tx.delete(docUpdates)
          .where(and(eq(docUpdates.docId, docId), lte(docUpdates.seq, throughSeq)))
          .run()
      })
    },

    async delete(docId) {
      db.transaction((tx) => {
        tx.delete(docUpdates).where(eq(docUpdates.docId, docId)).run()
        tx.delete(docStates).where(eq(docStates.docId, docId)).run()
        tx.delete(snapshots).where(eq(snapshots.docId, docId)).run()
      })
    },

    async saveSnapshot(s) {
      db.insert(snapshots)
        .values({
          id: s.id,
          docId: s.docId,
          kind: s.kind,
          label: s.label,
          data: toBuffer(s.state),
          marker: toBuffer(s.marker),
          createdBy: s.createdBy,
          createdAt: s.createdAt,
        })
        .run()
    },

    async listSnapshots(docId): Promise<SnapshotMeta[]> {
      return db
        .select({
          id: snapshots.id,
          docId: snapshots.docId,
          kind: snapshots.kind,
          label: snapshots.label,
          createdBy: snapshots.createdBy,
          createdAt: snapshots.createdAt,
        })
        .from(snapshots)
        .where(eq(snapshots.docId, docId))
        .orderBy(desc(snapshots.createdAt), desc(sql`rowid`))
        .all()
    },

    async getSnapshot(docId, snapshotId): Promise<SnapshotRecord | null> {
      const row = db
        .select()
        .from(snapshots)
        .where(and(eq(snapshots.docId, docId), eq(snapshots.id, snapshotId)))
        .get()
      if (!row) return null
      const { data, marker, ...meta } = row
      return { ...meta, state: new Uint8Array(data), marker: new Uint8Array(marker) }
    },

    async findIdempotency(userId, key) {
      return idempotency.find(userId, key)
    },

    async saveIdempotency(record, at) {
      idempotency.insert(record, at)
    },

    async pruneIdempotency(before) {
      return pruneIdempotencyKeys(db, before)
    },

    async latestSnapshotMarker(docId) {
      const row = db
        .select({ marker: snapshots.marker })
        .from(snapshots)
        .where(eq(snapshots.docId, docId))
        .orderBy(desc(snapshots.createdAt), desc(sql`rowid`))
        .limit(1)
        .get()
      return row ? new Uint8Array(row.marker) : null
    },
  }
}

/** A Buffer view over the same bytes (no copy): better-sqlite3 binds Buffers as BLOBs. */
function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}
