import { and, asc, desc, eq, isNotNull, isNull, lt, or } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import type * as Y from 'yjs'
import {
  agreedStateOf,
  engagementLevelIn,
  fingerprint,
  fingerprintsOf,
  isEngagementLevel,
  targetKey,
  toPlanJson,
  type PlanJson,
  type TrackerProgress,
  type TrackerRow,
} from '@hononga/shared'
import type { DbExecutor } from './executor'
import { members, plans, trackedActions } from './schema'

/**
 * The action tracker's table, derived from plan documents. The sync engine calls
 * {@link refreshTrackedActions} at most every 2 s while a plan is edited and when it
 * leaves memory; the tracker route derives plans whose rows are older than their last change.
 */

/**
 * What the tracker keeps of one priority action: a TrackerRow without what the route adds
 * (the plan, overdue, review due). `reviewDate` here is the action's own; the row falls back
 * to the plan's.
 */
export type TrackedAction = Omit<TrackerRow, 'planId' | 'planTitle' | 'community' | 'district' | 'overdue' | 'reviewDue'>

/** The tracked fields of every action of a rendered plan, in plan order. */
export function trackedActionsOf(plan: PlanJson): TrackedAction[] {
  const fingerprints = fingerprintsOf(plan)
  const marks = new Map(plan.agreedMarks.map((m) => [targetKey(m.target), m]))
  return plan.actions.map((action) => {
    const key = targetKey({ kind: 'action', id: action.id })
    const mark = marks.get(key) ?? null
    const state = agreedStateOf(mark && { ...mark, at: Date.parse(mark.at) }, fingerprints.get(key) ?? null)
    const last = action.progress[action.progress.length - 1]
    return {
      actionId: action.id,
      title: action.title,
      lead: action.lead,
      leadUserId: action.leadUserId,
      partners: action.partners,
      dueDate: action.dueDate,
      reviewDate: action.reviewDate,
      status: action.status,
      agreed: mark !== null,
      changedSinceAgreed: state.changedSinceAgreed,
      lastProgress: last ? { date: last.date, note: last.note, authorName: last.authorName, status: last.status } : null,
      engagement: engagementLevelIn(plan, { kind: 'action', id: action.id }),
    }
  })
}

/**
 * What was last written per plan, per database: the fingerprint and the `tracked_at` it was
 * written with. Unchanged plans cost no rewrite, as long as the row still carries that
 * `tracked_at` (a rolled-back transaction, or a plan deleted and made again, does not).
 */
const written = new WeakMap<object, Map<string, { print: string; at: number }>>()

// 13 columns a row: well under SQLite's limit of bound variables per statement.
const INSERT_CHUNK = 500

/**
 * Rewrites a plan's tracker rows from its document (delete + insert in one transaction) and
 * records the plan's review date and when the rows were derived. Skips the rewrite when no
 * tracked field changed since this process last wrote them; `tracked_at` is still moved on.
 */
export function refreshTrackedActions(db: DbExecutor, planId: string, doc: Y.Doc, at: number): void {
  const plan = toPlanJson(doc)
  const actions = trackedActionsOf(plan)
  const reviewDate = plan.meta.reviewDate
  const print = fingerprint({ reviewDate, actions })
  let seen = written.get(db)
  if (!seen) written.set(db, (seen = new Map()))
  const last = seen.get(planId)
  if (last?.print === print) {
    const moved = db
      .update(plans)
      .set({ trackedAt: at })
      .where(and(eq(plans.id, planId), eq(plans.trackedAt, last.at)))
      .run()
    if (moved.changes > 0) {
      seen.set(planId, { print, at })
      return
    }
  }
  db.transaction((tx) => {
    tx.delete(trackedActions).where(eq(trackedActions.planId, planId)).run()
    const rows = actions.map((action) => ({
      planId,
      ...action,
      partners: JSON.stringify(action.partners),
      lastProgress: action.lastProgress && JSON.stringify(action.lastProgress),
      updatedAt: at,
    }))
    for (let i = 0; i < rows.length; i += INSERT_CHUNK)
      tx.insert(trackedActions)
        .values(rows.slice(i, i + INSERT_CHUNK))
        .run()
    tx.update(plans).set({ reviewDate, trackedAt: at }).where(eq(plans.id, planId)).run()
  })
  seen.set(planId, { print, at })
}

/**
 * Plans the user belongs to whose tracker rows are older than their last change (or were
 * never derived), most recently changed first.
 */
export function stalePlansForUser(db: DbExecutor, userId: string, limit: number): string[] {
  return db
    .select({ id: plans.id })
    .from(members)
    .innerJoin(plans, eq(plans.id, members.planId))
    .where(and(eq(members.userId, userId), or(isNull(plans.trackedAt), lt(plans.trackedAt, plans.updatedAt))))
    .orderBy(desc(plans.updatedAt))
    .limit(limit)
    .all()
    .map((row) => row.id)
}

/** A tracked action with its plan, as the tracker lists it. */
export interface TrackedActionWithPlan extends TrackedAction {
  planId: string
  planTitle: string
  community: string
  district: string | null
  planReviewDate: string | null
  /**
   * The organisation of the member who leads the action, in this plan (null when the lead is
   * not a member, or named no organisation): "my organisation's" actions include those it leads.
   */
  leadOrganisation: string | null
}

function parseJson<T>(text: string | null, fallback: T): T {
  if (text === null) return fallback
  try {
    return JSON.parse(text) as T
  } catch {
    return fallback
  }
}

/** Every tracked action of the plans the user belongs to (and only those). */
export function trackedActionsForUser(
  db: DbExecutor,
  userId: string,
  filter: { planId?: string; leadUserId?: string } = {},
): TrackedActionWithPlan[] {
  const leadMember = alias(members, 'lead_member')
  const rows = db
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
    .orderBy(asc(plans.title), asc(trackedActions.dueDate))
    .all()
  return rows.map((row) => ({
    ...row,
    partners: parseJson<string[]>(row.partners, []),
    lastProgress: parseJson<TrackerProgress | null>(row.lastProgress, null),
    engagement: isEngagementLevel(row.engagement) ? row.engagement : null,
  }))
}

/** The organisations the user speaks for across their memberships (as written). */
export function organisationsOfUser(db: DbExecutor, userId: string): string[] {
  return db
    .select({ organisation: members.organisation })
    .from(members)
    .where(and(eq(members.userId, userId), isNotNull(members.organisation)))
    .all()
    .flatMap((row) => (row.organisation ? [row.organisation] : []))
}
