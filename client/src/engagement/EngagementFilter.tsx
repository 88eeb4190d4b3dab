import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { ENGAGEMENT_LEVELS, isEngagementLevel, type EngagementLevel } from '@hononga/shared'

/** The tracker's engagement-level filter (issue 13 §4): any level, or one of the spectrum. */
export function EngagementFilter({ value, onChange }: { value: EngagementLevel | ''; onChange: (level: EngagementLevel | '') => void }) {
  const { t } = useTranslation('partnership')
  const id = useId()
  return (
    <div className="field">
      <label htmlFor={id}>{t('engagement.filter')}</label>
      <select id={id} value={value} onChange={(event) => onChange(isEngagementLevel(event.target.value) ? event.target.value : '')}>
        <option value="">{t('engagement.filterAny')}</option>
        {ENGAGEMENT_LEVELS.map((level) => (
          <option key={level} value={level}>
            {t(`engagement.levels.${level}.name`)}
          </option>
        ))}
      </select>
    </div>
  )
}
