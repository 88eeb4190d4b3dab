import { PlanFencedError, type AppendEntry, type DocStore, type IdempotencyRecord } from './doc-store'

/** Something whose updates the queue persists: a loaded plan. */
export interface QueueClient {
  readonly planId: string
  /** Called once the client's queued updates (in order) are durable; `lastSeq` is the last one's seq. */
  persisted(updates: readonly QueuedUpdate[], lastSeq: number): void
  /** Called when the append failed: none of `updates` is durable. */
  persistFailed(updates: readonly QueuedUpdate[], error: unknown): void
}

export interface QueuedUpdate {
  update: Uint8Array
  /** Opaque to the queue; the room uses it to decide who receives the update. */
  origin: unknown
  /** A governance command's key and answer, appended in the same transaction as `update`. */
  idempotency?: IdempotencyRecord
}

/**
 * A transaction origin that carries a command's idempotency answer (collab/commands/run.ts
 * fills `answered` inside the command's transaction, before Yjs emits its update).
 */
export interface AnsweringOrigin {
  readonly idempotency?: { answered?: IdempotencyRecord }
}

/**
 * Collects the updates of every plan that arrive within one turn of the event loop and
 * appends them in a single transaction (one commit, not one per update), then hands each
 * plan its own updates back so they can be broadcast. Flushes are strictly sequential, so
 * updates reach storage and listeners in the order they were queued.
 */
export class WriteQueue {
  private queued: { client: QueueClient; entry: QueuedUpdate }[] = []
  private scheduled = false
  private chain: Promise<void> = Promise.resolve()
  /** Bytes appended so far (for write-amplification figures). */
  bytesAppended = 0
  updatesAppended = 0
  batches = 0

  constructor(
    private readonly store: DocStore,
    private readonly now: () => number,
    /** A failing listener is reported here; it must not break the chain of flushes. */
    private readonly onListenerError: (error: unknown) => void,
  ) {}

  enqueue(client: QueueClient, entry: QueuedUpdate): void {
    this.queued.push({ client, entry })
    if (!this.scheduled) {
      this.scheduled = true
      // setImmediate runs after the I/O phase: every message read in this turn is batched.
      setImmediate(() => void this.flush())
    }
  }

  /** Persists everything queued so far; resolves when it (and every earlier flush) is done. */
  flush(): Promise<void> {
    this.scheduled = false
    const batch = this.queued
    this.queued = []
    if (batch.length === 0) return this.chain
    this.chain = this.chain.then(() => this.write(batch))
    return this.chain
  }

  private async write(batch: { client: QueueClient; entry: QueuedUpdate }[]): Promise<void> {
    const byClient = new Map<QueueClient, QueuedUpdate[]>()
    const rows: AppendEntry[] = []
    let bytes = 0
    for (const { client, entry } of batch) {
      let list = byClient.get(client)
      if (!list) byClient.set(client, (list = []))
      list.push(entry)
      rows.push(
        entry.idempotency
          ? { docId: client.planId, update: entry.update, idempotency: entry.idempotency }
          : { docId: client.planId, update: entry.update },
      )
      bytes += entry.update.byteLength
    }
    let lastSeqs: Map<string, number>
    try {
      lastSeqs = await this.store.appendBatch(rows, this.now())
    } catch (error) {
      for (const [client, updates] of byClient) this.safely(() => client.persistFailed(updates, error))
      return
    }
    this.bytesAppended += bytes
    this.updatesAppended += rows.length
    this.batches++
    for (const [client, updates] of byClient) {
      const lastSeq = lastSeqs.get(client.planId)
      // Left out by a fencing store: another process owns the plan now; nothing of it was stored.
      if (lastSeq === undefined) this.safely(() => client.persistFailed(updates, new PlanFencedError(client.planId)))
      else this.safely(() => client.persisted(updates, lastSeq))
    }
  }

  private safely(fn: () => void): void {
    try {
      fn()
    } catch (error) {
      this.onListenerError(error)
    }
  }
}
