/**
 * Fan-out of durable updates between server processes that share plans (a Redis pub/sub
 * implementation can sit behind this later). This process publishes each update after it
 * is stored and broadcast here; updates from other processes arrive already stored, so
 * they are applied and broadcast to local sockets but never stored again.
 *
 * Limits to lift before running several processes per plan: compaction assumes one writer
 * per plan (shard plans by id across processes, as the Hocuspocus maintainers advise, or
 * take a per-plan lease before compacting), and presence is not shared. Pub/sub that does
 * not guarantee delivery is fine for content: a client's sync step resends what a process
 * lacks, and storage holds everything.
 */
export interface PlanBus {
  /** Announces an update this process has made durable. */
  publish(planId: string, update: Uint8Array): void
  /** Receives updates other processes made durable. Returns the unsubscribe function. */
  subscribe(planId: string, onUpdate: (update: Uint8Array) => void): () => void
}

/** One process: nothing to share. */
export const singleProcessBus: PlanBus = {
  publish() {},
  subscribe() {
    return () => {}
  },
}
