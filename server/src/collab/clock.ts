/**
 * The one clock of the sync engine's policies (compaction, automatic snapshots, derived
 * tables, unloading idle plans): what time it is and when to run something later. Injected
 * from the composition root (server.ts), so that a test can move time by hand
 * (collab/testing/manual-clock.ts) instead of waiting for it.
 *
 * The pacing of presence and broadcasts in room.ts keeps `performance.now()` and the
 * runtime's timers: those are measured costs of the event loop (how long a broadcast took),
 * not policy a test needs to drive.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number
  /** Runs `run` once after `ms`; returns what cancels it. A pending timer never keeps the process alive. */
  after(ms: number, run: () => void): () => void
}

/** The real clock: `Date.now()` and unreferenced timers. */
export const systemClock: Clock = {
  now: () => Date.now(),
  after(ms, run) {
    const timer = setTimeout(run, ms).unref()
    return () => clearTimeout(timer)
  },
}

/**
 * A timer slot that holds at most one pending timer: `set` replaces it, `clear` cancels it,
 * and `pending` says whether one waits.
 */
export class TimerSlot {
  private cancel: (() => void) | undefined

  constructor(private readonly clock: Clock) {}

  get pending(): boolean {
    return this.cancel !== undefined
  }

  /** Runs `run` after `ms`, cancelling the timer that was pending. */
  set(ms: number, run: () => void): void {
    this.clear()
    const cancel = this.clock.after(ms, () => {
      if (this.cancel === cancel) this.cancel = undefined
      run()
    })
    this.cancel = cancel
  }

  clear(): void {
    const cancel = this.cancel
    this.cancel = undefined
    cancel?.()
  }
}
