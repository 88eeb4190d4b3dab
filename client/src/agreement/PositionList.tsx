import { useTranslation } from 'react-i18next'
import type { AgreementSummary, Partner } from '@hononga/shared'
import { DateTime, RelativeTime } from '../i18n/dates'
import { usePartnerName } from './AgreementGlance'
import type { VoicelessReason } from './voice'

/**
 * Each partner's position on an item: the position, its comment, who recorded it and when.
 * A position recorded on an earlier version of the item says so: it no longer counts.
 */
export function PositionList({
  summary,
  id,
  absolute = false,
  voiceless = [],
}: {
  summary: AgreementSummary
  id: string
  /** Dates as dates, not "3 hours ago" (on paper). */
  absolute?: boolean
  /** The plan's partners that are not counted now, and why. */
  voiceless?: readonly { partner: Partner; reason: VoicelessReason }[]
}) {
  const { t } = useTranslation('agreement')
  const name = usePartnerName()
  return (
    <ul id={id} className="position-list">
      {summary.positions.map(({ partner, record, current }) => (
        <li key={partner.key} className={`position position-${record && current ? record.position.replace(/\s+/g, '-') : 'none'}`}>
          <p className="position-head">
            <span className="position-partner">{name(partner)}</span>
            {': '}
            <span className="position-word">{record ? t(`recorded.${record.position}`) : t('recorded.none')}</span>
            {record && !current && <span className="position-stale"> {t('earlierVersion')}</span>}
          </p>
          {record && record.comment !== '' && <p className="position-comment">{record.comment}</p>}
          {record && (
            <p className="position-meta">
              {t('recordedBy', { name: record.recordedByName || t('someone') })}{' '}
              {absolute ? (
                <DateTime iso={new Date(record.recordedAt).toISOString()} />
              ) : (
                <RelativeTime iso={new Date(record.recordedAt).toISOString()} />
              )}
            </p>
          )}
        </li>
      ))}
      {voiceless.map(({ partner, reason }) => (
        <li key={partner.key} className="position position-voiceless">
          <p className="position-head">
            <span className="position-partner">{name(partner)}</span>
            {': '}
            <span className="position-word">{t(`notCounted.${reason}`)}</span>
          </p>
        </li>
      ))}
    </ul>
  )
}
