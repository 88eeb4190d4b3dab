import { useTranslation } from 'react-i18next'
import type { PlanJson } from '@hononga/shared'
import { isEmptyRichText, RichTextView } from './RichTextView'

const CHAIN = ['activity', 'output', 'outcome', 'impact'] as const

/** A whole plan, read-only, as a snapshot held it: for previewing history before a restore. */
export function PlanPreview({ plan }: { plan: PlanJson }) {
  const { t } = useTranslation('history')
  const { t: tc } = useTranslation('common')
  const empty = <p className="preview-empty">{t('preview.empty')}</p>
  return (
    <article className="plan-preview" aria-label={t('preview.label', { title: plan.meta.title })}>
      <h3>{plan.meta.title}</h3>
      <p className="preview-place">{[plan.meta.community, plan.meta.district].filter(Boolean).join(' · ')}</p>

      <h4>{tc('steps.focusAreas')}</h4>
      {plan.focusAreas.length === 0
        ? empty
        : plan.focusAreas.map((area) => (
            <section key={area.id} className="preview-item">
              <h5>{area.title || t('preview.untitled')}</h5>
              {!isEmptyRichText(area.description) && <RichTextView value={area.description} />}
            </section>
          ))}

      <h4>{tc('steps.environment')}</h4>
      {isEmptyRichText(plan.environment) ? empty : <RichTextView value={plan.environment} />}
      {plan.conditions.map((condition) => (
        <section key={condition.id} className="preview-item">
          <h5>{condition.title || t('preview.untitled')}</h5>
          {!isEmptyRichText(condition.description) && <RichTextView value={condition.description} />}
        </section>
      ))}

      <h4>{tc('steps.actions')}</h4>
      {plan.actions.length === 0
        ? empty
        : plan.actions.map((action) => (
            <section key={action.id} className="preview-item">
              <h5>{action.title || t('preview.untitled')}</h5>
              <dl className="preview-chain">
                {CHAIN.map((part) => (
                  <div key={part}>
                    <dt>{t(`preview.chain.${part}`)}</dt>
                    <dd>{isEmptyRichText(action[part]) ? '—' : <RichTextView value={action[part]} />}</dd>
                  </div>
                ))}
              </dl>
              <p className="preview-facts">
                {t('preview.facts', {
                  status: action.status,
                  lead: action.lead || '—',
                  due: action.dueDate ?? '—',
                  measures: action.measures.length,
                })}
              </p>
            </section>
          ))}
    </article>
  )
}
