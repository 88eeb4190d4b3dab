import { useTranslation } from 'react-i18next'
import { getPlanRoots } from '@hononga/shared'
import { CommentsPanel } from '../comments/CommentsPanel'
import { RichTextField } from '../editor/RichTextField'
import { SectionItemList } from './SectionItemList'
import { StepSection } from './StepSection'
import type { StepProps } from './types'

/**
 * ROCC step 2: a shared understanding of the local environment (one text everyone writes
 * together) and the conditions that must hold for the plan to succeed.
 */
export function EnvironmentStep({ session, canEdit }: StepProps) {
  const { t } = useTranslation('steps')
  const environment = getPlanRoots(session.doc).environment
  return (
    <StepSection labelKey="steps.environment" step="environment">
      <div className="step-part">
        <h3>{t('environment.understandingHeading')}</h3>
        <p className="step-part-help">{t('environment.understandingHelp')}</p>
        <RichTextField
          fragment={environment}
          session={session}
          editable={canEdit}
          label={t('environment.understandingLabel')}
          hideLabel
          placeholder={t('environment.understandingPlaceholder')}
        />
        <CommentsPanel target={{ kind: 'environment', id: '' }} title={t('environment.understandingHeading')} />
      </div>
      <div className="step-part">
        <h3>{t('conditions.heading')}</h3>
        <p className="step-part-help">{t('conditions.help')}</p>
        <SectionItemList kind="conditions" session={session} canEdit={canEdit} headingLevel={4} />
      </div>
    </StepSection>
  )
}
