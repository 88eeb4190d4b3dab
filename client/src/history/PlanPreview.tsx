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

/** One ROCC step of the preview: its name, then what it holds. */
function PreviewStep({ level, title, children }: { level: number; title: string; children: ReactNode }) {
  return (
    <section className="preview-step">
      <Heading level={level} className="preview-step-heading">
        {title}
      </Heading>
      {children}
    </section>
  )
}

/** One item of a step (a focus area, a condition, an action): its title, what it says, then `extra`. */
function PreviewItem({ level, title, extra, children }: { level: number; title: string; extra: ReactNode; children: ReactNode }) {
  return (
    <section className="preview-item">
      <Heading level={level} className="preview-item-heading">
        {title}
      </Heading>
      {children}
      {extra}
    </section>
  )
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
  const untitled = t('preview.untitled')
  return (
    <article className="plan-preview" aria-label={t('preview.label', { title: plan.meta.title })}>
      <Heading level={level} className="preview-title">
        {plan.meta.title}
      </Heading>
      <p className="preview-place">{[plan.meta.community, plan.meta.district].filter(Boolean).join(' · ')}</p>
      {intro}

      <PreviewStep level={stepLevel} title={tc('steps.focusAreas')}>
        {plan.focusAreas.length === 0
          ? empty
          : plan.focusAreas.map((area) => (
              <PreviewItem
                key={area.id}
                level={itemLevel}
                title={area.title || untitled}
                extra={itemExtra?.({ kind: 'focusArea', id: area.id })}
              >
                {!isEmptyRichText(area.description) && <RichTextView value={area.description} />}
              </PreviewItem>
            ))}
      </PreviewStep>

      <PreviewStep level={stepLevel} title={tc('steps.environment')}>
        {isEmptyRichText(plan.environment) ? empty : <RichTextView value={plan.environment} />}
        {plan.conditions.length > 0 && (
          <Heading level={itemLevel} className="preview-subheading">
            {t('preview.conditions')}
          </Heading>
        )}
        {plan.conditions.map((condition) => (
          <PreviewItem
            key={condition.id}
            level={itemLevel + 1}
            title={condition.title || untitled}
            extra={itemExtra?.({ kind: 'condition', id: condition.id })}
          >
            {!isEmptyRichText(condition.description) && <RichTextView value={condition.description} />}
          </PreviewItem>
        ))}
      </PreviewStep>

      <PreviewStep level={stepLevel} title={tc('steps.actions')}>
        {plan.actions.length === 0
          ? empty
          : plan.actions.map((action) => (
              <PreviewItem
                key={action.id}
                level={itemLevel}
                title={action.title || untitled}
                extra={itemExtra?.({ kind: 'action', id: action.id })}
              >
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
              </PreviewItem>
            ))}
      </PreviewStep>

      {monitoring && (
        <PreviewStep level={stepLevel} title={tc('steps.monitoring')}>
          {plan.actions.length === 0
            ? empty
            : plan.actions.map((action) => (
                <PreviewItem
                  key={action.id}
                  level={itemLevel}
                  title={action.title || untitled}
                  extra={itemExtra?.({ kind: 'monitoring', id: action.id })}
                >
                  <ActionMonitoringPreview action={action} />
                </PreviewItem>
              ))}
        </PreviewStep>
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
