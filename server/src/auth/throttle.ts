import crypto from 'node:crypto'
import type { ThrottleBucket } from '../db/throttles'
import type { ThrottlesRepo } from '../repos/types'

export { THROTTLE_PRUNE_BATCH, type ThrottleBucket } from '../db/throttles'

/**
 * What the database keeps of a throttle key: its SHA-256, so the table holds no email or
 * network address in the clear (it is only ever looked up by the same key, never listed).
 */
export function hashThrottleKey(key: string): string {
  return crypto.createHash('sha256').update(key).digest('hex')
}

/**
 * Sliding-window counters kept in the database (`throttle_events`), for failed logins,
 * registrations and failed join codes. Every process on the database shares them, and a
 * restart keeps them: they slow guessing down, they are not a security boundary on their own.
 * Checking and recording are separate steps (the password check runs between them), so a
 * burst of concurrent requests can each pass the check before any is recorded, as before.
 */
export class SlidingWindowLimiter {
  constructor(
    private readonly throttles: ThrottlesRepo,
    private readonly bucket: ThrottleBucket,
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Milliseconds until `key` may try again, or 0 when it is under the limit now. */
  async retryAfterMs(key: string, now: number): Promise<number> {
    const times = await this.throttles.recentThrottleEvents(this.bucket, hashThrottleKey(key), now - this.windowMs, this.limit)
    if (times.length < this.limit) return 0
    // `times` is newest first: the oldest of the last `limit` events decides when one leaves the window.
    return Math.max(1, (times[times.length - 1] ?? now) + this.windowMs - now)
  }

  /** Counts one event (a failure, a registration) against `key`; the key keeps its newest `limit` events. */
  async record(key: string, now: number): Promise<void> {
    await this.throttles.recordThrottleEvent({
      bucket: this.bucket,
      keyHash: hashThrottleKey(key),
      at: now,
      expiresAt: now + this.windowMs,
      keep: this.limit,
    })
  }

  /** Forgets every event of `key` (a successful sign-in clears that email's failures). */
  async clear(key: string): Promise<void> {
    await this.throttles.clearThrottleKey(this.bucket, hashThrottleKey(key))
  }
}

export interface AuthThrottles {
  /** Failed logins, keyed `email:<address>` and `ip:<address>`. */
  loginFailures: SlidingWindowLimiter
  /** Registrations, keyed by client address. */
  registrations: SlidingWindowLimiter
}

export const REGISTRATIONS_PER_HOUR = 20

/** The sign-in and registration limits, counted in the database so every process on it shares them. */
export function createAuthThrottles(throttles: ThrottlesRepo, config: { loginMaxFailures: number; loginWindowMs: number }): AuthThrottles {
  return {
    loginFailures: new SlidingWindowLimiter(throttles, 'login_failure', config.loginMaxFailures, config.loginWindowMs),
    registrations: new SlidingWindowLimiter(throttles, 'registration', REGISTRATIONS_PER_HOUR, 3600_000),
  }
}

/** The join-code guessing limit: failed lookups per address (JOIN_MAX_FAILURES per JOIN_WINDOW_MS). */
export function createJoinThrottle(
  throttles: ThrottlesRepo,
  config: { joinMaxFailures: number; joinWindowMs: number },
): SlidingWindowLimiter {
  return new SlidingWindowLimiter(throttles, 'join_failure', config.joinMaxFailures, config.joinWindowMs)
}
