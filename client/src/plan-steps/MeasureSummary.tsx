import { useTranslation } from 'react-i18next'
import type { MonitoringMeasureView, ProgressEntryView } from '@hononga/shared'
import { formatDate, formatNumber } from './format'
import { latestValue, measureProgress, progressSentence } from './measureStats'

/** A measure's value with its unit ("12 whānau"). */
export function useMeasureValue(): (value: number | null, unit: string) => string {
  const { t, i18n } = useTranslation('steps')
  return (value, unit) =>
    value === null ? t('monitoring.notSet') : unit ? `${formatNumber(value, i18n.language)} ${unit}` : formatNumber(value, i18n.language)
}

/**
 * Where a measure stands, in words: its latest reported value against its baseline and
 * target, and how much is left to go ("18 of 30 to go", "Target passed by 4"), whichever
 * way the target lies. The chart beside it draws the same; this is its accessible form.
 */
export function MeasureSummary({
  measure,
  entries,
  withBounds = true,
}: {
  measure: MonitoringMeasureView
  entries: readonly ProgressEntryView[]
  /** Also says the baseline and target (not needed where they are shown beside it). */
  withBounds?: boolean
}) {
  const { t, i18n } = useTranslation('steps')
  const show = useMeasureValue()
  const latest = latestValue(measure, entries)
  const progress = measureProgress(measure.baseline, measure.target, latest?.value ?? null)
  return (
    <p className="measure-summary">
      <span>
        {latest
          ? t('monitoring.latest', { value: show(latest.value, measure.unit), date: formatDate(latest.date, i18n.language) })
          : t('monitoring.noValueYet')}
      </span>
      {withBounds && <span>{t('monitoring.baselineIs', { value: show(measure.baseline, measure.unit) })}</span>}
      {withBounds && <span>{t('monitoring.targetIs', { value: show(measure.target, measure.unit) })}</span>}
      {progress && (
        <span className="measure-progress" data-progress={progress.kind}>
          {progressSentence(
            progress,
            t,
            (value) => show(value, measure.unit),
            (value) => formatNumber(value, i18n.language),
          )}
        </span>
      )}
    </p>
  )
}
