import { and, asc, count, eq, inArray, isNull, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { withMemberCounts, type RaisedItemRow } from '../../db/districts'
import {
  districtGroups,
  districtMembers,
  districtShares,
  instanceAdmins,
  partnerConsents,
  plans,
  raisedItems,
  users,
} from '../../db/pg/schema'
import type { DistrictsRepo } from '../types'
import type { PgExecutor } from './executor'

// PostgreSQL sorts text by the database's collation; SQLite compares bytes. `collate "C"` does as SQLite does.
const binary = (column: unknown) => sql`${column} collate "C"`

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

/** District groups, consent and raised items on PostgreSQL: mirrors db/districts.ts. */
export function pgDistricts(db: PgExecutor): DistrictsRepo {
  const selectRaised = () =>
    db
      .select(raisedColumns)
      .from(raisedItems)
      .leftJoin(raisers, eq(raisers.id, raisedItems.raisedBy))
      .leftJoin(answerers, eq(answerers.id, raisedItems.answeredBy))
  return {
    async isInstanceAdmin(userId) {
      const rows = await db.select({ userId: instanceAdmins.userId }).from(instanceAdmins).where(eq(instanceAdmins.userId, userId))
      return rows.length > 0
    },
    async grantAdmin(userId, at) {
      const result = await db.insert(instanceAdmins).values({ userId, grantedAt: at }).onConflictDoNothing()
      return (result.rowCount ?? 0) > 0
    },
    async revokeAdmin(userId) {
      const result = await db.delete(instanceAdmins).where(eq(instanceAdmins.userId, userId))
      return (result.rowCount ?? 0) > 0
    },
    async listAdmins() {
      return db
        .select({ userId: instanceAdmins.userId, name: users.name, email: users.email, grantedAt: instanceAdmins.grantedAt })
        .from(instanceAdmins)
        .innerJoin(users, eq(users.id, instanceAdmins.userId))
        .orderBy(binary(users.email))
    },

    async insertDistrictGroup(group) {
      await db.insert(districtGroups).values(group)
    },
    async findDistrictGroup(groupId) {
      const [row] = await db
        .select({ id: districtGroups.id, name: districtGroups.name })
        .from(districtGroups)
        .where(eq(districtGroups.id, groupId))
      return row ?? null
    },
    async listDistrictGroups(userId) {
      const groups = await db
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
        .orderBy(binary(districtGroups.name), binary(districtGroups.id))
      const counts = await db
        .select({ groupId: districtMembers.groupId, n: count() })
        .from(districtMembers)
        .groupBy(districtMembers.groupId)
      return withMemberCounts(groups, counts)
    },
    async listDistrictMembers(groupId) {
      return db
        .select({ groupId: districtMembers.groupId, userId: districtMembers.userId, name: users.name, email: users.email })
        .from(districtMembers)
        .innerJoin(users, eq(users.id, districtMembers.userId))
        .where(groupId === null ? undefined : eq(districtMembers.groupId, groupId))
        .orderBy(binary(users.name), binary(users.id))
    },
    async isDistrictMember(groupId, userId) {
      const rows = await db
        .select({ userId: districtMembers.userId })
        .from(districtMembers)
        .where(and(eq(districtMembers.groupId, groupId), eq(districtMembers.userId, userId)))
      return rows.length > 0
    },
    async addDistrictMember(member) {
      const result = await db.insert(districtMembers).values(member).onConflictDoNothing()
      return (result.rowCount ?? 0) > 0
    },
    async removeDistrictMember(groupId, userId) {
      const result = await db.delete(districtMembers).where(and(eq(districtMembers.groupId, groupId), eq(districtMembers.userId, userId)))
      return (result.rowCount ?? 0) > 0
    },

    async findDistrictShare(planId) {
      const [row] = await db
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
      return row ?? null
    },
    async setDistrictShare(share) {
      await db
        .insert(districtShares)
        .values(share)
        .onConflictDoUpdate({
          target: districtShares.planId,
          set: { groupId: share.groupId, requestedBy: share.requestedBy, requestedAt: share.requestedAt },
        })
    },
    async deleteDistrictShare(planId) {
      const result = await db.delete(districtShares).where(eq(districtShares.planId, planId))
      return (result.rowCount ?? 0) > 0
    },
    async listSharedPlans(groupId) {
      return db
        .select({ planId: plans.id, title: plans.title, community: plans.community })
        .from(districtShares)
        .innerJoin(plans, eq(plans.id, districtShares.planId))
        .where(and(eq(districtShares.groupId, groupId), isNull(plans.deletedAt), isNull(plans.archivedAt)))
        .orderBy(binary(plans.title), binary(plans.id))
    },
    async listConsents(planId) {
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
        .orderBy(binary(partnerConsents.subject), binary(partnerConsents.partner))
    },
    async giveConsent(consent) {
      await db
        .insert(partnerConsents)
        .values(consent)
        .onConflictDoUpdate({
          target: [partnerConsents.planId, partnerConsents.subject, partnerConsents.partner],
          set: { givenBy: consent.givenBy, givenAt: consent.givenAt },
        })
    },
    async withdrawConsent(planId, subject, partner) {
      const result = await db
        .delete(partnerConsents)
        .where(and(eq(partnerConsents.planId, planId), eq(partnerConsents.subject, subject), eq(partnerConsents.partner, partner)))
      return (result.rowCount ?? 0) > 0
    },
    async clearConsents(planId, subject) {
      const result = await db.delete(partnerConsents).where(and(eq(partnerConsents.planId, planId), eq(partnerConsents.subject, subject)))
      return result.rowCount ?? 0
    },

    async insertRaisedItem(item) {
      await db.insert(raisedItems).values(item)
    },
    async findRaisedItem(raisedId): Promise<RaisedItemRow | null> {
      const [row] = await selectRaised().where(eq(raisedItems.id, raisedId))
      return row ?? null
    },
    async listRaisedItems(planId): Promise<RaisedItemRow[]> {
      return selectRaised().where(eq(raisedItems.planId, planId)).orderBy(asc(raisedItems.raisedAt), binary(raisedItems.id))
    },
    async answerRaisedItem(answer) {
      const result = await db
        .update(raisedItems)
        .set({ answer: answer.answer, status: answer.status, answeredBy: answer.answeredBy, answeredAt: answer.answeredAt })
        .where(eq(raisedItems.id, answer.id))
      return (result.rowCount ?? 0) > 0
    },
  }
}
