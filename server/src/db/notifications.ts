import { and, desc, eq, inArray, isNotNull, isNull, lt, lte, notInArray, or, sql, type SQL } from 'drizzle-orm'
import { newId } from '@hononga/shared'
import type { DbExecutor } from './executor'
import { members, notificationPrefs, notifications, plans, trackedActions, users } from './schema'

/** What a notification is about (the schema's comment lists them). */
export const NOTIFICATION_KINDS = [
  'changed-since-agreed',
  'position-needed',
  'action-due',
  'action-overdue',
  'review-due',
  'comment-reply',
  'hui-scheduled',
  'hui-changed',
] as const
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]

/** How a person wants one kind by email. */
export type NotificationMode = 'immediate' | 'daily' | 'never'

/** Kinds mailed at once unless the person chose otherwise; every other kind goes in the daily digest. */
export const IMMEDIATE_BY_DEFAULT: readonly string[] = ['hui-scheduled', 'hui-changed', 'comment-reply']

/** The email mode of `kind` when the person has not chosen one. */
export function defaultMode(kind: string): NotificationMode {
  return IMMEDIATE_BY_DEFAULT.includes(kind) ? 'immediate' : 'daily'
}

/** One notification to record; `dedupeKey` makes the same thing in the same period one row per person. */
export interface NotificationInput {
  userId: string
  planId: string | null
  kind: string
  dedupeKey: string
  payload: Record<string, unknown>
  at: number
  /** Already emailed by its producer (a hui invitation goes with its calendar entry): the job never mails it. */
  emailedAt?: number | null
}

export interface NotificationRow {
  id: string
  planId: string | null
  kind: string
  payload: string
  createdAt: number
  readAt: number | null
}

/** A row waiting for email, with what the mail needs of its recipient. */
export interface MailableNotification extends NotificationRow {
  userId: string
  email: string
  language: 'en' | 'mi'
  mode: NotificationMode
}

/** The row to insert (shared with the PostgreSQL mirror). */
export function notificationValues(input: NotificationInput) {
  return {
    id: newId(),
    userId: input.userId,
    planId: input.planId,
    kind: input.kind,
    dedupeKey: input.dedupeKey,
    payload: JSON.stringify(input.payload),
    createdAt: input.at,
    emailedAt: input.emailedAt ?? null,
  }
}

/** Records a notification unless the person already has one with its dedupe key. Returns whether it was new. */
export function insertNotification(db: DbExecutor, input: NotificationInput): boolean {
  return db.insert(notifications).values(notificationValues(input)).onConflictDoNothing().run().changes > 0
}

export const notificationColumns = {
  id: notifications.id,
  planId: notifications.planId,
  kind: notifications.kind,
  payload: notifications.payload,
  createdAt: notifications.createdAt,
  readAt: notifications.readAt,
}

/**
 * The WHERE of one page of a person's notifications: older than the notification `before`
 * (by creation time, then id), so a page boundary never repeats nor skips a row.
 */
export function pageCondition(userId: string, before: { createdAt: number; id: string } | undefined): SQL | undefined {
  return and(
    eq(notifications.userId, userId),
    before
      ? or(
          lt(notifications.createdAt, before.createdAt),
          and(eq(notifications.createdAt, before.createdAt), lt(notifications.id, before.id)),
        )
      : undefined,
  )
}

/** A person's notifications, newest first, `limit` at a time before the notification id `before`, and how many are unread. */
export function listNotifications(
  db: DbExecutor,
  userId: string,
  page: { before?: string; limit: number },
): { items: NotificationRow[]; unread: number } {
  const anchor = page.before
    ? db
        .select({ createdAt: notifications.createdAt, id: notifications.id })
        .from(notifications)
        .where(and(eq(notifications.userId, userId), eq(notifications.id, page.before)))
        .get()
    : undefined
  if (page.before && !anchor) return { items: [], unread: countUnread(db, userId) }
  const items = db
    .select(notificationColumns)
    .from(notifications)
    .where(pageCondition(userId, anchor))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(page.limit)
    .all()
  return { items, unread: countUnread(db, userId) }
}

function countUnread(db: DbExecutor, userId: string): number {
  const row = db
    .select({ n: sql<number>`count(*)` })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .get()
  return Number(row?.n ?? 0)
}

/** Marks the person's notifications read: those in `ids` (others' ids are ignored), or all of them. Returns how many changed. */
export function markNotificationsRead(db: DbExecutor, userId: string, which: { ids: string[] } | 'all', at: number): number {
  if (which !== 'all' && which.ids.length === 0) return 0
  return db
    .update(notifications)
    .set({ readAt: at })
    .where(
      and(
        eq(notifications.userId, userId),
        isNull(notifications.readAt),
        which === 'all' ? undefined : inArray(notifications.id, which.ids),
      ),
    )
    .run().changes
}

/** The email modes the person chose, by kind (kinds not listed take `defaultMode`). */
export function getNotificationPrefs(db: DbExecutor, userId: string): Record<string, NotificationMode> {
  const rows = db.select().from(notificationPrefs).where(eq(notificationPrefs.userId, userId)).all()
  return Object.fromEntries(rows.map((row) => [row.kind, row.mode]))
}

/** Sets how the person wants `kind` by email. */
export function setNotificationPref(db: DbExecutor, userId: string, kind: string, mode: NotificationMode): void {
  db.insert(notificationPrefs)
    .values({ userId, kind, mode })
    .onConflictDoUpdate({ target: [notificationPrefs.userId, notificationPrefs.kind], set: { mode } })
    .run()
}

/** The person's effective mode for each row: their choice, else the kind's default (SQL shared with PostgreSQL). */
export const effectiveMode = sql<NotificationMode>`coalesce(${notificationPrefs.mode}, case when ${notifications.kind} in (${sql.join(
  IMMEDIATE_BY_DEFAULT.map((kind) => sql`${kind}`),
  sql`, `,
)}) then 'immediate' else 'daily' end)`

/**
 * The WHERE of the rows due for email: not emailed yet, unread, to a verified address, and
 * either immediate, or daily and made before `dailyBefore` (the digest's time).
 */
export function mailableCondition(dailyBefore: number): SQL | undefined {
  return and(
    isNull(notifications.emailedAt),
    isNull(notifications.readAt),
    sql`${users.emailVerifiedAt} is not null`,
    sql`(${effectiveMode} = 'immediate' or (${effectiveMode} = 'daily' and ${notifications.createdAt} < ${dailyBefore}))`,
  )
}

export const mailableColumns = {
  ...notificationColumns,
  userId: notifications.userId,
  email: users.email,
  language: users.language,
  mode: effectiveMode,
}

/** Rows due for email (see mailableCondition), oldest first, at most `limit`. */
export function notificationsDueForEmail(db: DbExecutor, dailyBefore: number, limit: number): MailableNotification[] {
  return db
    .select(mailableColumns)
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .leftJoin(notificationPrefs, and(eq(notificationPrefs.userId, notifications.userId), eq(notificationPrefs.kind, notifications.kind)))
    .where(mailableCondition(dailyBefore))
    .orderBy(notifications.createdAt, notifications.id)
    .limit(limit)
    .all()
}

/** Marks rows emailed, once: returns how many this call marked (another process may have marked the rest). */
export function markNotificationsEmailed(db: DbExecutor, ids: string[], at: number): number {
  if (ids.length === 0) return 0
  return db
    .update(notifications)
    .set({ emailedAt: at })
    .where(and(inArray(notifications.id, ids), isNull(notifications.emailedAt)))
    .run().changes
}

/** An action of a live plan whose due or review date is on or before the horizon the job asked about. */
export interface ReminderAction {
  planId: string
  planTitle: string
  actionId: string
  title: string
  /** The lead, only while they are still a member of the plan. */
  leadUserId: string | null
  dueDate: string | null
  reviewDate: string | null
}

/** A live plan's own review date, when it is on or before the horizon. */
export interface ReminderPlan {
  planId: string
  planTitle: string
  reviewDate: string
}

/** The columns and WHERE of reminderActions (shared with PostgreSQL: the schemas have the same names). */
export function reminderActionQuery(t: { trackedActions: typeof trackedActions; plans: typeof plans }, until: string) {
  return and(
    isNull(t.plans.archivedAt),
    isNull(t.plans.deletedAt),
    notInArray(t.trackedActions.status, ['done', 'stopped']),
    or(
      and(isNotNull(t.trackedActions.leadUserId), isNotNull(t.trackedActions.dueDate), lte(t.trackedActions.dueDate, until)),
      and(isNotNull(t.trackedActions.reviewDate), lte(t.trackedActions.reviewDate, until)),
    ),
  )
}

/** Open actions of live plans due or up for review by `until` (YYYY-MM-DD), with their lead if still a member. */
export function reminderActions(db: DbExecutor, until: string): ReminderAction[] {
  return db
    .select({
      planId: trackedActions.planId,
      planTitle: plans.title,
      actionId: trackedActions.actionId,
      title: trackedActions.title,
      leadUserId: members.userId,
      dueDate: trackedActions.dueDate,
      reviewDate: trackedActions.reviewDate,
    })
    .from(trackedActions)
    .innerJoin(plans, eq(plans.id, trackedActions.planId))
    .leftJoin(members, and(eq(members.planId, trackedActions.planId), eq(members.userId, trackedActions.leadUserId)))
    .where(reminderActionQuery({ trackedActions, plans }, until))
    .all()
}

/** Live plans whose own review date is on or before `until` (YYYY-MM-DD). */
export function reminderPlans(db: DbExecutor, until: string): ReminderPlan[] {
  return db
    .select({ planId: plans.id, planTitle: plans.title, reviewDate: sql<string>`${plans.reviewDate}` })
    .from(plans)
    .where(and(isNull(plans.archivedAt), isNull(plans.deletedAt), isNotNull(plans.reviewDate), lte(plans.reviewDate, until)))
    .all()
}
