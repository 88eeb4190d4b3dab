import { and, asc, eq, exists, gt, inArray, isNotNull, sql } from 'drizzle-orm'
import type { DbExecutor } from './executor'
import { auditLog, members, plans, snapshots } from './schema'

/**
 * What a person made recently, counted from the tables that already record it (no counter
 * table to keep in step): the plans they created, the ones of those that were imports (their
 * `plan.created` audit event names `importedFrom`), and the named snapshots they took.
 */
export type QuotaName = 'plans' | 'imports' | 'snapshots'

/**
 * Creation times (ms) of the rows that count against `userId`'s quota after `since`, oldest
 * first.
 *
 * Snapshots are found through the snapshot index (plan, time) of the plans the person
 * belongs to, never by scanning the table: a snapshot row holds a whole plan, and the
 * columns after it (`created_by`) cost reading past it.
 */
export function quotaUsage(db: DbExecutor, quota: QuotaName, userId: string, since: number): number[] {
  switch (quota) {
    case 'plans':
      return db
        .select({ at: plans.createdAt })
        .from(plans)
        .where(and(eq(plans.createdBy, userId), gt(plans.createdAt, since)))
        .orderBy(asc(plans.createdAt))
        .all()
        .map((row) => row.at)
    case 'imports':
      // Plans first (few rows, none large), then each one's audit events by the plan index.
      return db
        .select({ at: plans.createdAt })
        .from(plans)
        .where(
          and(
            eq(plans.createdBy, userId),
            gt(plans.createdAt, since),
            exists(
              db
                .select({ one: sql`1` })
                .from(auditLog)
                .where(
                  and(
                    eq(auditLog.planId, plans.id),
                    eq(auditLog.event, 'plan.created'),
                    isNotNull(sql`json_extract(${auditLog.details}, '$.importedFrom')`),
                  ),
                ),
            ),
          ),
        )
        .orderBy(asc(plans.createdAt))
        .all()
        .map((row) => row.at)
    case 'snapshots': {
      const myPlans = db.select({ id: members.planId }).from(members).where(eq(members.userId, userId))
      return db
        .select({ at: snapshots.createdAt })
        .from(snapshots)
        .where(
          and(
            inArray(snapshots.docId, myPlans),
            gt(snapshots.createdAt, since),
            eq(snapshots.kind, 'named'),
            eq(snapshots.createdBy, userId),
          ),
        )
        .orderBy(asc(snapshots.createdAt))
        .all()
        .map((row) => row.at)
    }
  }
}
