import { memo, useId } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { RESULTS_CHAIN, type ResultsChainStep } from '@hononga/shared'
import { RichTextField } from '../editor/RichTextField'
import type { PlanSession } from '../sync/planSession'

/**
 * The centre of a priority action: Activity → Output → Outcome → Impact, four texts joined
 * by arrows (a row on wide screens, a column on phones). The arrows are decoration: an
 * ordered list and each step's meaning say the same in words to screen readers.
 */
export const ResultsChain = memo(function ResultsChain({
  parts,
  title,
  session,
  canEdit,
}: {
  parts: Record<ResultsChainStep, Y.XmlFragment>
  /** The action's title as shown, for the editors' names ("Outcome for …"). */
  title: string
  session: PlanSession
  canEdit: boolean
}) {
  const { t } = useTranslation('steps')
  const baseId = useId()
  return (
    <ol role="list" className="results-chain" aria-label={t('chain.label', { title })}>
      {RESULTS_CHAIN.map((step, index) => {
        const meaningId = `${baseId}-${step}`
        return (
          <li key={step} className={`chain-step chain-${step}`}>
            <div className="chain-step-head">
              <span className="chain-number">{index + 1}</span>
              <span className="chain-name">{t(`chain.${step}.name`)}</span>
              <span className="chain-meaning" id={meaningId}>
                <span className="visually-hidden"> – </span>
                {t(`chain.${step}.meaning`)}
              </span>
            </div>
            <RichTextField
              fragment={parts[step]}
              session={session}
              editable={canEdit}
              label={t(`chain.${step}.label`, { title })}
              hideLabel
              describedBy={meaningId}
              placeholder={t(`chain.${step}.placeholder`)}
            />
            {index < RESULTS_CHAIN.length - 1 && (
              <span className="chain-arrow" aria-hidden="true">
                →
              </span>
            )}
          </li>
        )
      })}
    </ol>
  )
})
