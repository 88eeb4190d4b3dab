import { and, desc, eq, gt, inArray, lte, notInArray, sql } from 'drizzle-orm'
import type { DbExecutor } from './executor'
import { preparedQuery } from './prepared'
import { throttleEvents } from './schema'

/** The limits kept in `throttle_events`, one name per limit. */
export type ThrottleBucket = 'login_failure' | 'registration' | 'join_failure' | 'password_reset' | 'verify_resend'

/**
 * Expired rows (of any bucket) removed by each `record`: bounded, so one write never stalls on
 * a backlog, and more than the one row it adds, so dead rows cannot pile up while anything is
 * being counted at all.
 */
export const THROTTLE_PRUNE_BATCH = 100

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

/** Times of a key's events after `cutoff`, newest first, at most `limit` of them. */
export function recentThrottleEvents(db: DbExecutor, bucket: ThrottleBucket, keyHash: string, cutoff: number, limit: number): number[] {
  return selectRecent(db)
    .all({ bucket, keyHash, cutoff, limit })
    .map((row) => row.at)
}

/**
 * Counts one event against a key, which keeps at most its newest `keep` events (older ones no
 * longer decide anything); up to THROTTLE_PRUNE_BATCH expired rows of any bucket go with the
 * same write.
 */
export function recordThrottleEvent(
  db: DbExecutor,
  event: { bucket: ThrottleBucket; keyHash: string; at: number; expiresAt: number; keep: number },
): void {
  const { bucket, keyHash, at, expiresAt, keep } = event
  db.transaction((tx) => {
    tx.insert(throttleEvents).values({ bucket, keyHash, at, expiresAt }).run()
    const kept = tx
      .select({ id: throttleEvents.id })
      .from(throttleEvents)
      .where(and(eq(throttleEvents.bucket, bucket), eq(throttleEvents.keyHash, keyHash)))
      .orderBy(desc(throttleEvents.at), desc(throttleEvents.id))
      .limit(keep)
    tx.delete(throttleEvents)
      .where(and(eq(throttleEvents.bucket, bucket), eq(throttleEvents.keyHash, keyHash), notInArray(throttleEvents.id, kept)))
      .run()
    const expired = tx
      .select({ id: throttleEvents.id })
      .from(throttleEvents)
      .where(lte(throttleEvents.expiresAt, at))
      .limit(THROTTLE_PRUNE_BATCH)
    tx.delete(throttleEvents).where(inArray(throttleEvents.id, expired)).run()
  })
}

/** Forgets every event of a key (a successful sign-in clears that email's failures). */
export function clearThrottleKey(db: DbExecutor, bucket: ThrottleBucket, keyHash: string): void {
  db.delete(throttleEvents)
    .where(and(eq(throttleEvents.bucket, bucket), eq(throttleEvents.keyHash, keyHash)))
    .run()
}
