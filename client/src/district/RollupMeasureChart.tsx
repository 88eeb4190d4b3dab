import { Component, lazy, Suspense, useRef, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { RollupMeasure } from '@hononga/shared'
import { wantedLocale } from '../i18n/locale'
import { formatDate, formatNumber } from '../plan-steps/format'
import type { MeasureChartSpec } from '../plan-steps/MeasureChartCanvas'
import { useMeasureValue } from '../plan-steps/MeasureSummary'
import '../plan-steps/chart.css'

// The workspace's chart (uPlot), loaded only when a measure has values to draw.
const MeasureChartCanvas = lazy(() => import('../plan-steps/MeasureChartCanvas'))

/**
 * One measure of a shared plan over time, from the roll-up's plain figures (the workspace's
 * MeasureChart reads the live document instead): the same chart, and beside it the figures
 * as a table, which is what a screen reader or a phone on a patchy link reads.
 */
export function RollupMeasureChart({ measure }: { measure: RollupMeasure }) {
  // Chart words are the tracker's (progress over time); the measure's own are the steps'.
  const { t, i18n } = useTranslation('tracker')
  const { t: ts } = useTranslation('steps')
  const show = useMeasureValue()
  const language = i18n.language
  const name = measure.name || ts('monitoring.unnamed')
  const points = measure.points
  const drawn = JSON.stringify([measure, language])
  // Redrawn only when what it shows changes (`drawn`), not on every render of the roll-up.
  const kept = useRef<{ drawn: string; spec: MeasureChartSpec | null } | null>(null)
  const make = (): MeasureChartSpec | null => {
    const first = points[0]
    const last = points.at(-1)
    if (!first || !last) return null
    return {
      points,
      baseline: measure.baseline,
      target: measure.target,
      summary: t('chart.summary', {
        name,
        count: points.length,
        first: formatDate(first.date, language),
        last: formatDate(last.date, language),
        latest: show(last.value, measure.unit),
        baseline: show(measure.baseline, measure.unit),
        target: show(measure.target, measure.unit),
      }),
      xLabel: t('chart.date'),
      yLabel: measure.unit || t('chart.value'),
      seriesLabels: { values: t('chart.values'), baseline: ts('monitoring.baseline'), target: ts('monitoring.target') },
      locale: wantedLocale(language),
    }
  }
  if (kept.current?.drawn !== drawn) kept.current = { drawn, spec: make() }
  const spec = kept.current.spec

  if (!spec) return null
  return (
    <figure className="measure-chart rollup-measure">
      <figcaption className="measure-chart-caption">{t('chart.caption', { name })}</figcaption>
      <ChartBoundary fallback={<p className="empty-note">{t('chart.unavailable')}</p>}>
        <Suspense fallback={<div className="measure-chart-canvas measure-chart-loading">{t('chart.loading')}</div>}>
          <MeasureChartCanvas spec={spec} />
        </Suspense>
      </ChartBoundary>
      <table className="measure-figures">
        <caption>
          {t('chart.figuresCaption', { name, baseline: show(measure.baseline, measure.unit), target: show(measure.target, measure.unit) })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('chart.date')}</th>
            <th scope="col">{measure.unit ? t('chart.valueIn', { unit: measure.unit }) : t('chart.value')}</th>
          </tr>
        </thead>
        <tbody>
          {points.map((point) => (
            <tr key={point.date}>
              <th scope="row">{formatDate(point.date, language)}</th>
              <td>{formatNumber(point.value, language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  )
}

/** Shows `fallback` instead of the chart if its code cannot load (the figures still show). */
class ChartBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false }
  static getDerivedStateFromError() {
    return { failed: true }
  }
  override render() {
    return this.state.failed ? this.props.fallback : this.props.children
  }
}
