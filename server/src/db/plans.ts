import { and, desc, eq, sql } from 'drizzle-orm'
import type { Affiliation, Role } from '@hononga/shared'
import type { DbExecutor } from './executor'
import { members, plans } from './schema'

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
}

/** Every plan the user belongs to, most recently changed first. Never another community's plan. */
export function listPlansForUser(db: DbExecutor, userId: string): PlanForMember[] {
  return db
    .select(planForMemberColumns)
    .from(members)
    .innerJoin(plans, eq(plans.id, members.planId))
    .where(eq(members.userId, userId))
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
