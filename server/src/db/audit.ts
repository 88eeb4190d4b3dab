import { and, desc, eq, lt } from 'drizzle-orm'
import type { AuditEventType } from '@hononga/shared'
import type { DbExecutor } from './executor'
import { auditLog, users } from './schema'

export interface AuditInput {
  planId: string
  /** Who did it; null for the server itself. */
  actorId: string | null
  event: AuditEventType
  /** A JSON-serialisable object. Never put secrets (whole invite codes, tokens) here: every member reads it. */
  details: Record<string, unknown>
  /** Milliseconds since the epoch. */
  at: number
}

/**
 * Appends one event to a plan's audit log: who changed membership, invites and snapshots,
 * and when. Partners read it to see who agreed to what. Pass a transaction to record the
 * event atomically with the change it describes.
 */
export function recordAudit(db: DbExecutor, input: AuditInput): void {
  db.insert(auditLog)
    .values({
      planId: input.planId,
      actorId: input.actorId,
      event: input.event,
      details: JSON.stringify(input.details),
      createdAt: input.at,
    })
    .run()
}

export interface AuditRow {
  id: number
  event: string
  actorId: string | null
  actorName: string | null
  details: string
  createdAt: number
}

/** A page of a plan's audit log, newest first; `before` is the id of the last event already seen. */
export function listAudit(db: DbExecutor, planId: string, page: { before?: number; limit: number }): AuditRow[] {
  const condition = page.before === undefined ? eq(auditLog.planId, planId) : and(eq(auditLog.planId, planId), lt(auditLog.id, page.before))
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
    .all()
}
