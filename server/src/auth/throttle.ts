/**
 * In-memory sliding-window counters for login failures and registrations. One process holds
 * them (the app runs as a single process); a restart forgets them, which is acceptable for
 * slowing down guessing, not a security boundary on its own.
 */
export class SlidingWindowLimiter {
  /** Per key, the times of its most recent events (at most `limit` of them), oldest first. */
  private readonly events = new Map<string, number[]>()

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    /** Bound on remembered keys: an attacker cycling through emails cannot grow memory forever. */
    private readonly maxKeys = 10_000,
  ) {}

  /** Milliseconds until `key` may try again, or 0 when it is under the limit now. */
  retryAfterMs(key: string, now: number): number {
    const times = this.live(key, now)
    if (times.length < this.limit) return 0
    return Math.max(1, (times[0] ?? now) + this.windowMs - now)
  }

  /** Counts one event (a failure, a registration) against `key`. */
  record(key: string, now: number): void {
    const times = this.live(key, now)
    times.push(now)
    if (times.length > this.limit) times.splice(0, times.length - this.limit)
    // Re-insert so the Map's insertion order is least-recently-touched first.
    this.events.delete(key)
    this.events.set(key, times)
    this.evict()
  }

  clear(key: string): void {
    this.events.delete(key)
  }

  get size(): number {
    return this.events.size
  }

  private live(key: string, now: number): number[] {
    const times = this.events.get(key)
    if (!times) return []
    const cutoff = now - this.windowMs
    const live = times.filter((t) => t > cutoff)
    if (live.length === 0) this.events.delete(key)
    return live
  }

  /** Forgets the least recently touched keys until the map is back under its bound. */
  private evict(): void {
    for (const key of this.events.keys()) {
      if (this.events.size <= this.maxKeys) break
      this.events.delete(key)
    }
  }
}

export interface AuthThrottles {
  /** Failed logins, keyed `email:<address>` and `ip:<address>`. */
  loginFailures: SlidingWindowLimiter
  /** Registrations, keyed by client address. */
  registrations: SlidingWindowLimiter
}

export const REGISTRATIONS_PER_HOUR = 20

export function createAuthThrottles(config: { loginMaxFailures: number; loginWindowMs: number }): AuthThrottles {
  return {
    loginFailures: new SlidingWindowLimiter(config.loginMaxFailures, config.loginWindowMs),
    registrations: new SlidingWindowLimiter(REGISTRATIONS_PER_HOUR, 3600_000),
  }
}
