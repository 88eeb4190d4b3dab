import { and, desc, eq, isNull, lt, type Column, type SQL } from 'drizzle-orm'
import { NZ_TIME_ZONE, type AccessKind, type Affiliation } from '@hononga/shared'
import type { DbExecutor } from './executor'
import { accessEvents, users } from './schema'

/** One access to record: who (from the server's membership row, never from the device), what, when. */
export interface AccessInput {
  planId: string
  userId: string
  /** The partner the person is a member for, as the server has it now. */
  affiliation: Affiliation
  organisation: string | null
  kind: AccessKind
  /** A JSON-serialisable object; every member reads it, so no secrets. */
  details: Record<string, unknown>
  /** Milliseconds since the epoch. */
  at: number
}

/** Which entries a page holds: one partner's, one kind's, older than `before` (an entry id). */
export interface AccessFilter {
  partner?: { affiliation: Affiliation; organisation: string | null }
  kind?: AccessKind
  before?: number
  limit: number
}

export interface AccessRow {
  id: number
  kind: string
  userId: string | null
  userName: string | null
  affiliation: Affiliation
  organisation: string | null
  details: string
  createdAt: number
}

const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: NZ_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' })

/** The Aotearoa date (YYYY-MM-DD, Pacific/Auckland) of an instant: the day an opening is counted in. */
export function aucklandDay(at: number): string {
  return dayFormat.format(at)
}

/** The row to insert for `entry`; `open_day` only for an opening, so only openings coalesce. */
export function accessValues(entry: AccessInput) {
  return {
    planId: entry.planId,
    userId: entry.userId,
    affiliation: entry.affiliation,
    organisation: entry.organisation,
    kind: entry.kind,
    details: JSON.stringify(entry.details),
    openDay: entry.kind === 'plan.opened' ? aucklandDay(entry.at) : null,
    createdAt: entry.at,
  }
}

/**
 * Appends one access to a plan's access log. An opening is recorded once per person, plan and
 * Aotearoa day (patchy links reconnect constantly): a second one that day is ignored by the
 * unique index. Returns whether a row was written.
 */
export function recordAccess(db: DbExecutor, entry: AccessInput): boolean {
  return db.insert(accessEvents).values(accessValues(entry)).onConflictDoNothing().run().changes > 0
}

/** The WHERE of a page of `planId`'s log (shared with the PostgreSQL mirror, whose columns have the same names). */
export function accessConditions(
  columns: Record<'planId' | 'affiliation' | 'organisation' | 'kind' | 'id', Column>,
  planId: string,
  filter: Omit<AccessFilter, 'limit'>,
): SQL | undefined {
  const { partner, kind, before } = filter
  return and(
    eq(columns.planId, planId),
    partner ? eq(columns.affiliation, partner.affiliation) : undefined,
    partner ? (partner.organisation === null ? isNull(columns.organisation) : eq(columns.organisation, partner.organisation)) : undefined,
    kind ? eq(columns.kind, kind) : undefined,
    before === undefined ? undefined : lt(columns.id, before),
  )
}

/** A page of a plan's access log, newest first, with each person's name (null once their account is gone). */
export function listAccess(db: DbExecutor, planId: string, filter: AccessFilter): AccessRow[] {
  return db
    .select({
      id: accessEvents.id,
      kind: accessEvents.kind,
      userId: accessEvents.userId,
      userName: users.name,
      affiliation: accessEvents.affiliation,
      organisation: accessEvents.organisation,
      details: accessEvents.details,
      createdAt: accessEvents.createdAt,
    })
    .from(accessEvents)
    .leftJoin(users, eq(users.id, accessEvents.userId))
    .where(accessConditions(accessEvents, planId, filter))
    .orderBy(desc(accessEvents.id))
    .limit(filter.limit)
    .all()
}

/** Removes every entry older than `before` (ms), across plans: the retention period has passed. Returns how many. */
export function pruneAccess(db: DbExecutor, before: number): number {
  return db.delete(accessEvents).where(lt(accessEvents.createdAt, before)).run().changes
}
