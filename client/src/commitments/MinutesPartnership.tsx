import { useTranslation } from 'react-i18next'
import type { HuiMinutes } from '@hononga/shared'
import { usePartnerName } from '../agreement/AgreementGlance'

/**
 * What the minutes of a hui say of partnership (issue 13 §4, §5): the engagement levels the
 * hui agreed while it ran, and the co-design commitments reviewed at it (Police's account
 * first, then each partner's assessment). Nothing when the hui did neither.
 */
export function MinutesPartnership({ minutes }: { minutes: Pick<HuiMinutes, 'engagement' | 'commitments'> }) {
  const { t } = useTranslation('partnership')
  const partnerName = usePartnerName()
  return (
    <>
      {minutes.engagement.length > 0 && (
        <section aria-labelledby="minutes-engagement">
          <h2 id="minutes-engagement">{t('minutes.engagement')}</h2>
          <ul className="minutes-list">
            {minutes.engagement.map((item) => (
              <li key={`${item.target.kind}|${item.target.id}`}>
                {t('minutes.engagementLine', {
                  title: item.title || t('minutes.removedItem'),
                  level: t(`engagement.levels.${item.level}.name`),
                })}
              </li>
            ))}
          </ul>
        </section>
      )}
      {minutes.commitments.length > 0 && (
        <section aria-labelledby="minutes-commitments">
          <h2 id="minutes-commitments">{t('minutes.commitments')}</h2>
          <ul className="minutes-list">
            {minutes.commitments.map((record) => (
              <li key={`${record.commitment}|${record.partner}`}>
                <strong>{t(`commitments.items.${record.commitment}`)}</strong> · {partnerName(record)}: {record.text}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  )
}
