import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'wouter'
import type { NotificationItem } from '@hononga/shared'
import { api, ApiError } from '../api/client'
import { RelativeTime, useDateFormat } from '../i18n/dates'
import { Button } from '../ui/Button'
import { Notice } from '../ui/Notice'
import { useDocumentTitle } from '../ui/useDocumentTitle'
import { UNREAD_CHANGED } from './useUnreadCount'
import './notifications.css'

const STEP_OF: Record<string, string> = { focusArea: 'focus-areas', condition: 'environment', action: 'actions', monitoring: 'monitoring' }

/** Where a notification leads: the plan's step holding the item, or the plan. */
export function notificationHref(item: NotificationItem): string | null {
  if (!item.planId) return null
  const target = item.payload.target as { kind?: string } | undefined
  const step = target?.kind ? STEP_OF[target.kind] : undefined
  return `/plans/${encodeURIComponent(item.planId)}${step ? `/${step}` : ''}`
}

const text = (value: unknown) => (typeof value === 'string' ? value : '')

/**
 * What needs you (/notifications): every notification, newest first, unread ones marked,
 * each leading to its plan's item; "Mark all read", and older ones a page at a time.
 */
export default function NotificationsPage() {
  const { t } = useTranslation('notifications')
  const { t: tc } = useTranslation('common')
  const dates = useDateFormat()
  useDocumentTitle(t('title'))
  const [items, setItems] = useState<NotificationItem[] | null>(null)
  const [unread, setUnread] = useState(0)
  const [more, setMore] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)

  const fail = (caught: unknown) => setProblem(caught instanceof ApiError ? caught.message : tc('status.networkError'))
  const load = useCallback(async () => {
    try {
      const page = await api.notifications()
      setItems(page.items)
      setUnread(page.unread)
      setMore(page.items.length > 0 && page.items.length >= 30)
    } catch (caught) {
      fail(caught)
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])
  useEffect(() => void load(), [load])

  const markRead = async (which: { ids: string[] } | { all: true }) => {
    try {
      const answer = await api.markNotificationsRead(which)
      setUnread(answer.unread)
      setItems(
        (current) => current?.map((item) => ('all' in which || which.ids.includes(item.id) ? { ...item, read: true } : item)) ?? null,
      )
      window.dispatchEvent(new Event(UNREAD_CHANGED))
    } catch (caught) {
      fail(caught)
    }
  }
  const handleOlder = async () => {
    const last = items?.[items.length - 1]
    if (!last) return
    try {
      const page = await api.notifications(last.id)
      setItems((current) => [...(current ?? []), ...page.items])
      setMore(page.items.length >= 30)
    } catch (caught) {
      fail(caught)
    }
  }

  const lineOf = (item: NotificationItem) => {
    const p = item.payload
    const date = text(p.dueDate) || text(p.reviewDate)
    const many = item.kind === 'position-needed' && Number(p.count) > 1
    return t((many ? 'lines.position-needed-many' : `lines.${item.kind}`) as 'lines.action-due', {
      count: Number(p.count) || 0,
      title: text(p.title),
      name: text(p.authorName),
      date: date ? dates.day(date) : '',
      defaultValue: text(p.title),
    })
  }

  return (
    <div className="page notifications-page">
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      {problem && <Notice kind="error">{problem}</Notice>}
      {items === null ? (
        <p role="status">{t('loading')}</p>
      ) : items.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <>
          <p role="status">{unread > 0 ? t('bellUnread', { count: unread }) : t('bell')}</p>
          <Button disabled={unread === 0} onClick={() => void markRead({ all: true })}>
            {t('markAllRead')}
          </Button>
          <ul className="notification-list">
            {items.map((item) => {
              const href = notificationHref(item)
              const line = lineOf(item)
              return (
                <li key={item.id} className="notification-item" data-unread={!item.read}>
                  <div>
                    <p className="notification-line">
                      {!item.read && <span className="visually-hidden">{t('unread')}: </span>}
                      {href ? (
                        <Link href={href} onClick={() => !item.read && void markRead({ ids: [item.id] })}>
                          {line}
                        </Link>
                      ) : (
                        line
                      )}
                    </p>
                    <p className="notification-meta">
                      {t(`kinds.${item.kind}` as 'kinds.action-due', { defaultValue: item.kind })}
                      {text(item.payload.planTitle) && ` · ${t('inPlan', { plan: text(item.payload.planTitle) })}`} ·{' '}
                      <RelativeTime iso={item.createdAt} />
                    </p>
                  </div>
                  {!item.read && (
                    <Button variant="quiet" onClick={() => void markRead({ ids: [item.id] })}>
                      {t('markRead')}
                    </Button>
                  )}
                </li>
              )
            })}
          </ul>
          {more && <Button onClick={() => void handleOlder()}>{t('more')}</Button>}
        </>
      )}
    </div>
  )
}
