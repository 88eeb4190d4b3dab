import type { Clock } from '../clock'

/**
 * A clock a test moves by hand: `now()` stands still until `advance`, which runs, in time
 * order, every timer that falls due (timers those set included).
 */
export class ManualClock implements Clock {
  private timers: { at: number; seq: number; run: () => void }[] = []
  private seq = 0

  constructor(private time = Date.UTC(2026, 0, 1)) {}

  now(): number {
    return this.time
  }

  after(ms: number, run: () => void): () => void {
    const timer = { at: this.time + Math.max(0, ms), seq: this.seq++, run }
    this.timers.push(timer)
    return () => {
      this.timers = this.timers.filter((t) => t !== timer)
    }
  }

  /** Timers waiting. */
  get pending(): number {
    return this.timers.length
  }

  /** Moves time on by `ms`, running each timer due on the way at its own time. */
  advance(ms: number): void {
    const end = this.time + ms
    for (let i = 0; i < 10_000; i++) {
      const next = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at || a.seq - b.seq)[0]
      if (!next) break
      this.timers = this.timers.filter((t) => t !== next)
      this.time = next.at
      next.run()
    }
    this.time = end
  }
}
