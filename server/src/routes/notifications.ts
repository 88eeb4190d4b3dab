import { Hono } from 'hono'
import {
  MarkNotificationsReadBody,
  NOTIFICATION_KIND_LIST,
  NotificationPrefBody,
  NotificationsQuery,
  type NotificationItem,
  type NotificationList,
  type NotificationPrefs,
} from '@hononga/shared'
import type { AppDeps, AppEnv } from '../app-env'
import { requireUser } from '../auth/access'
import { defaultMode, type NotificationRow } from '../db/notifications'
import { readJsonBody, readQuery } from './body'

function itemOf(row: NotificationRow): NotificationItem {
  let payload: Record<string, unknown> = {}
  try {
    const value: unknown = JSON.parse(row.payload)
    if (value && typeof value === 'object') payload = value as Record<string, unknown>
  } catch {
    // A row is written by the server only; an unreadable payload shows as an empty one.
  }
  return {
    id: row.id,
    planId: row.planId,
    kind: row.kind,
    payload,
    createdAt: new Date(row.createdAt).toISOString(),
    read: row.readAt !== null,
  }
}

/**
 * The caller's notifications (issue 14): the list with its unread count, marking read, and
 * how each kind is emailed. Everything is the signed-in person's own: no id in a path.
 */
export function notificationRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()

  const prefsOf = async (userId: string): Promise<NotificationPrefs> => {
    const chosen = await deps.repos.notifications.getNotificationPrefs(userId)
    const modes = Object.fromEntries(NOTIFICATION_KIND_LIST.map((kind) => [kind, chosen[kind] ?? defaultMode(kind)]))
    return { emailEnabled: deps.mail.enabled, modes }
  }

  app.get('/api/notifications', async (c) => {
    const user = requireUser(c)
    const query = readQuery(c, NotificationsQuery)
    const page = await deps.repos.notifications.listNotifications(user.id, { before: query.before, limit: query.limit })
    const body: NotificationList = { items: page.items.map(itemOf), unread: page.unread }
    return c.json(body)
  })

  app.post('/api/notifications/read', async (c) => {
    const user = requireUser(c)
    const body = await readJsonBody(c, MarkNotificationsReadBody)
    await deps.repos.notifications.markNotificationsRead(user.id, 'all' in body ? 'all' : { ids: body.ids }, deps.now())
    const page = await deps.repos.notifications.listNotifications(user.id, { limit: 1 })
    return c.json({ unread: page.unread })
  })

  app.get('/api/notifications/prefs', async (c) => {
    const user = requireUser(c)
    return c.json(await prefsOf(user.id))
  })

  app.put('/api/notifications/prefs', async (c) => {
    const user = requireUser(c)
    const body = await readJsonBody(c, NotificationPrefBody)
    await deps.repos.notifications.setNotificationPref(user.id, body.kind, body.mode)
    return c.json(await prefsOf(user.id))
  })

  return app
}
