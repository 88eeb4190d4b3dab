/**
 * Which process serves a plan. One process owns a plan at a time: it alone loads it, checks
 * and stores its edits, and broadcasts them. With SQLite there is one process, which owns
 * every plan (`soleOwner`); with PostgreSQL a lease per plan decides (collab/pg-ownership.ts).
 */
export interface PlanOwnership {
  /**
   * Becomes the plan's owner before it is loaded. Rejects with PlanElsewhereError while a
   * live process owns it (having asked that process to hand it over).
   */
  acquire(planId: string): Promise<void>
  /** Gives the plan up once it left memory with everything stored. */
  release(planId: string): Promise<void>
  /** Receives plans this process must stop serving: lost to another process, or asked for by one. */
  listen(listener: OwnershipListener): void
  /** Whether another process holds an unexpired lease on the plan (reads then go to storage, not to a takeover). */
  servedElsewhere(planId: string): Promise<boolean>
}

export interface OwnershipListener {
  /** The lease was taken over (this process was paused or cut off): drop the plan at once; nothing more of it can be stored. */
  lost(planId: string): void
  /** Another process was sent the plan by the load balancer: store what is pending, then let go. */
  handOver(planId: string): Promise<void>
}

/** Another process owns the plan; clients retry (HTTP 503 with Retry-After, sockets 4500). */
export class PlanElsewhereError extends Error {
  constructor(
    readonly planId: string,
    readonly owner: string,
  ) {
    super(`plan ${planId} is served by another process (${owner})`)
    this.name = 'PlanElsewhereError'
  }
}

/** One process on SQLite: it owns every plan, and nobody asks for one. */
export const soleOwner: PlanOwnership = {
  async acquire() {},
  async release() {},
  listen() {},
  async servedElsewhere() {
    return false
  },
}
