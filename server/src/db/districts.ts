import { and, asc, count, eq, inArray, isNull } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import type { RaisedStatus } from '@hononga/shared'
import type { DbExecutor } from './executor'
import { districtGroups, districtMembers, districtShares, instanceAdmins, partnerConsents, plans, raisedItems, users } from './schema'

/**
 * District groups (issue 13 §6): instance administrators (granted only by the operator's command,
 * server/src/admin-main.ts), the groups they make and their members, each plan's request to share
 * its summary with one group, the partners' consents, and items raised to the district.
 * The PostgreSQL mirror is repos/pg/districts.ts.
 */

export interface AdminRow {
  userId: string
  name: string
  email: string
  grantedAt: number
}

export interface DistrictGroupRow {
  id: string
  name: string
  memberCount: number
}

export interface DistrictMemberRow {
  groupId: string
  userId: string
  name: string
  email: string
}

export interface DistrictShareRow {
  planId: string
  groupId: string
  groupName: string
  requestedBy: string | null
  requestedByName: string | null
  requestedAt: number
}

export interface SharedPlanRow {
  planId: string
  title: string
  community: string
}

/** A consent in force: `subject` is 'share' or 'raise:<raisedItemId>'; `partner` a partner key. */
export interface ConsentRow {
  subject: string
  partner: string
  givenBy: string | null
  givenByName: string | null
  givenAt: number
}

export interface RaisedItemInput {
  id: string
  planId: string
  groupId: string
  /** targetKey of the item (`kind|id`). */
  target: string
  title: string
  note: string
  raisedBy: string
  raisedAt: number
}

export interface RaisedItemRow extends Omit<RaisedItemInput, 'raisedBy'> {
  raisedBy: string | null
  raisedByName: string | null
  status: RaisedStatus
  answer: string | null
  answeredBy: string | null
  answeredByName: string | null
  answeredAt: number | null
}

/** The consent subject of a raised item. */
export function raiseSubject(raisedId: string): string {
  return `raise:${raisedId}`
}

/** The consent subject of sharing the plan's summary. */
export const SHARE_SUBJECT = 'share'

/** Groups with their member counts (a count per group from a second query, so both dialects agree). */
export function withMemberCounts(
  groups: readonly { id: string; name: string }[],
  counts: readonly { groupId: string; n: number }[],
): DistrictGroupRow[] {
  const byGroup = new Map(counts.map((row) => [row.groupId, Number(row.n)]))
  return groups.map((group) => ({ ...group, memberCount: byGroup.get(group.id) ?? 0 }))
}

// --- Administrators ---------------------------------------------------------------------------

export function isInstanceAdmin(db: DbExecutor, userId: string): boolean {
  return db.select({ userId: instanceAdmins.userId }).from(instanceAdmins).where(eq(instanceAdmins.userId, userId)).get() !== undefined
}

/** Grants administration; false when the person already had it. */
export function grantAdmin(db: DbExecutor, userId: string, at: number): boolean {
  return db.insert(instanceAdmins).values({ userId, grantedAt: at }).onConflictDoNothing().run().changes > 0
}

/** Revokes administration; false when the person did not have it. */
export function revokeAdmin(db: DbExecutor, userId: string): boolean {
  return db.delete(instanceAdmins).where(eq(instanceAdmins.userId, userId)).run().changes > 0
}

/** Every administrator, by email. */
export function listAdmins(db: DbExecutor): AdminRow[] {
  return db
    .select({ userId: instanceAdmins.userId, name: users.name, email: users.email, grantedAt: instanceAdmins.grantedAt })
    .from(instanceAdmins)
    .innerJoin(users, eq(users.id, instanceAdmins.userId))
    .orderBy(asc(users.email))
    .all()
}

// --- Groups and their members -----------------------------------------------------------------

export function insertDistrictGroup(
  db: DbExecutor,
  group: { id: string; name: string; createdBy: string | null; createdAt: number },
): void {
  db.insert(districtGroups).values(group).run()
}

export function findDistrictGroup(db: DbExecutor, groupId: string): { id: string; name: string } | null {
  return (
    db.select({ id: districtGroups.id, name: districtGroups.name }).from(districtGroups).where(eq(districtGroups.id, groupId)).get() ?? null
  )
}

/** The groups `userId` is a member of, or every group when `userId` is null; by name. */
export function listDistrictGroups(db: DbExecutor, userId: string | null): DistrictGroupRow[] {
  const groups = db
    .select({ id: districtGroups.id, name: districtGroups.name })
    .from(districtGroups)
    .where(
      userId === null
        ? undefined
        : inArray(
            districtGroups.id,
            db.select({ id: districtMembers.groupId }).from(districtMembers).where(eq(districtMembers.userId, userId)),
          ),
    )
    .orderBy(asc(districtGroups.name), asc(districtGroups.id))
    .all()
  const counts = db.select({ groupId: districtMembers.groupId, n: count() }).from(districtMembers).groupBy(districtMembers.groupId).all()
  return withMemberCounts(groups, counts)
}

/** The members of one group (or of every group when `groupId` is null), by name. */
export function listDistrictMembers(db: DbExecutor, groupId: string | null): DistrictMemberRow[] {
  return db
    .select({ groupId: districtMembers.groupId, userId: districtMembers.userId, name: users.name, email: users.email })
    .from(districtMembers)
    .innerJoin(users, eq(users.id, districtMembers.userId))
    .where(groupId === null ? undefined : eq(districtMembers.groupId, groupId))
    .orderBy(asc(users.name), asc(users.id))
    .all()
}

export function isDistrictMember(db: DbExecutor, groupId: string, userId: string): boolean {
  return (
    db
      .select({ userId: districtMembers.userId })
      .from(districtMembers)
      .where(and(eq(districtMembers.groupId, groupId), eq(districtMembers.userId, userId)))
      .get() !== undefined
  )
}

/** Adds a member; false when they were one already. */
export function addDistrictMember(
  db: DbExecutor,
  member: { groupId: string; userId: string; addedBy: string | null; addedAt: number },
): boolean {
  return db.insert(districtMembers).values(member).onConflictDoNothing().run().changes > 0
}

export function removeDistrictMember(db: DbExecutor, groupId: string, userId: string): boolean {
  return (
    db
      .delete(districtMembers)
      .where(and(eq(districtMembers.groupId, groupId), eq(districtMembers.userId, userId)))
      .run().changes > 0
  )
}

// --- Sharing and consent ----------------------------------------------------------------------

export function findDistrictShare(db: DbExecutor, planId: string): DistrictShareRow | null {
  return (
    db
      .select({
        planId: districtShares.planId,
        groupId: districtShares.groupId,
        groupName: districtGroups.name,
        requestedBy: districtShares.requestedBy,
        requestedByName: users.name,
        requestedAt: districtShares.requestedAt,
      })
      .from(districtShares)
      .innerJoin(districtGroups, eq(districtGroups.id, districtShares.groupId))
      .leftJoin(users, eq(users.id, districtShares.requestedBy))
      .where(eq(districtShares.planId, planId))
      .get() ?? null
  )
}

/** Asks to share a plan with a group (one group per plan: replaces any earlier request). */
export function setDistrictShare(
  db: DbExecutor,
  share: { planId: string; groupId: string; requestedBy: string; requestedAt: number },
): void {
  db.insert(districtShares)
    .values(share)
    .onConflictDoUpdate({
      target: districtShares.planId,
      set: { groupId: share.groupId, requestedBy: share.requestedBy, requestedAt: share.requestedAt },
    })
    .run()
}

export function deleteDistrictShare(db: DbExecutor, planId: string): boolean {
  return db.delete(districtShares).where(eq(districtShares.planId, planId)).run().changes > 0
}

/**
 * The plans that asked to share with a group (consent not checked here), by title; not deleted, and
 * not archived (an archived plan takes no changes, so its partners could not withdraw consent).
 */
export function listSharedPlans(db: DbExecutor, groupId: string): SharedPlanRow[] {
  return db
    .select({ planId: plans.id, title: plans.title, community: plans.community })
    .from(districtShares)
    .innerJoin(plans, eq(plans.id, districtShares.planId))
    .where(and(eq(districtShares.groupId, groupId), isNull(plans.deletedAt), isNull(plans.archivedAt)))
    .orderBy(asc(plans.title), asc(plans.id))
    .all()
}

/** Every consent in force on a plan, whatever its subject. */
export function listConsents(db: DbExecutor, planId: string): ConsentRow[] {
  return db
    .select({
      subject: partnerConsents.subject,
      partner: partnerConsents.partner,
      givenBy: partnerConsents.givenBy,
      givenByName: users.name,
      givenAt: partnerConsents.givenAt,
    })
    .from(partnerConsents)
    .leftJoin(users, eq(users.id, partnerConsents.givenBy))
    .where(eq(partnerConsents.planId, planId))
    .orderBy(asc(partnerConsents.subject), asc(partnerConsents.partner))
    .all()
}

/** Records a partner's consent (an upsert: two members of one partner consenting at once leave one row). */
export function giveConsent(
  db: DbExecutor,
  consent: { planId: string; subject: string; partner: string; givenBy: string; givenAt: number },
): void {
  db.insert(partnerConsents)
    .values(consent)
    .onConflictDoUpdate({
      target: [partnerConsents.planId, partnerConsents.subject, partnerConsents.partner],
      set: { givenBy: consent.givenBy, givenAt: consent.givenAt },
    })
    .run()
}

/** Withdraws a partner's consent; false when there was none. */
export function withdrawConsent(db: DbExecutor, planId: string, subject: string, partner: string): boolean {
  return (
    db
      .delete(partnerConsents)
      .where(and(eq(partnerConsents.planId, planId), eq(partnerConsents.subject, subject), eq(partnerConsents.partner, partner)))
      .run().changes > 0
  )
}

/** Withdraws every partner's consent to a subject (the share stopped or moved to another group). */
export function clearConsents(db: DbExecutor, planId: string, subject: string): number {
  return db
    .delete(partnerConsents)
    .where(and(eq(partnerConsents.planId, planId), eq(partnerConsents.subject, subject)))
    .run().changes
}

// --- Raised items -----------------------------------------------------------------------------

const raisers = alias(users, 'raisers')
const answerers = alias(users, 'answerers')

const raisedColumns = {
  id: raisedItems.id,
  planId: raisedItems.planId,
  groupId: raisedItems.groupId,
  target: raisedItems.target,
  title: raisedItems.title,
  note: raisedItems.note,
  raisedBy: raisedItems.raisedBy,
  raisedByName: raisers.name,
  raisedAt: raisedItems.raisedAt,
  status: raisedItems.status,
  answer: raisedItems.answer,
  answeredBy: raisedItems.answeredBy,
  answeredByName: answerers.name,
  answeredAt: raisedItems.answeredAt,
}

export function insertRaisedItem(db: DbExecutor, item: RaisedItemInput): void {
  db.insert(raisedItems).values(item).run()
}

export function findRaisedItem(db: DbExecutor, raisedId: string): RaisedItemRow | null {
  return (
    db
      .select(raisedColumns)
      .from(raisedItems)
      .leftJoin(raisers, eq(raisers.id, raisedItems.raisedBy))
      .leftJoin(answerers, eq(answerers.id, raisedItems.answeredBy))
      .where(eq(raisedItems.id, raisedId))
      .get() ?? null
  )
}

/** A plan's raised items, oldest first. */
export function listRaisedItems(db: DbExecutor, planId: string): RaisedItemRow[] {
  return db
    .select(raisedColumns)
    .from(raisedItems)
    .leftJoin(raisers, eq(raisers.id, raisedItems.raisedBy))
    .leftJoin(answerers, eq(answerers.id, raisedItems.answeredBy))
    .where(eq(raisedItems.planId, planId))
    .orderBy(asc(raisedItems.raisedAt), asc(raisedItems.id))
    .all()
}

/** The district's answer to a raised item; false when there is no such item. */
export function answerRaisedItem(
  db: DbExecutor,
  answer: { id: string; answer: string; status: 'answered' | 'closed'; answeredBy: string; answeredAt: number },
): boolean {
  return (
    db
      .update(raisedItems)
      .set({ answer: answer.answer, status: answer.status, answeredBy: answer.answeredBy, answeredAt: answer.answeredAt })
      .where(eq(raisedItems.id, answer.id))
      .run().changes > 0
  )
}
