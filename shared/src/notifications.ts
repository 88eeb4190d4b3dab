import { z } from 'zod'
import { z as mini } from 'zod/mini'

/**
 * In-app notifications and their email preferences (issue 14): the kinds, request bodies
 * (validated by the server) and answers (parsed by the client).
 */

/** What needs a person, in the order the settings list them. */
export const NOTIFICATION_KIND_LIST = [
  'changed-since-agreed',
  'position-needed',
  'action-due',
  'action-overdue',
  'review-due',
  'comment-reply',
  'hui-scheduled',
  'hui-changed',
] as const
export type NotificationKindName = (typeof NOTIFICATION_KIND_LIST)[number]

/** How a person wants one kind by email. */
export const NOTIFICATION_MODES = ['immediate', 'daily', 'never'] as const
export type NotificationEmailMode = (typeof NOTIFICATION_MODES)[number]

/** Most notifications a page holds. */
export const NOTIFICATION_PAGE_MAX = 100

/** GET /api/notifications?before=&limit= */
export const NotificationsQuery = z.object({
  before: z.string().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(NOTIFICATION_PAGE_MAX).default(30),
})

/** POST /api/notifications/read: these (the caller's own; others' ids are ignored), or all. */
export const MarkNotificationsReadBody = z.union([
  z.object({ ids: z.array(z.string().min(1).max(64)).min(1).max(NOTIFICATION_PAGE_MAX) }).strict(),
  z.object({ all: z.literal(true) }).strict(),
])
export type MarkNotificationsReadBody = z.infer<typeof MarkNotificationsReadBody>

/** PUT /api/notifications/prefs */
export const NotificationPrefBody = z.object({ kind: z.enum(NOTIFICATION_KIND_LIST), mode: z.enum(NOTIFICATION_MODES) })
export type NotificationPrefBody = z.infer<typeof NotificationPrefBody>

/** One notification as the list shows it; `payload` holds titles, dates and the item's `target`. */
export const NotificationItem = mini.object({
  id: mini.string(),
  planId: mini.nullable(mini.string()),
  kind: mini.string(),
  payload: mini.record(mini.string(), mini.unknown()),
  /** ISO 8601. */
  createdAt: mini.string(),
  read: mini.boolean(),
})
export type NotificationItem = z.infer<typeof NotificationItem>

/** GET /api/notifications: a page, newest first, and how many are unread in all. */
export const NotificationList = mini.object({ items: mini.array(NotificationItem), unread: mini.number() })
export type NotificationList = z.infer<typeof NotificationList>

/** POST /api/notifications/read: how many are still unread. */
export const NotificationsUnread = mini.object({ unread: mini.number() })
export type NotificationsUnread = z.infer<typeof NotificationsUnread>

/** GET/PUT /api/notifications/prefs: the email mode of every kind (the person's choice or the default). */
export const NotificationPrefs = mini.object({
  emailEnabled: mini.boolean(),
  modes: mini.record(mini.string(), mini.enum(NOTIFICATION_MODES)),
})
export type NotificationPrefs = z.infer<typeof NotificationPrefs>
