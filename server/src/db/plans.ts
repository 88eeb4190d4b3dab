import { and, desc, eq, isNull, lte, sql } from 'drizzle-orm'
import type { Affiliation, Role } from '@hononga/shared'
import type { DbExecutor } from './executor'
import { preparedQuery } from './prepared'
import { idempotencyKeys, invites, joinCodes, joinRequests, members, plans, quarantinedUpdates, trackedActions, wsTickets } from './schema'

/** A plan as one member sees it in a listing: the plan's row plus their own membership. */
export interface PlanForMember {
  id: string
  title: string
  community: string
  district: string | null
  role: Role
  affiliation: Affiliation
  organisation: string | null
  /** They speak for their partner in this plan. */
  speaksFor: boolean
  createdAt: number
  updatedAt: number
  memberCount: number
  /** Archived (read-only, hidden from the default list) since; null while in use. */
  archivedAt: number | null
  /** A facilitator deleted it then; null unless a deletion is pending. */
  deletedAt: number | null
  /** When the pending deletion removes the plan's content. */
  purgeAt: number | null
}

export function insertPlan(
  db: DbExecutor,
  plan: { id: string; title: string; community: string; district: string | null; createdBy: string; now: number },
): void {
  db.insert(plans)
    .values({
      id: plan.id,
      title: plan.title,
      community: plan.community,
      district: plan.district,
      createdBy: plan.createdBy,
      createdAt: plan.now,
      updatedAt: plan.now,
    })
    .run()
}

/** Deletes a plan; members, invites, tickets and audit rows go with it (ON DELETE CASCADE). */
export function deletePlan(db: DbExecutor, planId: string): void {
  db.delete(plans).where(eq(plans.id, planId)).run()
}

const memberCount = sql<number>`(select count(*) from ${members} as m where m.plan_id = ${plans.id})`.mapWith(Number)

const planForMemberColumns = {
  id: plans.id,
  title: plans.title,
  community: plans.community,
  district: plans.district,
  role: members.role,
  affiliation: members.affiliation,
  organisation: members.organisation,
  speaksFor: members.speaksFor,
  createdAt: plans.createdAt,
  updatedAt: plans.updatedAt,
  memberCount,
  archivedAt: plans.archivedAt,
  deletedAt: plans.deletedAt,
  purgeAt: plans.purgeAt,
}

/** Every plan the user belongs to, most recently changed first. Never another community's plan. */
export function listPlansForUser(db: DbExecutor, userId: string): PlanForMember[] {
  return db
    .select(planForMemberColumns)
    .from(members)
    .innerJoin(plans, eq(plans.id, members.planId))
    .where(and(eq(members.userId, userId), isNull(plans.purgedAt)))
    .orderBy(desc(plans.updatedAt), desc(plans.createdAt))
    .all()
}

/** One plan as the given member sees it; null when there is no such plan or they are not a member. */
export function getPlanForMember(db: DbExecutor, planId: string, userId: string): PlanForMember | null {
  return (
    db
      .select(planForMemberColumns)
      .from(members)
      .innerJoin(plans, eq(plans.id, members.planId))
      .where(and(eq(members.planId, planId), eq(members.userId, userId)))
      .get() ?? null
  )
}

/** Title and community of a plan, for an invite preview. */
export function getPlanHeading(db: DbExecutor, planId: string): { title: string; community: string } | null {
  return db.select({ title: plans.title, community: plans.community }).from(plans).where(eq(plans.id, planId)).get() ?? null
}

/** What the plans row copies from the plan's document, for listings (collab/hooks/derived-tables.ts). */
export interface PlanHeading {
  title: string
  community: string
  district: string | null
}

/** Copies the document's heading into the plans row and moves its last change to `at`. */
export function updatePlanHeading(db: DbExecutor, planId: string, heading: PlanHeading, at: number): void {
  db.update(plans)
    .set({ title: heading.title, community: heading.community, district: heading.district, updatedAt: at })
    .where(eq(plans.id, planId))
    .run()
}

/** Where a plan is in its life: in use, archived, deleted (content kept for 30 days), purged. */
export interface PlanLifecycle {
  title: string
  archivedAt: number | null
  deletedAt: number | null
  purgeAt: number | null
  purgedAt: number | null
}

/** A plan's lifecycle columns; null when there is no such plan. */
export function getPlanLifecycle(db: DbExecutor, planId: string): PlanLifecycle | null {
  return (
    db
      .select({
        title: plans.title,
        archivedAt: plans.archivedAt,
        deletedAt: plans.deletedAt,
        purgeAt: plans.purgeAt,
        purgedAt: plans.purgedAt,
      })
      .from(plans)
      .where(eq(plans.id, planId))
      .get() ?? null
  )
}

const selectLock = preparedQuery((db) =>
  db
    .select({ archivedAt: plans.archivedAt, deletedAt: plans.deletedAt })
    .from(plans)
    .where(eq(plans.id, sql.placeholder('planId')))
    .prepare(),
)

/**
 * True when nobody may change the plan: it is archived or deleted. Read on every socket
 * join (prepared once, like the membership query beside it).
 */
export function isPlanLocked(db: DbExecutor, planId: string): boolean {
  const row = selectLock(db).get({ planId })
  return row !== undefined && (row.archivedAt !== null || row.deletedAt !== null)
}

/** Archives a plan at `at`, or restores it (null). */
export function setPlanArchived(db: DbExecutor, planId: string, at: number | null): void {
  db.update(plans).set({ archivedAt: at }).where(eq(plans.id, planId)).run()
}

/** Records a pending deletion (its content goes at `purgeAt`), or undoes it (null). */
export function setPlanDeletion(db: DbExecutor, planId: string, deletion: { deletedAt: number; purgeAt: number } | null): void {
  db.update(plans)
    .set(deletion ?? { deletedAt: null, purgeAt: null })
    .where(eq(plans.id, planId))
    .run()
}

/** Plans whose deletion is due at `now` and whose content is still stored. */
export function plansDueForPurge(db: DbExecutor, now: number): string[] {
  return db
    .select({ id: plans.id })
    .from(plans)
    .where(and(lte(plans.purgeAt, now), isNull(plans.purgedAt)))
    .all()
    .map((row) => row.id)
}

/**
 * Deletes the rows derived from a plan or giving access to it, for the purge: tracked
 * actions, WebSocket tickets, invites, join requests and codes, members, stored command
 * answers and set-aside updates. The plans row and its audit log stay (markPlanPurged).
 */
export function deletePlanRows(db: DbExecutor, planId: string): void {
  db.delete(trackedActions).where(eq(trackedActions.planId, planId)).run()
  db.delete(wsTickets).where(eq(wsTickets.planId, planId)).run()
  db.delete(invites).where(eq(invites.planId, planId)).run()
  db.delete(joinRequests).where(eq(joinRequests.planId, planId)).run()
  db.delete(joinCodes).where(eq(joinCodes.planId, planId)).run()
  db.delete(members).where(eq(members.planId, planId)).run()
  db.delete(idempotencyKeys).where(eq(idempotencyKeys.planId, planId)).run()
  db.delete(quarantinedUpdates).where(eq(quarantinedUpdates.docId, planId)).run()
}

/**
 * Marks a plan's content removed: the heading is blanked (the audit record of the deletion
 * keeps what it was called) and the pending deletion is closed.
 */
export function markPlanPurged(db: DbExecutor, planId: string, at: number): void {
  db.update(plans)
    .set({ title: '', community: '', district: null, reviewDate: null, trackedAt: null, purgedAt: at, updatedAt: at })
    .where(eq(plans.id, planId))
    .run()
}
