import { and, asc, desc, eq, isNotNull, isNull, lt, lte, or, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { fingerprint, isEngagementLevel, toPlanJson, type TrackerProgress } from '@hononga/shared'
import {
  idempotencyKeys,
  invites,
  joinCodes,
  joinRequests,
  members,
  plans,
  quarantinedUpdates,
  trackedActions,
  wsTickets,
} from '../../db/pg/schema'
import type { PlanForMember } from '../../db/plans'
import { trackedActionsOf, type TrackedActionWithPlan } from '../../db/tracker'
import type { PlansRepo, TrackerRepo } from '../types'
import type { PgExecutor } from './executor'

// PostgreSQL sorts text by the database's collation and puts NULLs last in ascending order;
// SQLite compares bytes (BINARY) and puts NULLs first. These keep the SQLite order.
const binary = (column: unknown) => sql`${column} collate "C"`

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

/** The plans repository on PostgreSQL: mirrors db/plans.ts. */
export function pgPlans(db: PgExecutor): PlansRepo {
  // Read on every socket join: prepared once per executor, like the SQLite query.
  const prepareLock = () =>
    db
      .select({ archivedAt: plans.archivedAt, deletedAt: plans.deletedAt })
      .from(plans)
      .where(eq(plans.id, sql.placeholder('planId')))
      .prepare('plans_lock')
  let selectLock: ReturnType<typeof prepareLock> | undefined

  return {
    async insertPlan(plan) {
      await db.insert(plans).values({
        id: plan.id,
        title: plan.title,
        community: plan.community,
        district: plan.district,
        createdBy: plan.createdBy,
        createdAt: plan.now,
        updatedAt: plan.now,
      })
    },

    async deletePlan(planId) {
      await db.delete(plans).where(eq(plans.id, planId))
    },

    async listPlansForUser(userId): Promise<PlanForMember[]> {
      return db
        .select(planForMemberColumns)
        .from(members)
        .innerJoin(plans, eq(plans.id, members.planId))
        .where(and(eq(members.userId, userId), isNull(plans.purgedAt)))
        .orderBy(desc(plans.updatedAt), desc(plans.createdAt))
    },

    async getPlanForMember(planId, userId) {
      const [row] = await db
        .select(planForMemberColumns)
        .from(members)
        .innerJoin(plans, eq(plans.id, members.planId))
        .where(and(eq(members.planId, planId), eq(members.userId, userId)))
      return row ?? null
    },

    async getPlanHeading(planId) {
      const [row] = await db.select({ title: plans.title, community: plans.community }).from(plans).where(eq(plans.id, planId))
      return row ?? null
    },

    async updatePlanHeading(planId, heading, at) {
      await db
        .update(plans)
        .set({ title: heading.title, community: heading.community, district: heading.district, updatedAt: at })
        .where(eq(plans.id, planId))
    },

    async getPlanLifecycle(planId) {
      const [row] = await db
        .select({
          title: plans.title,
          archivedAt: plans.archivedAt,
          deletedAt: plans.deletedAt,
          purgeAt: plans.purgeAt,
          purgedAt: plans.purgedAt,
        })
        .from(plans)
        .where(eq(plans.id, planId))
      return row ?? null
    },

    async isPlanLocked(planId) {
      const [row] = await (selectLock ??= prepareLock()).execute({ planId })
      return row !== undefined && (row.archivedAt !== null || row.deletedAt !== null)
    },

    async setPlanArchived(planId, at) {
      await db.update(plans).set({ archivedAt: at }).where(eq(plans.id, planId))
    },

    async setPlanDeletion(planId, deletion) {
      await db
        .update(plans)
        .set(deletion ?? { deletedAt: null, purgeAt: null })
        .where(eq(plans.id, planId))
    },

    async plansDueForPurge(now) {
      const rows = await db
        .select({ id: plans.id })
        .from(plans)
        .where(and(lte(plans.purgeAt, now), isNull(plans.purgedAt)))
        // SQLite returns these in insertion (rowid) order; the creation time is that order here.
        .orderBy(plans.createdAt, binary(plans.id))
      return rows.map((row) => row.id)
    },

    async deletePlanRows(planId) {
      await db.delete(trackedActions).where(eq(trackedActions.planId, planId))
      await db.delete(wsTickets).where(eq(wsTickets.planId, planId))
      await db.delete(invites).where(eq(invites.planId, planId))
      await db.delete(joinRequests).where(eq(joinRequests.planId, planId))
      await db.delete(joinCodes).where(eq(joinCodes.planId, planId))
      await db.delete(members).where(eq(members.planId, planId))
      await db.delete(idempotencyKeys).where(eq(idempotencyKeys.planId, planId))
      await db.delete(quarantinedUpdates).where(eq(quarantinedUpdates.docId, planId))
    },

    async markPlanPurged(planId, at) {
      await db
        .update(plans)
        .set({ title: '', community: '', district: null, reviewDate: null, trackedAt: null, purgedAt: at, updatedAt: at })
        .where(eq(plans.id, planId))
    },
  }
}

// 13 columns a row: far below PostgreSQL's 65,535 bound parameters per statement.
const INSERT_CHUNK = 500

/** What this process last wrote per plan, per executor: the tracked fields' fingerprint and the `tracked_at` it set. */
const written = new WeakMap<object, Map<string, { print: string; at: number }>>()

function parseJson<T>(text: string | null, fallback: T): T {
  if (text === null) return fallback
  try {
    return JSON.parse(text) as T
  } catch {
    return fallback
  }
}

/** The tracker repository on PostgreSQL: mirrors db/tracker.ts. */
export function pgTracker(db: PgExecutor): TrackerRepo {
  return {
    async refreshTrackedActions(planId, doc, at) {
      const plan = toPlanJson(doc)
      const actions = trackedActionsOf(plan)
      const reviewDate = plan.meta.reviewDate
      const print = fingerprint({ reviewDate, actions })
      let seen = written.get(db)
      if (!seen) written.set(db, (seen = new Map()))
      const last = seen.get(planId)
      if (last?.print === print) {
        // Unlike SQLite's, this skip also checks that `tracked_at` is still what this process
        // set: another process may have written the plan's rows since (it owned the plan for a
        // while), or the plan was re-created; then the rows are rewritten after all.
        const moved = await db
          .update(plans)
          .set({ trackedAt: at })
          .where(and(eq(plans.id, planId), eq(plans.trackedAt, last.at)))
          .returning({ id: plans.id })
        if (moved.length > 0) {
          seen.set(planId, { print, at })
          return
        }
      }
      await db.transaction(async (tx) => {
        await tx.delete(trackedActions).where(eq(trackedActions.planId, planId))
        const rows = actions.map((action) => ({
          planId,
          ...action,
          partners: JSON.stringify(action.partners),
          lastProgress: action.lastProgress && JSON.stringify(action.lastProgress),
          updatedAt: at,
        }))
        for (let i = 0; i < rows.length; i += INSERT_CHUNK) await tx.insert(trackedActions).values(rows.slice(i, i + INSERT_CHUNK))
        await tx.update(plans).set({ reviewDate, trackedAt: at }).where(eq(plans.id, planId))
      })
      seen.set(planId, { print, at })
    },

    async stalePlansForUser(userId, limit) {
      const rows = await db
        .select({ id: plans.id })
        .from(members)
        .innerJoin(plans, eq(plans.id, members.planId))
        .where(and(eq(members.userId, userId), or(isNull(plans.trackedAt), lt(plans.trackedAt, plans.updatedAt))))
        .orderBy(desc(plans.updatedAt))
        .limit(limit)
      return rows.map((row) => row.id)
    },

    async trackedActionsForUser(userId, filter = {}): Promise<TrackedActionWithPlan[]> {
      const leadMember = alias(members, 'lead_member')
      const rows = await db
        .select({
          planId: trackedActions.planId,
          planTitle: plans.title,
          community: plans.community,
          district: plans.district,
          planReviewDate: plans.reviewDate,
          actionId: trackedActions.actionId,
          title: trackedActions.title,
          lead: trackedActions.lead,
          leadUserId: trackedActions.leadUserId,
          leadOrganisation: leadMember.organisation,
          partners: trackedActions.partners,
          dueDate: trackedActions.dueDate,
          reviewDate: trackedActions.reviewDate,
          status: trackedActions.status,
          agreed: trackedActions.agreed,
          changedSinceAgreed: trackedActions.changedSinceAgreed,
          lastProgress: trackedActions.lastProgress,
          engagement: trackedActions.engagement,
        })
        .from(members)
        .innerJoin(plans, eq(plans.id, members.planId))
        .innerJoin(trackedActions, eq(trackedActions.planId, plans.id))
        .leftJoin(leadMember, and(eq(leadMember.planId, trackedActions.planId), eq(leadMember.userId, trackedActions.leadUserId)))
        .where(
          and(
            eq(members.userId, userId),
            filter.planId === undefined ? undefined : eq(plans.id, filter.planId),
            filter.leadUserId === undefined
              ? undefined
              : and(isNotNull(trackedActions.leadUserId), eq(trackedActions.leadUserId, filter.leadUserId)),
          ),
        )
        // Ties (same plan title and due date) in a fixed order; SQLite leaves theirs to its sorter.
        .orderBy(
          asc(binary(plans.title)),
          sql`${binary(trackedActions.dueDate)} asc nulls first`,
          binary(trackedActions.planId),
          binary(trackedActions.actionId),
        )
      return rows.map((row) => ({
        ...row,
        partners: parseJson<string[]>(row.partners, []),
        lastProgress: parseJson<TrackerProgress | null>(row.lastProgress, null),
        engagement: isEngagementLevel(row.engagement) ? row.engagement : null,
      }))
    },

    async organisationsOfUser(userId) {
      const rows = await db
        .select({ organisation: members.organisation })
        .from(members)
        .where(and(eq(members.userId, userId), isNotNull(members.organisation)))
        // SQLite returns these in insertion (rowid) order, which is the order the person joined in.
        .orderBy(members.joinedAt, binary(members.planId))
      return rows.flatMap((row) => (row.organisation ? [row.organisation] : []))
    },
  }
}
