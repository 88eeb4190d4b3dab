import { useTranslation } from 'react-i18next'
import { getPlanMeta, isIsoDate, setPlanReviewDate } from '@hononga/shared'
import type * as Y from 'yjs'
import { CommitField } from '../plan-steps/CommitField'
import { formatDate } from '../plan-steps/format'
import { useDocValue } from '../sync/useDocValue'
import './review.css'

/**
 * When partners next review the plan as a whole (actions without a review date of their
 * own are due for review then too, in the tracker). Facilitators set it; everyone sees it.
 */
export function PlanReviewDate({ doc, canEdit }: { doc: Y.Doc; canEdit: boolean }) {
  const { t, i18n } = useTranslation('tracker')
  const reviewDate = useDocValue(doc, (d) => getPlanMeta(d).reviewDate)
  if (!canEdit) {
    if (!reviewDate) return null
    return <p className="plan-review">{t('review.planOn', { date: formatDate(reviewDate, i18n.language) })}</p>
  }
  return (
    <CommitField
      className="plan-review plan-review-field"
      label={t('review.planLabel')}
      type="date"
      value={reviewDate ?? ''}
      onCommit={(next) => setPlanReviewDate(doc, next === '' ? null : next)}
      commitEarly={(draft) => isIsoDate(draft) && Number(draft.slice(0, 4)) >= 1900}
    />
  )
}
