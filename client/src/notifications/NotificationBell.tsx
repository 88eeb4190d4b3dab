import { useTranslation } from 'react-i18next'
import { Link } from 'wouter'
import { useUnreadCount } from './useUnreadCount'
import './notifications.css'

const BELL_PATH =
  'M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16' +
  'A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z'

/**
 * The bell in the header: a link to /notifications whose name says how many are unread
 * ("Notifications, 3 unread"), with the count shown as a badge.
 */
export function NotificationBell({ signedIn }: { signedIn: boolean }) {
  const { t } = useTranslation('notifications')
  const unread = useUnreadCount(signedIn)
  if (!signedIn) return null
  const label = unread ? t('bellUnread', { count: unread }) : t('bell')
  return (
    <Link href="/notifications" className="notification-bell" aria-label={label} title={label}>
      <svg aria-hidden="true" focusable="false" width="20" height="20" viewBox="0 0 24 24">
        <path fill="currentColor" d={BELL_PATH} />
      </svg>
      {unread ? (
        <span className="notification-count" aria-hidden="true">
          {unread > 99 ? '99+' : unread}
        </span>
      ) : null}
    </Link>
  )
}
