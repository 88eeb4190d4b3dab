import { useTranslation } from 'react-i18next'
import type { RollupMeasure } from '@hononga/shared'
import { MeasureChartDrawing, MeasureFiguresTable, useMeasureChartSpec } from '../plan-steps/measureChartParts'

/**
 * One measure of a shared plan over time, from the roll-up's plain figures (the workspace's
 * MeasureChart reads the live document instead): the same chart, and beside it the figures
 * as a table, which is what a screen reader or a phone on a patchy link reads.
 */
export function RollupMeasureChart({ measure }: { measure: RollupMeasure }) {
  const { t } = useTranslation('tracker')
  const { t: ts } = useTranslation('steps')
  const name = measure.name || ts('monitoring.unnamed')
  const spec = useMeasureChartSpec(name, measure, measure.points)
  if (!spec) return null
  return (
    <figure className="measure-chart rollup-measure">
      <figcaption className="measure-chart-caption">{t('chart.caption', { name })}</figcaption>
      <MeasureChartDrawing spec={spec} />
      <MeasureFiguresTable name={name} measure={measure} points={measure.points} />
    </figure>
  )
}
