import type { AppendEntry, DocStore, IdempotencyRecord, SnapshotRecord, StoredDoc } from './doc-store'

interface MemoryDoc {
  state: Uint8Array | null
  compactedThrough: number
  updates: { seq: number; update: Uint8Array }[]
  snapshots: SnapshotRecord[]
}

/**
 * A DocStore that keeps everything in memory: for tests of the engine that need a store
 * that can be made to fail, and as the second implementation that keeps the DocStore
 * contract honest. Not durable; never used by the server.
 */
export class MemoryDocStore implements DocStore {
  private readonly docs = new Map<string, MemoryDoc>()
  private seq = 0
  private readonly idempotency = new Map<string, { record: IdempotencyRecord; at: number }>()
  /** When set, the next calls of that method reject with this error (fault injection). */
  readonly failures: Partial<Record<keyof DocStore, Error>> = {}

  private check(method: keyof DocStore): void {
    const error = this.failures[method]
    if (error) throw error
  }

  async create(docId: string, state: Uint8Array): Promise<void> {
    this.check('create')
    if (this.docs.has(docId)) throw new Error(`document ${docId} already exists`)
    this.docs.set(docId, { state: state.slice(), compactedThrough: 0, updates: [], snapshots: [] })
  }

  async load(docId: string): Promise<StoredDoc | null> {
    this.check('load')
    const doc = this.docs.get(docId)
    if (!doc) return null
    const last = doc.updates.at(-1)
    return {
      state: doc.state?.slice() ?? null,
      updates: doc.updates.map((u) => u.update.slice()),
      lastSeq: last ? last.seq : doc.compactedThrough,
    }
  }

  async appendBatch(batch: readonly AppendEntry[], at = 0): Promise<Map<string, number>> {
    this.check('appendBatch')
    const last = new Map<string, number>()
    for (const { docId, update, idempotency } of batch) {
      if (idempotency) this.keep(idempotency, at)
      let doc = this.docs.get(docId)
      if (!doc) {
        doc = { state: null, compactedThrough: 0, updates: [], snapshots: [] }
        this.docs.set(docId, doc)
      }
      const seq = ++this.seq
      doc.updates.push({ seq, update: update.slice() })
      last.set(docId, seq)
    }
    return last
  }

  async compact(docId: string, state: Uint8Array, throughSeq: number): Promise<void> {
    this.check('compact')
    const doc = this.docs.get(docId) ?? { state: null, compactedThrough: 0, updates: [], snapshots: [] }
    doc.state = state.slice()
    doc.compactedThrough = Math.max(doc.compactedThrough, throughSeq)
    doc.updates = doc.updates.filter((u) => u.seq > throughSeq)
    this.docs.set(docId, doc)
  }

  async delete(docId: string): Promise<void> {
    this.check('delete')
    this.docs.delete(docId)
  }

  async saveSnapshot(snapshot: SnapshotRecord): Promise<void> {
    this.check('saveSnapshot')
    const doc = this.docs.get(snapshot.docId)
    if (!doc) throw new Error(`document ${snapshot.docId} does not exist`)
    doc.snapshots.push({ ...snapshot, state: snapshot.state.slice(), marker: snapshot.marker.slice() })
  }

  async listSnapshots(docId: string) {
    this.check('listSnapshots')
    const list = this.docs.get(docId)?.snapshots ?? []
    return list
      .map(({ state: _s, marker: _m, ...meta }) => meta)
      .reverse()
      .sort((a, b) => b.createdAt - a.createdAt)
  }

  async getSnapshot(docId: string, snapshotId: string): Promise<SnapshotRecord | null> {
    this.check('getSnapshot')
    return this.docs.get(docId)?.snapshots.find((s) => s.id === snapshotId) ?? null
  }

  async findIdempotency(userId: string, key: string): Promise<IdempotencyRecord | null> {
    this.check('findIdempotency')
    const found = this.idempotency.get(`${userId}\u0000${key}`)
    return found ? { ...found.record } : null
  }

  async saveIdempotency(record: IdempotencyRecord, at: number): Promise<void> {
    this.check('saveIdempotency')
    this.keep(record, at)
  }

  async pruneIdempotency(before: number): Promise<number> {
    this.check('pruneIdempotency')
    let pruned = 0
    for (const [id, { at }] of this.idempotency) {
      if (at < before && this.idempotency.delete(id)) pruned++
    }
    return pruned
  }

  /** The first answer stored under a key stands. */
  private keep(record: IdempotencyRecord, at: number): void {
    const id = `${record.userId}\u0000${record.key}`
    if (!this.idempotency.has(id)) this.idempotency.set(id, { record: { ...record }, at })
  }

  async latestSnapshotMarker(docId: string): Promise<Uint8Array | null> {
    this.check('latestSnapshotMarker')
    const list = await this.listSnapshots(docId)
    const newest = list[0]
    return newest ? ((await this.getSnapshot(docId, newest.id))?.marker ?? null) : null
  }
}
