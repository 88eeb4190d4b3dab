import { and, desc, eq, inArray, isNotNull, isNull, lt, lte, or, sql } from 'drizzle-orm'
import {
  IMMEDIATE_BY_DEFAULT,
  notificationValues,
  reminderActionQuery,
  type MailableNotification,
  type NotificationMode,
} from '../../db/notifications'
import { members, notificationPrefs, notifications, plans, trackedActions, users } from '../../db/pg/schema'
import type { NotificationsRepo } from '../types'
import type { PgExecutor } from './executor'

const columns = {
  id: notifications.id,
  planId: notifications.planId,
  kind: notifications.kind,
  payload: notifications.payload,
  createdAt: notifications.createdAt,
  readAt: notifications.readAt,
}

const effectiveMode = sql<NotificationMode>`coalesce(${notificationPrefs.mode}, case when ${notifications.kind} in (${sql.join(
  IMMEDIATE_BY_DEFAULT.map((kind) => sql`${kind}`),
  sql`, `,
)}) then 'immediate' else 'daily' end)`

/** Notifications on PostgreSQL: mirrors db/notifications.ts. */
export function pgNotifications(db: PgExecutor): NotificationsRepo {
  const countUnread = async (userId: string) => {
    const [row] = await db
      .select({ n: sql<number>`count(*)` })
      .from(notifications)
      .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    return Number(row?.n ?? 0)
  }
  return {
    async insertNotification(input) {
      const result = await db.insert(notifications).values(notificationValues(input)).onConflictDoNothing()
      return (result.rowCount ?? 0) > 0
    },

    async listNotifications(userId, page) {
      const [anchor] = page.before
        ? await db
            .select({ createdAt: notifications.createdAt, id: notifications.id })
            .from(notifications)
            .where(and(eq(notifications.userId, userId), eq(notifications.id, page.before)))
        : []
      if (page.before && !anchor) return { items: [], unread: await countUnread(userId) }
      const items = await db
        .select(columns)
        .from(notifications)
        .where(
          and(
            eq(notifications.userId, userId),
            anchor
              ? or(
                  lt(notifications.createdAt, anchor.createdAt),
                  and(eq(notifications.createdAt, anchor.createdAt), lt(notifications.id, anchor.id)),
                )
              : undefined,
          ),
        )
        .orderBy(desc(notifications.createdAt), desc(notifications.id))
        .limit(page.limit)
      return { items, unread: await countUnread(userId) }
    },

    async markNotificationsRead(userId, which, at) {
      if (which !== 'all' && which.ids.length === 0) return 0
      const result = await db
        .update(notifications)
        .set({ readAt: at })
        .where(
          and(
            eq(notifications.userId, userId),
            isNull(notifications.readAt),
            which === 'all' ? undefined : inArray(notifications.id, which.ids),
          ),
        )
      return result.rowCount ?? 0
    },

    async getNotificationPrefs(userId) {
      const rows = await db.select().from(notificationPrefs).where(eq(notificationPrefs.userId, userId))
      return Object.fromEntries(rows.map((row) => [row.kind, row.mode]))
    },

    async setNotificationPref(userId, kind, mode) {
      await db
        .insert(notificationPrefs)
        .values({ userId, kind, mode })
        .onConflictDoUpdate({ target: [notificationPrefs.userId, notificationPrefs.kind], set: { mode } })
    },

    async notificationsDueForEmail(dailyBefore, limit): Promise<MailableNotification[]> {
      return db
        .select({ ...columns, userId: notifications.userId, email: users.email, language: users.language, mode: effectiveMode })
        .from(notifications)
        .innerJoin(users, eq(users.id, notifications.userId))
        .leftJoin(
          notificationPrefs,
          and(eq(notificationPrefs.userId, notifications.userId), eq(notificationPrefs.kind, notifications.kind)),
        )
        .where(
          and(
            isNull(notifications.emailedAt),
            isNull(notifications.readAt),
            sql`${users.emailVerifiedAt} is not null`,
            sql`(${effectiveMode} = 'immediate' or (${effectiveMode} = 'daily' and ${notifications.createdAt} < ${dailyBefore}))`,
          ),
        )
        .orderBy(notifications.createdAt, notifications.id)
        .limit(limit)
    },

    async markNotificationsEmailed(ids, at) {
      if (ids.length === 0) return 0
      const result = await db
        .update(notifications)
        .set({ emailedAt: at })
        .where(and(inArray(notifications.id, ids), isNull(notifications.emailedAt)))
      return result.rowCount ?? 0
    },

    async reminderActions(until) {
      return (
        db
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
          // The pg tables have the sqlite tables' names and columns; the condition is built over them.
          .where(reminderActionQuery({ trackedActions, plans } as never, until))
      )
    },

    async reminderPlans(until) {
      return db
        .select({ planId: plans.id, planTitle: plans.title, reviewDate: sql<string>`${plans.reviewDate}` })
        .from(plans)
        .where(and(isNull(plans.archivedAt), isNull(plans.deletedAt), isNotNull(plans.reviewDate), lte(plans.reviewDate, until)))
    },
  }
}
