import { desc, eq, lt } from 'drizzle-orm'
import { accessConditions, accessValues, type AccessRow } from '../../db/access-log'
import { accessEvents, users } from '../../db/pg/schema'
import type { AccessRepo } from '../types'
import type { PgExecutor } from './executor'

/** The access log on PostgreSQL: mirrors db/access-log.ts (recordAccess, listAccess, pruneAccess). */
export function pgAccess(db: PgExecutor): AccessRepo {
  return {
    async recordAccess(entry) {
      // NULL open_day (every kind but an opening) is distinct in a PostgreSQL unique index too: only openings coalesce.
      const result = await db.insert(accessEvents).values(accessValues(entry)).onConflictDoNothing()
      return (result.rowCount ?? 0) > 0
    },

    async listAccess(planId, filter): Promise<AccessRow[]> {
      return db
        .select({
          id: accessEvents.id,
          kind: accessEvents.kind,
          userId: accessEvents.userId,
          userName: users.name,
          affiliation: accessEvents.affiliation,
          organisation: accessEvents.organisation,
          details: accessEvents.details,
          createdAt: accessEvents.createdAt,
        })
        .from(accessEvents)
        .leftJoin(users, eq(users.id, accessEvents.userId))
        .where(accessConditions(accessEvents, planId, filter))
        .orderBy(desc(accessEvents.id))
        .limit(filter.limit)
    },

    async pruneAccess(before) {
      const result = await db.delete(accessEvents).where(lt(accessEvents.createdAt, before))
      return result.rowCount ?? 0
    },
  }
}
