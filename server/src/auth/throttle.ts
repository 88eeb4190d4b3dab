import crypto from 'node:crypto'
import { and, desc, eq, gt, inArray, lte, notInArray, sql } from 'drizzle-orm'
import type { DbExecutor } from '../db/executor'
import { preparedQuery } from '../db/prepared'
import { throttleEvents } from '../db/schema'

/** The limits kept in `throttle_events`, one name per limit. */
export type ThrottleBucket = 'login_failure' | 'registration' | 'join_failure'

/**
 * Expired rows (of any bucket) removed by each `record`: bounded, so one write never stalls on
 * a backlog, and more than the one row it adds, so dead rows cannot pile up while anything is
 * being counted at all.
 */
export const THROTTLE_PRUNE_BATCH = 100

/**
 * What the database keeps of a throttle key: its SHA-256, so the table holds no email or
 * network address in the clear (it is only ever looked up by the same key, never listed).
 */
export function hashThrottleKey(key: string): string {
  return crypto.createHash('sha256').update(key).digest('hex')
}

const selectRecent = preparedQuery((db) =>
  db
    .select({ at: throttleEvents.at })
    .from(throttleEvents)
    .where(
      and(
        eq(throttleEvents.bucket, sql.placeholder('bucket')),
        eq(throttleEvents.keyHash, sql.placeholder('keyHash')),
        gt(throttleEvents.at, sql.placeholder('cutoff')),
      ),
    )
    .orderBy(desc(throttleEvents.at), desc(throttleEvents.id))
    .limit(sql.placeholder('limit'))
    .prepare(),
)

/**
 * Sliding-window counters kept in SQLite (`throttle_events`), for failed logins,
 * registrations and failed join codes. Every process on the database shares them, and a
 * restart keeps them: they slow guessing down, they are not a security boundary on their own.
 * Checking and recording are separate steps (the password check runs between them), so a
 * burst of concurrent requests can each pass the check before any is recorded, as before.
 */
export class SlidingWindowLimiter {
  constructor(
    private readonly db: DbExecutor,
    private readonly bucket: ThrottleBucket,
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Milliseconds until `key` may try again, or 0 when it is under the limit now. */
  retryAfterMs(key: string, now: number): number {
    const times = this.recent(hashThrottleKey(key), now)
    if (times.length < this.limit) return 0
    // `times` is newest first: the oldest of the last `limit` events decides when one leaves the window.
    return Math.max(1, (times[times.length - 1] ?? now) + this.windowMs - now)
  }

  /**
   * Counts one event (a failure, a registration) against `key`. The key keeps at most its
   * newest `limit` events (older ones no longer decide anything), and up to
   * THROTTLE_PRUNE_BATCH expired rows of any bucket go with the same write.
   */
  record(key: string, now: number): void {
    const keyHash = hashThrottleKey(key)
    const { bucket } = this
    this.db.transaction((tx) => {
      tx.insert(throttleEvents)
        .values({ bucket, keyHash, at: now, expiresAt: now + this.windowMs })
        .run()
      const kept = tx
        .select({ id: throttleEvents.id })
        .from(throttleEvents)
        .where(and(eq(throttleEvents.bucket, bucket), eq(throttleEvents.keyHash, keyHash)))
        .orderBy(desc(throttleEvents.at), desc(throttleEvents.id))
        .limit(this.limit)
      tx.delete(throttleEvents)
        .where(and(eq(throttleEvents.bucket, bucket), eq(throttleEvents.keyHash, keyHash), notInArray(throttleEvents.id, kept)))
        .run()
      const expired = tx
        .select({ id: throttleEvents.id })
        .from(throttleEvents)
        .where(lte(throttleEvents.expiresAt, now))
        .limit(THROTTLE_PRUNE_BATCH)
      tx.delete(throttleEvents).where(inArray(throttleEvents.id, expired)).run()
    })
  }

  /** Forgets every event of `key` (a successful sign-in clears that email's failures). */
  clear(key: string): void {
    this.db
      .delete(throttleEvents)
      .where(and(eq(throttleEvents.bucket, this.bucket), eq(throttleEvents.keyHash, hashThrottleKey(key))))
      .run()
  }

  /** Times of the key's events still in the window, newest first, at most `limit` of them. */
  private recent(keyHash: string, now: number): number[] {
    const rows = selectRecent(this.db).all({ bucket: this.bucket, keyHash, cutoff: now - this.windowMs, limit: this.limit })
    return rows.map((row) => row.at)
  }
}

export interface AuthThrottles {
  /** Failed logins, keyed `email:<address>` and `ip:<address>`. */
  loginFailures: SlidingWindowLimiter
  /** Registrations, keyed by client address. */
  registrations: SlidingWindowLimiter
}

export const REGISTRATIONS_PER_HOUR = 20

/** The sign-in and registration limits, counted in `db` so every process on it shares them. */
export function createAuthThrottles(db: DbExecutor, config: { loginMaxFailures: number; loginWindowMs: number }): AuthThrottles {
  return {
    loginFailures: new SlidingWindowLimiter(db, 'login_failure', config.loginMaxFailures, config.loginWindowMs),
    registrations: new SlidingWindowLimiter(db, 'registration', REGISTRATIONS_PER_HOUR, 3600_000),
  }
}

/** The join-code guessing limit: failed lookups per address (JOIN_MAX_FAILURES per JOIN_WINDOW_MS). */
export function createJoinThrottle(db: DbExecutor, config: { joinMaxFailures: number; joinWindowMs: number }): SlidingWindowLimiter {
  return new SlidingWindowLimiter(db, 'join_failure', config.joinMaxFailures, config.joinWindowMs)
}
