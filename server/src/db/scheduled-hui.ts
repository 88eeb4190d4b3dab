import { and, asc, eq, gte, inArray, isNotNull, isNull, ne, sql } from 'drizzle-orm'
import type { Affiliation } from '@hononga/shared'
import type { DbExecutor } from './executor'
import { calendarFeeds, huiResponses, members, plans, scheduledHui, users } from './schema'

/**
 * Scheduled hui (issue 14): a facilitator's plan of a meeting, the members' answers, and each
 * person's private calendar feed (only the SHA-256 of its token is kept). Every change to a
 * scheduled hui raises its `sequence`, the iCalendar SEQUENCE that makes calendars replace
 * the entry they hold rather than add a second one.
 */

export type ScheduledHuiStatus = 'scheduled' | 'cancelled' | 'started'
export type HuiAnswer = 'yes' | 'no' | 'maybe'

/** A scheduled hui as stored; `agenda` is the JSON text of its agenda items. */
export interface ScheduledHuiRow {
  id: string
  planId: string
  title: string
  startsAt: number
  endsAt: number
  timeZone: string
  place: string | null
  onlineUrl: string | null
  agenda: string
  sequence: number
  status: ScheduledHuiStatus
  createdBy: string | null
  createdAt: number
  updatedAt: number
}

/** What a facilitator gives (or changes) of a scheduled hui. */
export interface ScheduledHuiFields {
  title: string
  startsAt: number
  endsAt: number
  place: string | null
  onlineUrl: string | null
  agenda: string
}

export interface NewScheduledHui extends ScheduledHuiFields {
  id: string
  planId: string
  createdBy: string
  at: number
}

/** A scheduled hui with its plan's title, for a person's calendar feed. */
export interface ScheduledHuiInPlan extends ScheduledHuiRow {
  planTitle: string
}

/** Who is invited to a plan's hui: every member, with what an email needs. */
export interface HuiInvitee {
  userId: string
  email: string
  name: string
  language: 'en' | 'mi'
  emailVerifiedAt: number | null
  /** Their membership, for the access log. */
  affiliation: Affiliation
  organisation: string | null
}

/** Stores a new scheduled hui (sequence 0, status scheduled). */
export function insertScheduledHui(db: DbExecutor, hui: NewScheduledHui): void {
  const { at, ...fields } = hui
  db.insert(scheduledHui)
    .values({ ...fields, sequence: 0, status: 'scheduled', createdAt: at, updatedAt: at })
    .run()
}

/** One scheduled hui of a plan, or null (also when it belongs to another plan). */
export function findScheduledHui(db: DbExecutor, planId: string, huiId: string): ScheduledHuiRow | null {
  return (
    db
      .select()
      .from(scheduledHui)
      .where(and(eq(scheduledHui.planId, planId), eq(scheduledHui.id, huiId)))
      .get() ?? null
  )
}

/**
 * Changes a scheduled (not cancelled, not started) hui and raises its sequence; returns the
 * row as it now is, or null when there is no such hui still scheduled.
 */
export function updateScheduledHui(
  db: DbExecutor,
  planId: string,
  huiId: string,
  fields: Partial<ScheduledHuiFields>,
  at: number,
): ScheduledHuiRow | null {
  return (
    db
      .update(scheduledHui)
      .set({ ...fields, sequence: sql`${scheduledHui.sequence} + 1`, updatedAt: at })
      .where(and(eq(scheduledHui.planId, planId), eq(scheduledHui.id, huiId), eq(scheduledHui.status, 'scheduled')))
      .returning()
      .get() ?? null
  )
}

/** Cancels a scheduled hui (sequence + 1); null when there is no such hui still scheduled. */
export function cancelScheduledHui(db: DbExecutor, planId: string, huiId: string, at: number): ScheduledHuiRow | null {
  return (
    db
      .update(scheduledHui)
      .set({ status: 'cancelled', sequence: sql`${scheduledHui.sequence} + 1`, updatedAt: at })
      .where(and(eq(scheduledHui.planId, planId), eq(scheduledHui.id, huiId), eq(scheduledHui.status, 'scheduled')))
      .returning()
      .get() ?? null
  )
}

/** Marks a scheduled hui started (its agenda was taken by the running hui); whether it was still scheduled. */
export function markScheduledHuiStarted(db: DbExecutor, planId: string, huiId: string, at: number): boolean {
  return (
    db
      .update(scheduledHui)
      .set({ status: 'started', updatedAt: at })
      .where(and(eq(scheduledHui.planId, planId), eq(scheduledHui.id, huiId), eq(scheduledHui.status, 'scheduled')))
      .run().changes > 0
  )
}

/** A plan's hui ending at or after `from` (ms), soonest first, at most `limit`. */
export function listPlanScheduledHui(db: DbExecutor, planId: string, from: number, limit: number): ScheduledHuiRow[] {
  return db
    .select()
    .from(scheduledHui)
    .where(and(eq(scheduledHui.planId, planId), gte(scheduledHui.endsAt, from)))
    .orderBy(asc(scheduledHui.startsAt), asc(scheduledHui.id))
    .limit(limit)
    .all()
}

/** The hui (not cancelled) of every plan the person belongs to, ending at or after `from`, soonest first. */
export function scheduledHuiForUser(db: DbExecutor, userId: string, from: number, limit: number): ScheduledHuiInPlan[] {
  return db
    .select({ ...scheduledHuiColumns, planTitle: plans.title })
    .from(members)
    .innerJoin(plans, eq(plans.id, members.planId))
    .innerJoin(scheduledHui, eq(scheduledHui.planId, plans.id))
    .where(and(eq(members.userId, userId), isNull(plans.deletedAt), ne(scheduledHui.status, 'cancelled'), gte(scheduledHui.endsAt, from)))
    .orderBy(asc(scheduledHui.startsAt), asc(scheduledHui.id))
    .limit(limit)
    .all()
}

const scheduledHuiColumns = {
  id: scheduledHui.id,
  planId: scheduledHui.planId,
  title: scheduledHui.title,
  startsAt: scheduledHui.startsAt,
  endsAt: scheduledHui.endsAt,
  timeZone: scheduledHui.timeZone,
  place: scheduledHui.place,
  onlineUrl: scheduledHui.onlineUrl,
  agenda: scheduledHui.agenda,
  sequence: scheduledHui.sequence,
  status: scheduledHui.status,
  createdBy: scheduledHui.createdBy,
  createdAt: scheduledHui.createdAt,
  updatedAt: scheduledHui.updatedAt,
}

/** The review dates of the plans the person belongs to (plans with one, not deleted). */
export function planReviewDatesForUser(db: DbExecutor, userId: string): { planId: string; planTitle: string; reviewDate: string }[] {
  return db
    .select({ planId: plans.id, planTitle: plans.title, reviewDate: sql<string>`${plans.reviewDate}` })
    .from(members)
    .innerJoin(plans, eq(plans.id, members.planId))
    .where(and(eq(members.userId, userId), isNull(plans.deletedAt), isNotNull(plans.reviewDate)))
    .orderBy(asc(plans.id))
    .all()
}

/** Every member of a plan, with their email and language, to invite. */
export function listHuiInvitees(db: DbExecutor, planId: string): HuiInvitee[] {
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
    .all()
}

/** Records (or changes) whether a person is coming. */
export function upsertHuiResponse(db: DbExecutor, huiId: string, userId: string, response: HuiAnswer, at: number): void {
  db.insert(huiResponses)
    .values({ huiId, userId, response, updatedAt: at })
    .onConflictDoUpdate({ target: [huiResponses.huiId, huiResponses.userId], set: { response, updatedAt: at } })
    .run()
}

/** The answers given to the listed hui. */
export function listHuiResponses(db: DbExecutor, huiIds: string[]): { huiId: string; userId: string; response: HuiAnswer }[] {
  if (huiIds.length === 0) return []
  return db
    .select({ huiId: huiResponses.huiId, userId: huiResponses.userId, response: huiResponses.response })
    .from(huiResponses)
    .where(inArray(huiResponses.huiId, huiIds))
    .orderBy(asc(huiResponses.huiId), asc(huiResponses.userId))
    .all()
}

/** Makes the person's feed `tokenHash`, revoking the one they had: one live feed per person. */
export function createCalendarFeed(db: DbExecutor, userId: string, tokenHash: string, at: number): void {
  revokeCalendarFeeds(db, userId, at)
  db.insert(calendarFeeds).values({ tokenHash, userId, createdAt: at, revokedAt: null }).run()
}

/** Revokes the person's live feeds; returns how many there were. */
export function revokeCalendarFeeds(db: DbExecutor, userId: string, at: number): number {
  return db
    .update(calendarFeeds)
    .set({ revokedAt: at })
    .where(and(eq(calendarFeeds.userId, userId), isNull(calendarFeeds.revokedAt)))
    .run().changes
}

/** Whose live feed `tokenHash` is, or null (unknown or revoked). */
export function findCalendarFeed(db: DbExecutor, tokenHash: string): { userId: string } | null {
  return (
    db
      .select({ userId: calendarFeeds.userId })
      .from(calendarFeeds)
      .where(and(eq(calendarFeeds.tokenHash, tokenHash), isNull(calendarFeeds.revokedAt)))
      .get() ?? null
  )
}
