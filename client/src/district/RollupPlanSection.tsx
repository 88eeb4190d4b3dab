import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import type { RollupPlan } from '@hononga/shared'
import { formatDate } from '../plan-steps/format'
import { withheldByPartner } from './districtQuery'
import { useEngagementLabel } from './labels'
import { RaisedForDistrict } from './RaisedItems'
import { RollupActions } from './RollupActions'
import { RollupMeasureChart } from './RollupMeasureChart'

/**
 * One shared plan in the district roll-up: its title and community, what its partners
 * withheld (that something was, and by whom; never what), its focus areas with their
 * engagement level, its actions, reviews due, measures and the items it raised.
 */
export function RollupPlanSection({ plan, groupId, onAnswered }: { plan: RollupPlan; groupId: string; onAnswered: () => void }) {
  const { t, i18n } = useTranslation('district')
  const engagement = useEngagementLabel()
  const id = useId()
  const withheld = withheldByPartner(plan.withheld)
  const measures = plan.measures.filter((measure) => measure.points.length > 0)
  const section = (name: string) => `${id}-${name}`
  return (
    <article className="card rollup-plan" aria-labelledby={section('title')}>
      <h2 id={section('title')} className="rollup-plan-title">
        {plan.title.trim() || t('untitled')}
      </h2>
      <p className="rollup-community">{t('plan.community', { community: plan.community })}</p>
      {withheld.length > 0 && (
        <ul className="rollup-withheld">
          {withheld.map(({ partner, label, count }) => (
            <li key={partner}>
              <span aria-hidden="true">⊘ </span>
              {label ? t('plan.withheld', { count, partner: label }) : t('plan.withheldUnnamed', { count })}
            </li>
          ))}
        </ul>
      )}

      <section aria-labelledby={section('focus')}>
        <h3 id={section('focus')}>{t('plan.focusAreas')}</h3>
        {plan.focusAreas.length === 0 ? (
          <p className="empty-note">{t('plan.noFocusAreas')}</p>
        ) : (
          <ul className="rollup-focus-areas">
            {plan.focusAreas.map((area) => (
              <li key={area.id}>
                <span className="rollup-focus-title">{area.title.trim() || t('untitled')}</span>{' '}
                <span className="rollup-engagement">{t('plan.engagement', { level: engagement(area.engagement) })}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby={section('actions')}>
        <h3 id={section('actions')}>{t('plan.actions')}</h3>
        {plan.actions.length === 0 ? (
          <p className="empty-note">{t('plan.noActions')}</p>
        ) : (
          <RollupActions actions={plan.actions} caption={t('plan.actionsCaption', { count: plan.actions.length, plan: plan.title })} />
        )}
      </section>

      <section aria-labelledby={section('reviews')}>
        <h3 id={section('reviews')}>{t('plan.reviews')}</h3>
        {plan.reviewsDue.length === 0 ? (
          <p className="empty-note">{t('plan.noReviews')}</p>
        ) : (
          <ul className="rollup-reviews">
            {plan.reviewsDue.map((review) => {
              const date = formatDate(review.date, i18n.language)
              return (
                <li key={`${review.kind}:${review.actionId ?? ''}`} className={review.overdue ? 'rollup-review overdue' : 'rollup-review'}>
                  <span className="rollup-review-title">
                    {review.kind === 'plan' ? t('plan.planReview') : review.title.trim() || t('untitled')}
                  </span>
                  {': '}
                  {review.overdue ? t('plan.reviewOverdue', { date }) : t('plan.reviewDue', { date })}
                </li>
              )
            })}
          </ul>
        )}
      </section>

      <section aria-labelledby={section('measures')}>
        <h3 id={section('measures')}>{t('plan.measures')}</h3>
        {measures.length === 0 ? (
          <p className="empty-note">{t('plan.noMeasures')}</p>
        ) : (
          <div className="rollup-measures">
            {measures.map((measure) => (
              <RollupMeasureChart key={`${measure.actionId}/${measure.id}`} measure={measure} />
            ))}
          </div>
        )}
      </section>

      <section aria-labelledby={section('raised')}>
        <h3 id={section('raised')}>{t('raised.heading')}</h3>
        <RaisedForDistrict groupId={groupId} items={plan.raised} onAnswered={onAnswered} />
      </section>
    </article>
  )
}
