import { and, asc, desc, eq, exists, gt, inArray, isNotNull, lt, sql } from 'drizzle-orm'
import type { AuditRow } from '../../db/audit'
import { newId } from '../../db/ids'
import { auditLog, idempotencyKeys, members, plans, quarantinedUpdates, snapshots, users } from '../../db/pg/schema'
import type { QuarantinedRow } from '../../db/quarantine'
import type { AuditRepo, IdempotencyRepo, QuarantineRepo, QuotaRepo } from '../types'
import type { PgExecutor } from './executor'

/** The audit log on PostgreSQL: mirrors db/audit.ts (recordAudit, listAudit). */
export function pgAudit(db: PgExecutor): AuditRepo {
  return {
    async recordAudit(input) {
      await db.insert(auditLog).values({
        planId: input.planId,
        actorId: input.actorId,
        event: input.event,
        details: JSON.stringify(input.details),
        createdAt: input.at,
      })
    },

    async listAudit(planId, page): Promise<AuditRow[]> {
      const condition =
        page.before === undefined ? eq(auditLog.planId, planId) : and(eq(auditLog.planId, planId), lt(auditLog.id, page.before))
      return db
        .select({
          id: auditLog.id,
          event: auditLog.event,
          actorId: auditLog.actorId,
          actorName: users.name,
          details: auditLog.details,
          createdAt: auditLog.createdAt,
        })
        .from(auditLog)
        .leftJoin(users, eq(users.id, auditLog.actorId))
        .where(condition)
        .orderBy(desc(auditLog.id))
        .limit(page.limit)
    },
  }
}

/** Quarantined bytes on PostgreSQL: mirrors db/quarantine.ts (quarantineUpdate, listQuarantined). */
export function pgQuarantine(db: PgExecutor): QuarantineRepo {
  return {
    async quarantineUpdate(input) {
      const id = newId()
      await db.insert(quarantinedUpdates).values({
        id,
        docId: input.docId,
        userId: input.userId,
        reason: input.reason,
        data: Buffer.from(input.data.buffer, input.data.byteOffset, input.data.byteLength),
        createdAt: input.at,
      })
      return id
    },

    async listQuarantined(docId): Promise<QuarantinedRow[]> {
      return db
        .select({
          id: quarantinedUpdates.id,
          docId: quarantinedUpdates.docId,
          userId: quarantinedUpdates.userId,
          reason: quarantinedUpdates.reason,
          // The size is measured in the database, so the bytes themselves never cross the wire.
          bytes: sql<number>`octet_length(${quarantinedUpdates.data})`.mapWith(Number),
          createdAt: quarantinedUpdates.createdAt,
        })
        .from(quarantinedUpdates)
        .where(eq(quarantinedUpdates.docId, docId))
        .orderBy(desc(quarantinedUpdates.createdAt))
    },
  }
}

/** Per-person quotas on PostgreSQL: mirrors db/quota.ts (quotaUsage). */
export function pgQuota(db: PgExecutor): QuotaRepo {
  return {
    async quotaUsage(quota, userId, since) {
      switch (quota) {
        case 'plans': {
          const rows = await db
            .select({ at: plans.createdAt })
            .from(plans)
            .where(and(eq(plans.createdBy, userId), gt(plans.createdAt, since)))
            .orderBy(asc(plans.createdAt))
          return rows.map((row) => row.at)
        }
        case 'imports': {
          const rows = await db
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
                        // `details` is TEXT holding JSON; as with SQLite's json_extract, a JSON null counts as absent.
                        isNotNull(sql`(${auditLog.details}::jsonb ->> 'importedFrom')`),
                      ),
                    ),
                ),
              ),
            )
            .orderBy(asc(plans.createdAt))
          return rows.map((row) => row.at)
        }
        case 'snapshots': {
          const myPlans = db.select({ id: members.planId }).from(members).where(eq(members.userId, userId))
          const rows = await db
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
          return rows.map((row) => row.at)
        }
      }
    },
  }
}

/** Idempotency keys on PostgreSQL: mirrors db/idempotency.ts (pruneIdempotencyKeys). */
export function pgIdempotency(db: PgExecutor): IdempotencyRepo {
  return {
    async pruneIdempotencyKeys(before) {
      const result = await db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, before))
      return result.rowCount ?? 0
    },
  }
}
