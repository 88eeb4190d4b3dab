import { useMemo, useSyncExternalStore } from 'react'
import { useTranslation } from 'react-i18next'
import { summariseAgreement, type AgreementTarget, type PlanJson } from '@hononga/shared'
import { AgreementStateBadge } from '../../agreement/AgreementGlance'
import { usePlanItems, type PlanItems } from '../../agreement/PlanItemsContext'
import { isEmptyRichText, RichTextView } from '../../history/RichTextView'
import type { AgendaEntry } from '../agenda'
import { AgendaItemText } from './AgendaItemText'

const CHAIN = ['activity', 'output', 'outcome', 'impact'] as const

/**
 * What an agenda item shows below its title: for a plan item, its description or results chain
 * (rendered from the document as it is now, read-only); for a step, the step's items with where
 * agreement stands on each; for karakia, mihi and the like, their words (see AgendaItemText).
 */
export function PresentedItem({ entry }: { entry: AgendaEntry }) {
  const items = usePlanItems()
  if (!items) return null
  if (entry.target) return <PlanItemBody items={items} target={entry.target} />
  if (entry.kind === 'step' && entry.stepId) return <StepBody items={items} stepId={entry.stepId} />
  return <AgendaItemText entry={entry} />
}

function usePlan(items: PlanItems): PlanJson {
  return useSyncExternalStore(items.store.subscribe, items.store.currentPlan)
}

function PlanItemBody({ items, target }: { items: PlanItems; target: AgreementTarget }) {
  const { t } = useTranslation('hui')
  const { t: th } = useTranslation('history')
  const plan = usePlan(items)
  switch (target.kind) {
    case 'focusArea':
    case 'condition': {
      const item = (target.kind === 'focusArea' ? plan.focusAreas : plan.conditions).find((candidate) => candidate.id === target.id)
      if (!item) return <p className="present-empty">{t('present.removed')}</p>
      return isEmptyRichText(item.description) ? null : <RichTextView value={item.description} className="present-text" />
    }
    case 'action': {
      const action = plan.actions.find((candidate) => candidate.id === target.id)
      if (!action) return <p className="present-empty">{t('present.removed')}</p>
      return (
        <dl className="present-chain">
          {CHAIN.map((part) => (
            <div key={part} className="present-chain-part">
              <dt>{th(`preview.chain.${part}`)}</dt>
              <dd>{isEmptyRichText(action[part]) ? '—' : <RichTextView value={action[part]} className="present-text" />}</dd>
            </div>
          ))}
        </dl>
      )
    }
    case 'monitoring': {
      const action = plan.actions.find((candidate) => candidate.id === target.id)
      if (!action) return <p className="present-empty">{t('present.removed')}</p>
      return (
        <>
          <h2 className="present-subheading">{t('present.measures')}</h2>
          {action.measures.length === 0 ? (
            <p className="present-empty">{t('present.noMeasures')}</p>
          ) : (
            <ul className="present-measures">
              {action.measures.map((measure) => (
                <li key={measure.id}>
                  {measure.name}
                  {(measure.baseline !== null || measure.target !== null) && (
                    <span className="present-measure-range">
                      {' '}
                      ({measure.baseline ?? '—'} → {measure.target ?? '—'}
                      {measure.unit ? ` ${measure.unit}` : ''})
                    </span>
                  )}
                </li>
              ))}
            </ul>
          )}
        </>
      )
    }
  }
}

/** A ROCC step: its items, each with where agreement stands. */
function StepBody({ items, stepId }: { items: PlanItems; stepId: string }) {
  const { t } = useTranslation('hui')
  const plan = usePlan(items)
  const rows: { target: AgreementTarget; title: string }[] =
    stepId === 'focus-areas'
      ? plan.focusAreas.map((area) => ({ target: { kind: 'focusArea', id: area.id }, title: area.title }))
      : stepId === 'environment'
        ? plan.conditions.map((condition) => ({ target: { kind: 'condition', id: condition.id }, title: condition.title }))
        : stepId === 'actions'
          ? plan.actions.map((action) => ({ target: { kind: 'action', id: action.id }, title: action.title }))
          : plan.actions.map((action) => ({ target: { kind: 'monitoring', id: action.id }, title: action.title }))
  return (
    <>
      {stepId === 'environment' && !isEmptyRichText(plan.environment) && <RichTextView value={plan.environment} className="present-text" />}
      <h2 className="present-subheading">{t('present.itemsInStep')}</h2>
      {rows.length === 0 ? (
        <p className="present-empty">{t('present.noItems')}</p>
      ) : (
        <ul className="present-step-items">
          {rows.map((row) => (
            <StepItemRow key={`${row.target.kind}|${row.target.id}`} items={items} target={row.target} title={row.title} />
          ))}
        </ul>
      )}
    </>
  )
}

function StepItemRow({ items, target, title }: { items: PlanItems; target: AgreementTarget; title: string }) {
  const { t } = useTranslation('hui')
  const agreement = useSyncExternalStore(items.store.subscribe, () => items.store.agreementOf(target))
  const summary = useMemo(() => summariseAgreement(items.partners, agreement.records, agreement.fingerprint), [items.partners, agreement])
  return (
    <li className="present-step-item">
      <span className="present-step-item-title">{title.trim() || t('agenda.untitledItem')}</span>
      <AgreementStateBadge state={summary.state} />
    </li>
  )
}
