import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { AgreementTarget, PlanJson, PriorityActionJson } from '@hononga/shared'
import { isEmptyRichText, RichTextView } from './RichTextView'

const CHAIN = ['activity', 'output', 'outcome', 'impact'] as const

type Level = 1 | 2 | 3 | 4 | 5 | 6

/** A heading of a level computed from where the preview sits. */
function Heading({ level, className, children }: { level: number; className?: string; children: ReactNode }) {
  const Tag = `h${Math.min(6, Math.max(1, level)) as Level}` as const
  return <Tag className={className}>{children}</Tag>
}

/**
 * A whole plan, read-only, as a snapshot (or the plan now) holds it: for previewing history
 * before a restore, and for the printable plan. React elements only: no text of the plan is
 * ever read as markup.
 *
 * `level` is the plan title's heading level (3 inside the history dialog, 1 on its own
 * page); the ROCC steps sit one level below it, their items two. `itemExtra` adds something
 * under each item that can be agreed (the printable plan adds its agreement); `intro` goes
 * under the title; `monitoring` adds the fourth step (measures and progress).
 */
export function PlanPreview({
  plan,
  level = 3,
  intro,
  itemExtra,
  monitoring = false,
  emptyText,
}: {
  plan: PlanJson
  /** Said of an empty step (default: "Nothing here in this snapshot."). */
  emptyText?: string
  level?: 1 | 3
  intro?: ReactNode
  itemExtra?: (target: AgreementTarget) => ReactNode
  monitoring?: boolean
}) {
  const { t } = useTranslation('history')
  const { t: tc } = useTranslation('common')
  const { t: ts } = useTranslation('steps')
  const empty = <p className="preview-empty">{emptyText ?? t('preview.empty')}</p>
  const stepLevel = level + 1
  const itemLevel = level + 2
  return (
    <article className="plan-preview" aria-label={t('preview.label', { title: plan.meta.title })}>
      <Heading level={level} className="preview-title">
        {plan.meta.title}
      </Heading>
      <p className="preview-place">{[plan.meta.community, plan.meta.district].filter(Boolean).join(' · ')}</p>
      {intro}

      <section className="preview-step">
        <Heading level={stepLevel} className="preview-step-heading">
          {tc('steps.focusAreas')}
        </Heading>
        {plan.focusAreas.length === 0
          ? empty
          : plan.focusAreas.map((area) => (
              <section key={area.id} className="preview-item">
                <Heading level={itemLevel} className="preview-item-heading">
                  {area.title || t('preview.untitled')}
                </Heading>
                {!isEmptyRichText(area.description) && <RichTextView value={area.description} />}
                {itemExtra?.({ kind: 'focusArea', id: area.id })}
              </section>
            ))}
      </section>

      <section className="preview-step">
        <Heading level={stepLevel} className="preview-step-heading">
          {tc('steps.environment')}
        </Heading>
        {isEmptyRichText(plan.environment) ? empty : <RichTextView value={plan.environment} />}
        {plan.conditions.length > 0 && (
          <Heading level={itemLevel} className="preview-subheading">
            {t('preview.conditions')}
          </Heading>
        )}
        {plan.conditions.map((condition) => (
          <section key={condition.id} className="preview-item">
            <Heading level={itemLevel + 1} className="preview-item-heading">
              {condition.title || t('preview.untitled')}
            </Heading>
            {!isEmptyRichText(condition.description) && <RichTextView value={condition.description} />}
            {itemExtra?.({ kind: 'condition', id: condition.id })}
          </section>
        ))}
      </section>

      <section className="preview-step">
        <Heading level={stepLevel} className="preview-step-heading">
          {tc('steps.actions')}
        </Heading>
        {plan.actions.length === 0
          ? empty
          : plan.actions.map((action) => (
              <section key={action.id} className="preview-item">
                <Heading level={itemLevel} className="preview-item-heading">
                  {action.title || t('preview.untitled')}
                </Heading>
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
                    status: ts(`status.${action.status}`),
                    lead: action.lead || '—',
                    due: action.dueDate ?? '—',
                    measures: action.measures.length,
                  })}
                  {action.partners.length > 0 && ` · ${t('preview.partners', { partners: action.partners.join(', ') })}`}
                </p>
                {itemExtra?.({ kind: 'action', id: action.id })}
              </section>
            ))}
      </section>

      {monitoring && (
        <section className="preview-step">
          <Heading level={stepLevel} className="preview-step-heading">
            {tc('steps.monitoring')}
          </Heading>
          {plan.actions.length === 0
            ? empty
            : plan.actions.map((action) => (
                <section key={action.id} className="preview-item">
                  <Heading level={itemLevel} className="preview-item-heading">
                    {action.title || t('preview.untitled')}
                  </Heading>
                  <ActionMonitoringPreview action={action} />
                  {itemExtra?.({ kind: 'monitoring', id: action.id })}
                </section>
              ))}
        </section>
      )}
    </article>
  )
}

/** One action's measures (a table) and the progress reported on it, newest first. */
function ActionMonitoringPreview({ action }: { action: PriorityActionJson }) {
  const { t } = useTranslation('history')
  const { t: ts } = useTranslation('steps')
  const number = (value: number | null) => (value === null ? '—' : String(value))
  const measureName = new Map(action.measures.map((m) => [m.id, m.name || ts('monitoring.unnamed')]))
  return (
    <>
      {action.measures.length === 0 ? (
        <p className="preview-empty">{ts('monitoring.noMeasures')}</p>
      ) : (
        <div className="preview-table-wrap">
          <table className="preview-table">
            <caption className="visually-hidden">{t('preview.measuresOf', { title: action.title || t('preview.untitled') })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('preview.measure')}</th>
                <th scope="col">{ts('monitoring.baseline')}</th>
                <th scope="col">{ts('monitoring.target')}</th>
                <th scope="col">{ts('monitoring.unit')}</th>
                <th scope="col">{ts('monitoring.frequency')}</th>
                <th scope="col">{ts('monitoring.reporter')}</th>
              </tr>
            </thead>
            <tbody>
              {action.measures.map((measure) => (
                <tr key={measure.id}>
                  <th scope="row">{measureName.get(measure.id)}</th>
                  <td>{number(measure.baseline)}</td>
                  <td>{number(measure.target)}</td>
                  <td>{measure.unit || '—'}</td>
                  <td>{ts(`frequency.${measure.frequency}`)}</td>
                  <td>{measure.reporter || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {action.progress.length > 0 && (
        <ul className="preview-progress">
          {[...action.progress]
            .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0))
            .map((entry) => (
              <li key={entry.id}>
                <span className="preview-progress-date">{entry.date}</span>
                {entry.status && ` · ${ts(`status.${entry.status}`)}`}
                {Object.entries(entry.values).map(([id, value]) => ` · ${measureName.get(id) ?? '?'}: ${value}`)}
                {entry.note && ` · ${entry.note}`}
                {entry.authorName && ` (${entry.authorName})`}
              </li>
            ))}
        </ul>
      )}
    </>
  )
}
