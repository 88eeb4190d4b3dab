import { Component, lazy, Suspense, useRef, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { wantedLocale } from '../i18n/locale'
import { formatDate, formatNumber } from './format'
import type { MeasureChartSpec } from './MeasureChartCanvas'
import { useMeasureValue } from './MeasureSummary'
import './chart.css'

/**
 * What the workspace's chart of a measure (MeasureChart, from the live document) and the
 * district roll-up's (RollupMeasureChart, from plain figures) have in common: the chart's
 * specification, its lazily loaded drawing, and the figures as a table.
 */

// uPlot and its stylesheet load only when a measure has values to draw.
const MeasureChartCanvas = lazy(() => import('./MeasureChartCanvas'))

/** The parts of a measure a chart shows. */
export interface ChartedMeasure {
  baseline: number | null
  target: number | null
  unit: string
}

/** One reported value. */
export interface ChartPoint {
  date: string
  value: number
}

/**
 * The chart's specification (words in the person's language), or null when there is nothing
 * to draw. Made again only when what it shows changes, not on every render.
 */
export function useMeasureChartSpec(name: string, measure: ChartedMeasure, points: readonly ChartPoint[]): MeasureChartSpec | null {
  // Chart words live with the tracker's (progress over time); the measure's own with the steps'.
  const { t, i18n } = useTranslation('tracker')
  const { t: ts } = useTranslation('steps')
  const show = useMeasureValue()
  const language = i18n.language
  const key = JSON.stringify([points, measure.baseline, measure.target, measure.unit, name, language])
  const kept = useRef<{ key: string; spec: MeasureChartSpec | null } | null>(null)
  if (kept.current === null || kept.current.key !== key) {
    const first = points[0]
    const last = points.at(-1)
    const spec: MeasureChartSpec | null =
      !first || !last
        ? null
        : {
            points: [...points],
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
    kept.current = { key, spec }
  }
  return kept.current.spec
}

/** The chart itself, loaded on demand; if its code cannot load, a note says so (the figures still show). */
export function MeasureChartDrawing({ spec }: { spec: MeasureChartSpec }) {
  const { t } = useTranslation('tracker')
  return (
    <ChartBoundary fallback={<p className="empty-note">{t('chart.unavailable')}</p>}>
      <Suspense fallback={<div className="measure-chart-canvas measure-chart-loading">{t('chart.loading')}</div>}>
        <MeasureChartCanvas spec={spec} />
      </Suspense>
    </ChartBoundary>
  )
}

/** The figures as a table: what a screen reader, or a phone on a patchy link, reads. */
export function MeasureFiguresTable({ name, measure, points }: { name: string; measure: ChartedMeasure; points: readonly ChartPoint[] }) {
  const { t, i18n } = useTranslation('tracker')
  const show = useMeasureValue()
  const language = i18n.language
  return (
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
  )
}

/** Shows `fallback` instead of the chart if its code cannot load. */
class ChartBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false }
  static getDerivedStateFromError() {
    return { failed: true }
  }
  override render() {
    return this.state.failed ? this.props.fallback : this.props.children
  }
}
