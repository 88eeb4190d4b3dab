/**
 * The answers about notifications (shared/src/notifications.ts), in a chunk of their own:
 * loaded with the first such request (the bell's count), never weighing on the first page.
 */
export { NotificationList, NotificationPrefs, NotificationsUnread } from '@hononga/shared'
