import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api, ApiError } from '../api/client'
import { Button } from '../ui/Button'
import { Notice } from '../ui/Notice'
import './schedule.css'

/**
 * The private calendar feed on the settings page: make an address (shown once, since only
 * its hash is kept), copy it, or revoke it. A new address stops the old one working.
 */
export function CalendarFeedSection() {
  const { t } = useTranslation('schedule')
  const { t: tc } = useTranslation('common')
  const [url, setUrl] = useState<string | null>(null)
  const [status, setStatus] = useState<string | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const run = async (work: () => Promise<void>) => {
    setBusy(true)
    setProblem(null)
    setStatus(null)
    try {
      await work()
    } catch (caught) {
      setProblem(caught instanceof ApiError ? caught.message : tc('status.networkError'))
    } finally {
      setBusy(false)
    }
  }
  const handleCreate = () => run(async () => setUrl((await api.createCalendarFeed()).url))
  const handleRevoke = () =>
    run(async () => {
      await api.revokeCalendarFeed()
      setUrl(null)
      setStatus(t('feed.revoked'))
    })
  const handleCopy = async () => {
    if (!url) return
    try {
      await navigator.clipboard.writeText(url)
      setStatus(t('feed.copied'))
    } catch {
      // No clipboard (an insecure origin): the address stays selectable in the field.
    }
  }

  return (
    <section aria-labelledby="calendar-feed-title" className="settings-section">
      <h2 id="calendar-feed-title">{t('feed.title')}</h2>
      <p>{t('feed.intro')}</p>
      {problem && <Notice kind="error">{problem}</Notice>}
      <p role="status">{status}</p>
      {url && (
        <div>
          <label htmlFor="calendar-feed-url">{t('feed.address')}</label>
          <input id="calendar-feed-url" className="schedule-feed-url" readOnly value={url} onFocus={(event) => event.target.select()} />
          <p className="schedule-note">{t('feed.shownOnce')}</p>
        </div>
      )}
      <div className="schedule-actions">
        {url && <Button onClick={() => void handleCopy()}>{t('feed.copy')}</Button>}
        <Button variant="primary" disabled={busy} onClick={() => void handleCreate()} title={t('feed.renewHint')}>
          {url ? t('feed.renew') : t('feed.create')}
        </Button>
        <Button variant="danger" disabled={busy} onClick={() => void handleRevoke()}>
          {t('feed.revoke')}
        </Button>
      </div>
    </section>
  )
}
