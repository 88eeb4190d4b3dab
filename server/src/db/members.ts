import { and, asc, eq, sql } from 'drizzle-orm'
import type { Affiliation, Role } from '@hononga/shared'
import type { DbExecutor } from './executor'
import { preparedQuery } from './prepared'
import { members, users } from './schema'

/** A person's membership of one plan. */
export interface Membership {
  planId: string
  userId: string
  role: Role
  affiliation: Affiliation
  organisation: string | null
  /** Records and withdraws the partner's position and comments for it (viewers too). */
  speaksFor: boolean
}

/** A member with the name and email others in the plan see. */
export interface MemberRow extends Membership {
  name: string
  email: string
  joinedAt: number
}

const membershipColumns = {
  planId: members.planId,
  userId: members.userId,
  role: members.role,
  affiliation: members.affiliation,
  organisation: members.organisation,
  speaksFor: members.speaksFor,
}

const selectMembership = preparedQuery((db) =>
  db
    .select(membershipColumns)
    .from(members)
    .where(and(eq(members.planId, sql.placeholder('planId')), eq(members.userId, sql.placeholder('userId'))))
    .prepare(),
)

export function findMembership(db: DbExecutor, planId: string, userId: string): Membership | null {
  return selectMembership(db).get({ planId, userId }) ?? null
}

const memberRowColumns = { ...membershipColumns, name: users.name, email: users.email, joinedAt: members.joinedAt }

const selectMember = preparedQuery((db) =>
  db
    .select(memberRowColumns)
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .where(and(eq(members.planId, sql.placeholder('planId')), eq(members.userId, sql.placeholder('userId'))))
    .prepare(),
)

export function findMember(db: DbExecutor, planId: string, userId: string): MemberRow | null {
  return selectMember(db).get({ planId, userId }) ?? null
}

/** Everyone in a plan, in the order they joined. */
export function listMembers(db: DbExecutor, planId: string): MemberRow[] {
  return db
    .select(memberRowColumns)
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .where(eq(members.planId, planId))
    .orderBy(asc(members.joinedAt), asc(users.name))
    .all()
}

/** Adds a member; they speak for their partner unless `speaksFor` is false. */
export function insertMember(db: DbExecutor, membership: Omit<Membership, 'speaksFor'> & { speaksFor?: boolean; now: number }): void {
  db.insert(members)
    .values({
      planId: membership.planId,
      userId: membership.userId,
      role: membership.role,
      affiliation: membership.affiliation,
      organisation: membership.organisation,
      speaksFor: membership.speaksFor ?? true,
      joinedAt: membership.now,
    })
    .run()
}

export function updateMember(
  db: DbExecutor,
  planId: string,
  userId: string,
  change: { role: Role; affiliation: Affiliation; organisation: string | null; speaksFor: boolean },
): void {
  db.update(members)
    .set(change)
    .where(and(eq(members.planId, planId), eq(members.userId, userId)))
    .run()
}

export function deleteMember(db: DbExecutor, planId: string, userId: string): void {
  db.delete(members)
    .where(and(eq(members.planId, planId), eq(members.userId, userId)))
    .run()
}

/** How many facilitators a plan has; a plan must never be left with none. */
export function countFacilitators(db: DbExecutor, planId: string): number {
  const row = db
    .select({ count: sql<number>`count(*)`.mapWith(Number) })
    .from(members)
    .where(and(eq(members.planId, planId), eq(members.role, 'facilitator')))
    .get()
  return row?.count ?? 0
}
