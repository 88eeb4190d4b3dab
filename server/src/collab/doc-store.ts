import type { StoredIdempotency } from '../db/idempotency'
import type { SnapshotKind } from '@hononga/shared'

/**
 * Durable storage of plan documents, behind an interface so a PostgreSQL store can be added
 * without touching the sync engine. Only the SQLite implementation imports drizzle.
 *
 * A document is a compacted state (one Yjs update) plus the updates appended since, each
 * with a sequence number that increases with every append. The engine's guarantee rests on
 * two properties every implementation must have (see doc-store.contract.ts):
 * - `appendBatch` is atomic and durable when its promise resolves: nothing is broadcast
 *   before that;
 * - `compact` atomically replaces the state and drops exactly the updates it folded in.
 */
export interface DocStore {
  /** Stores the first state of a new document. Fails if the document already exists. */
  create(docId: string, state: Uint8Array, at: number): Promise<void>
  /** Everything stored for a document, or null if it does not exist. */
  load(docId: string): Promise<StoredDoc | null>
  /**
   * Appends updates to one or more documents in one transaction, in the given order.
   * Resolves with the sequence number of the last update appended for each document.
   * A store that fences (PostgreSQL, where several processes share storage) leaves out of
   * the map every document this process no longer owns: none of that document's updates
   * was stored, and the others in the batch were.
   */
  appendBatch(batch: readonly AppendEntry[], at: number): Promise<Map<string, number>>
  /**
   * Replaces the document's state with `state`, which must contain every update with
   * `seq <= throughSeq`, and deletes those updates, atomically.
   */
  compact(docId: string, state: Uint8Array, throughSeq: number, at: number): Promise<void>
  /** Removes a document, its updates and its snapshots. */
  delete(docId: string): Promise<void>

  saveSnapshot(snapshot: SnapshotRecord): Promise<void>
  /** Newest first. */
  listSnapshots(docId: string): Promise<SnapshotMeta[]>
  getSnapshot(docId: string, snapshotId: string): Promise<SnapshotRecord | null>
  /** The most recent snapshot's marker, to skip a snapshot when nothing changed. */
  latestSnapshotMarker(docId: string): Promise<Uint8Array | null>

  /**
   * Idempotency keys of governance commands (collab/commands/run.ts). A command that changed
   * the document stores its key through `appendBatch` (AppendEntry.idempotency), in the same
   * transaction as the update; one that changed nothing stores it here.
   */
  findIdempotency(userId: string, key: string): Promise<IdempotencyRecord | null>
  /** Stores a key and its answer; a key already stored is kept as it is. */
  saveIdempotency(record: IdempotencyRecord, at: number): Promise<void>
  /** Deletes keys stored before `before` (ms); resolves with how many went. */
  pruneIdempotency(before: number): Promise<number>
}

/**
 * This process no longer owns the plan (its lease was taken over, or it was asked to hand
 * the plan over): storage refused to write it. Nothing of it was stored.
 */
export class PlanFencedError extends Error {
  constructor(readonly docId: string) {
    super(`plan ${docId} is owned by another process`)
    this.name = 'PlanFencedError'
  }
}

/** A governance command's answer, kept under the caller's Idempotency-Key (the row type is db's). */
export type IdempotencyRecord = StoredIdempotency

export interface StoredDoc {
  /** The compacted state, or null if the document has only updates. */
  state: Uint8Array | null
  /** Updates appended after the state, oldest first. */
  updates: Uint8Array[]
  /** Sequence number of the last update (or of the last one folded into the state). */
  lastSeq: number
}

export interface AppendEntry {
  docId: string
  update: Uint8Array
  /** A command's key and answer, stored in the same transaction as its update. */
  idempotency?: IdempotencyRecord
}

export interface SnapshotMeta {
  id: string
  docId: string
  kind: SnapshotKind
  label: string
  createdBy: string | null
  createdAt: number
}

export interface SnapshotRecord extends SnapshotMeta {
  /** Full document state as one Yjs update. */
  state: Uint8Array
  /** Y.encodeSnapshot (state vector + delete set) of that state. */
  marker: Uint8Array
}
