import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { NOTIFICATION_KIND_LIST, NOTIFICATION_MODES, type NotificationPrefs } from '@hononga/shared'
import { api, ApiError } from '../api/client'
import { Notice } from '../ui/Notice'
import './notifications.css'

/** "Notifications by email" on the settings page: at once, daily digest or never, per kind. */
export function NotificationSettingsSection() {
  const { t } = useTranslation('notifications')
  const { t: tc } = useTranslation('common')
  const [prefs, setPrefs] = useState<NotificationPrefs | null>(null)
  const [status, setStatus] = useState<string | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const fail = (caught: unknown) => setProblem(caught instanceof ApiError ? caught.message : tc('status.networkError'))

  useEffect(() => {
    api.notificationPrefs().then(setPrefs, fail)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  const handleChange = async (kind: string, mode: string) => {
    setStatus(null)
    setProblem(null)
    try {
      setPrefs(await api.setNotificationPref(kind, mode))
      setStatus(t('email.saved'))
    } catch (caught) {
      fail(caught)
    }
  }

  return (
    <section aria-labelledby="notification-email-title" className="settings-section">
      <h2 id="notification-email-title">{t('email.title')}</h2>
      <p>{t('email.intro')}</p>
      {prefs && !prefs.emailEnabled && <Notice kind="info">{t('email.off')}</Notice>}
      {problem && <Notice kind="error">{problem}</Notice>}
      {prefs && (
        <div className="notification-prefs">
          {NOTIFICATION_KIND_LIST.map((kind) => (
            <div key={kind} style={{ display: 'contents' }}>
              <label htmlFor={`notify-${kind}`}>{t(`kinds.${kind}`)}</label>
              <select
                id={`notify-${kind}`}
                value={prefs.modes[kind] ?? 'daily'}
                onChange={(event) => void handleChange(kind, event.target.value)}
              >
                {NOTIFICATION_MODES.map((mode) => (
                  <option key={mode} value={mode}>
                    {t(`email.modes.${mode}`)}
                  </option>
                ))}
              </select>
            </div>
          ))}
        </div>
      )}
      <p role="status">{status}</p>
    </section>
  )
}
