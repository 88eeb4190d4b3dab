import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'wouter'
import type * as Y from 'yjs'
import type { AgreementTargetKind, Member } from '@hononga/shared'
import { StepAgreementHint } from '../agreement/StepAgreementHint'
import { STEPS, type StepId } from '../plan-steps'

/** What each step's items are, as agreement counts them. */
const AGREED_KIND: Record<StepId, AgreementTargetKind | null> = {
  'focus-areas': 'focusArea',
  environment: 'condition',
  actions: 'action',
  monitoring: 'monitoring',
  // The commitments are not agreed as items: each partner gives its own account or assessment.
  commitments: null,
}

/**
 * The four ROCC steps as a numbered list of links (a stepper): each shows how many items it
 * holds and what matters next: what is missing, and how far agreement has come ("3 of 5
 * agreed · 1 changed since agreed · 1 waiting"). The current step carries aria-current.
 * `members` decide which partners' agreement counts, as on each item.
 */
export function StepNav({ doc, planId, current, members }: { doc: Y.Doc; planId: string; current: StepId; members: readonly Member[] }) {
  const { t } = useTranslation('workspace')
  const { t: tc } = useTranslation('common')
  const { t: ts } = useTranslation('steps')
  // Counts and completeness change with any edit anywhere in the plan.
  const version = useDocVersion(doc)
  return (
    <nav className="step-nav" aria-label={t('stepsNav')} data-version={version}>
      <ol>
        {STEPS.map((step, index) => {
          const summary = step.summarise(doc)
          const active = step.id === current
          const kind = AGREED_KIND[step.id]
          return (
            <li key={step.id} className={active ? 'step-nav-item active' : 'step-nav-item'}>
              <Link href={`/plans/${planId}/${step.id}`} aria-current={active ? 'page' : undefined} className="step-nav-link">
                <span className="step-nav-number" aria-hidden="true">
                  {index + 1}
                </span>
                <span className="step-nav-text">
                  <span className="visually-hidden">{t('stepNumber', { number: index + 1 })}: </span>
                  <span className="step-nav-name">{tc(step.labelKey)}</span>
                  <span className="step-nav-meta">
                    {t('itemCount', { count: summary.count })} ·{' '}
                    {kind === null ? (
                      <span className="step-nav-hint">{ts(summary.hintKey, summary.hintValues ?? {})}</span>
                    ) : summary.complete ? (
                      <StepAgreementHint doc={doc} members={members} kind={kind} />
                    ) : (
                      <>
                        <span className="step-nav-hint">{ts(summary.hintKey, summary.hintValues ?? {})}</span>
                        <StepAgreementHint doc={doc} members={members} kind={kind} started lead=" · " />
                      </>
                    )}
                  </span>
                </span>
              </Link>
            </li>
          )
        })}
      </ol>
    </nav>
  )
}

/** A number that changes whenever the document does (any edit, local or remote). */
function useDocVersion(doc: Y.Doc): number {
  const [version, setVersion] = useState(0)
  useEffect(() => {
    let scheduled = false
    const onUpdate = () => {
      // Summaries walk the whole plan: at most once per frame, however fast people type.
      if (scheduled) return
      scheduled = true
      requestAnimationFrame(() => {
        scheduled = false
        setVersion((v) => v + 1)
      })
    }
    doc.on('update', onUpdate)
    return () => doc.off('update', onUpdate)
  }, [doc])
  return version
}
