import { and, asc, eq, gte, inArray, isNotNull, isNull, ne, sql } from 'drizzle-orm'
import { calendarFeeds, huiResponses, members, plans, scheduledHui, users } from '../../db/pg/schema'
import type { ScheduledHuiRow } from '../../db/scheduled-hui'
import type { ScheduledHuiRepo } from '../types'
import type { PgExecutor } from './executor'

/** Scheduled hui, answers and calendar feeds on PostgreSQL: mirrors db/scheduled-hui.ts. */
export function pgScheduledHui(db: PgExecutor): ScheduledHuiRepo {
  const stillScheduled = (planId: string, huiId: string) =>
    and(eq(scheduledHui.planId, planId), eq(scheduledHui.id, huiId), eq(scheduledHui.status, 'scheduled'))
  const revoke = async (userId: string, at: number) => {
    const result = await db
      .update(calendarFeeds)
      .set({ revokedAt: at })
      .where(and(eq(calendarFeeds.userId, userId), isNull(calendarFeeds.revokedAt)))
    return result.rowCount ?? 0
  }

  return {
    async insertScheduledHui(hui) {
      const { at, ...fields } = hui
      await db.insert(scheduledHui).values({ ...fields, sequence: 0, status: 'scheduled', createdAt: at, updatedAt: at })
    },

    async findScheduledHui(planId, huiId): Promise<ScheduledHuiRow | null> {
      const [row] = await db
        .select()
        .from(scheduledHui)
        .where(and(eq(scheduledHui.planId, planId), eq(scheduledHui.id, huiId)))
      return row ?? null
    },

    async updateScheduledHui(planId, huiId, fields, at) {
      const [row] = await db
        .update(scheduledHui)
        .set({ ...fields, sequence: sql`${scheduledHui.sequence} + 1`, updatedAt: at })
        .where(stillScheduled(planId, huiId))
        .returning()
      return row ?? null
    },

    async cancelScheduledHui(planId, huiId, at) {
      const [row] = await db
        .update(scheduledHui)
        .set({ status: 'cancelled', sequence: sql`${scheduledHui.sequence} + 1`, updatedAt: at })
        .where(stillScheduled(planId, huiId))
        .returning()
      return row ?? null
    },

    async markScheduledHuiStarted(planId, huiId, at) {
      const result = await db.update(scheduledHui).set({ status: 'started', updatedAt: at }).where(stillScheduled(planId, huiId))
      return (result.rowCount ?? 0) > 0
    },

    async listPlanScheduledHui(planId, from, limit) {
      return db
        .select()
        .from(scheduledHui)
        .where(and(eq(scheduledHui.planId, planId), gte(scheduledHui.endsAt, from)))
        .orderBy(asc(scheduledHui.startsAt), asc(scheduledHui.id))
        .limit(limit)
    },

    async scheduledHuiForUser(userId, from, limit) {
      const rows = await db
        .select({ hui: scheduledHui, planTitle: plans.title })
        .from(members)
        .innerJoin(plans, eq(plans.id, members.planId))
        .innerJoin(scheduledHui, eq(scheduledHui.planId, plans.id))
        .where(
          and(eq(members.userId, userId), isNull(plans.deletedAt), ne(scheduledHui.status, 'cancelled'), gte(scheduledHui.endsAt, from)),
        )
        .orderBy(asc(scheduledHui.startsAt), asc(scheduledHui.id))
        .limit(limit)
      return rows.map((row) => ({ ...row.hui, planTitle: row.planTitle }))
    },

    async planReviewDatesForUser(userId) {
      return db
        .select({ planId: plans.id, planTitle: plans.title, reviewDate: sql<string>`${plans.reviewDate}` })
        .from(members)
        .innerJoin(plans, eq(plans.id, members.planId))
        .where(and(eq(members.userId, userId), isNull(plans.deletedAt), isNotNull(plans.reviewDate)))
        .orderBy(asc(plans.id))
    },

    async listHuiInvitees(planId) {
      return db
        .select({
          userId: users.id,
          email: users.email,
          name: users.name,
          language: users.language,
          emailVerifiedAt: users.emailVerifiedAt,
          affiliation: members.affiliation,
          organisation: members.organisation,
        })
        .from(members)
        .innerJoin(users, eq(users.id, members.userId))
        .where(eq(members.planId, planId))
        .orderBy(asc(users.id))
    },

    async upsertHuiResponse(huiId, userId, response, at) {
      await db
        .insert(huiResponses)
        .values({ huiId, userId, response, updatedAt: at })
        .onConflictDoUpdate({ target: [huiResponses.huiId, huiResponses.userId], set: { response, updatedAt: at } })
    },

    async listHuiResponses(huiIds) {
      if (huiIds.length === 0) return []
      return db
        .select({ huiId: huiResponses.huiId, userId: huiResponses.userId, response: huiResponses.response })
        .from(huiResponses)
        .where(inArray(huiResponses.huiId, huiIds))
        .orderBy(asc(huiResponses.huiId), asc(huiResponses.userId))
    },

    async createCalendarFeed(userId, tokenHash, at) {
      await revoke(userId, at)
      await db.insert(calendarFeeds).values({ tokenHash, userId, createdAt: at, revokedAt: null })
    },

    revokeCalendarFeeds: revoke,

    async findCalendarFeed(tokenHash) {
      const [row] = await db
        .select({ userId: calendarFeeds.userId })
        .from(calendarFeeds)
        .where(and(eq(calendarFeeds.tokenHash, tokenHash), isNull(calendarFeeds.revokedAt)))
      return row ?? null
    },
  }
}
