import { and, desc, eq, gt, inArray, lte, notInArray } from 'drizzle-orm'
import { throttleEvents } from '../../db/pg/schema'
import { THROTTLE_PRUNE_BATCH } from '../../db/throttles'
import type { ThrottlesRepo } from '../types'
import type { PgExecutor } from './executor'

/** Login, registration and join-code throttles on PostgreSQL: mirrors db/throttles.ts. */
export function pgThrottles(db: PgExecutor): ThrottlesRepo {
  return {
    async recentThrottleEvents(bucket, keyHash, cutoff, limit) {
      const rows = await db
        .select({ at: throttleEvents.at })
        .from(throttleEvents)
        .where(and(eq(throttleEvents.bucket, bucket), eq(throttleEvents.keyHash, keyHash), gt(throttleEvents.at, cutoff)))
        // `id` (an identity column, as SQLite's rowid) breaks ties between events of the same millisecond.
        .orderBy(desc(throttleEvents.at), desc(throttleEvents.id))
        .limit(limit)
      return rows.map((row) => row.at)
    },

    async recordThrottleEvent({ bucket, keyHash, at, expiresAt, keep }) {
      // A SAVEPOINT when `db` is already a transaction.
      await db.transaction(async (tx) => {
        await tx.insert(throttleEvents).values({ bucket, keyHash, at, expiresAt })
        const kept = tx
          .select({ id: throttleEvents.id })
          .from(throttleEvents)
          .where(and(eq(throttleEvents.bucket, bucket), eq(throttleEvents.keyHash, keyHash)))
          .orderBy(desc(throttleEvents.at), desc(throttleEvents.id))
          .limit(keep)
        await tx
          .delete(throttleEvents)
          .where(and(eq(throttleEvents.bucket, bucket), eq(throttleEvents.keyHash, keyHash), notInArray(throttleEvents.id, kept)))
        // SKIP LOCKED: processes pruning at once skip the rows another is deleting instead of
        // waiting on them (or deadlocking with it).
        const expired = tx
          .select({ id: throttleEvents.id })
          .from(throttleEvents)
          .where(lte(throttleEvents.expiresAt, at))
          .limit(THROTTLE_PRUNE_BATCH)
          .for('update', { skipLocked: true })
        await tx.delete(throttleEvents).where(inArray(throttleEvents.id, expired))
      })
    },

    async clearThrottleKey(bucket, keyHash) {
      await db.delete(throttleEvents).where(and(eq(throttleEvents.bucket, bucket), eq(throttleEvents.keyHash, keyHash)))
    },
  }
}
