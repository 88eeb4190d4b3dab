import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'wouter'
import type * as Y from 'yjs'
import { STEPS, type StepId } from '../plan-steps'

/**
 * The four ROCC steps as a numbered list of links (a stepper): each shows how many items it
 * holds and whether it looks finished, with the hint of what is missing. The current step
 * carries aria-current.
 */
export function StepNav({ doc, planId, current }: { doc: Y.Doc; planId: string; current: StepId }) {
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
                    {summary.complete ? (
                      <span className="step-nav-complete">
                        <span aria-hidden="true">✓ </span>
                        {t('complete')}
                      </span>
                    ) : (
                      <span className="step-nav-hint">{ts(summary.hintKey, summary.hintValues ?? {})}</span>
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
