import { useTranslation } from 'react-i18next'
import { NotificationSettingsSection } from '../notifications/NotificationSettingsSection'
import { CalendarFeedSection } from '../schedule/CalendarFeedSection'
import { useDocumentTitle } from '../ui/useDocumentTitle'

/**
 * The person's settings (/settings, from the header): one section per concern, each its own
 * component (the calendar feed; notification settings join here).
 */
export default function SettingsPage() {
  const { t } = useTranslation('schedule')
  useDocumentTitle(t('settings.title'))
  return (
    <div className="page settings-page">
      <h1>{t('settings.title')}</h1>
      <CalendarFeedSection />
      <NotificationSettingsSection />
    </div>
  )
}
