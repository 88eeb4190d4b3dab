import { Component, lazy, Suspense, useId, useRef, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { MonitoringMeasureView, ProgressEntryView } from '@hononga/shared'
import { wantedLocale } from '../i18n/locale'
import { formatDate, formatNumber } from './format'
import type { MeasureChartSpec } from './MeasureChartCanvas'
import { measureSeries } from './measureStats'
import { useMeasureValue } from './MeasureSummary'
import './chart.css'

/**
 * The value `make` returns, made again only when `key` changes: for a value built from
 * props that are new objects on every render but the same content (`key` says what it shows).
 */
function useKeyed<T>(key: string, make: () => T): T {
  const kept = useRef<{ key: string; value: T } | null>(null)
  if (kept.current === null || kept.current.key !== key) kept.current = { key, value: make() }
  return kept.current.value
}

// uPlot and its stylesheet load only when a measure has values to draw.
const MeasureChartCanvas = lazy(() => import('./MeasureChartCanvas'))

/**
 * A measure's progress over time: a chart of its reported values against its baseline and
 * target, a key saying which line is which, and "Show the figures", the same values as a
 * table (the accessible alternative to the chart).
 */
export function MeasureChart({ measure, entries }: { measure: MonitoringMeasureView; entries: readonly ProgressEntryView[] }) {
  // Chart words live with the tracker's (progress over time); the measure's own with the steps'.
  const { t, i18n } = useTranslation('tracker')
  const { t: ts } = useTranslation('steps')
  const show = useMeasureValue()
  const [figures, setFigures] = useState(false)
  const figuresId = useId()
  const points = measureSeries(measure, entries)
  const name = measure.name || ts('monitoring.unnamed')
  const language = i18n.language
  // The chart is redrawn only when what it shows changes, not on every edit of the plan.
  const drawn = JSON.stringify([points, measure.baseline, measure.target, measure.unit, name, language])

  const spec = useKeyed<MeasureChartSpec | null>(drawn, () => {
    if (points.length === 0) return null
    const first = points[0]!
    const last = points.at(-1)!
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
  })

  if (!spec) return null
  return (
    <figure className="measure-chart">
      <figcaption className="measure-chart-caption">{t('chart.caption', { name })}</figcaption>
      <ChartBoundary fallback={<p className="empty-note">{t('chart.unavailable')}</p>}>
        <Suspense fallback={<div className="measure-chart-canvas measure-chart-loading">{t('chart.loading')}</div>}>
          <MeasureChartCanvas spec={spec} />
        </Suspense>
      </ChartBoundary>
      <ul className="measure-chart-key">
        <li>
          <svg width="28" height="10" aria-hidden="true" focusable="false" className="key-values">
            <line x1="0" y1="5" x2="28" y2="5" />
            <circle cx="14" cy="5" r="3.5" />
          </svg>
          {t('chart.values')}
        </li>
        {measure.baseline !== null && (
          <li>
            <svg width="28" height="10" aria-hidden="true" focusable="false" className="key-baseline">
              <line x1="0" y1="5" x2="28" y2="5" />
            </svg>
            {t('chart.baselineKey', { value: show(measure.baseline, measure.unit) })}
          </li>
        )}
        {measure.target !== null && (
          <li>
            <svg width="28" height="10" aria-hidden="true" focusable="false" className="key-target">
              <line x1="0" y1="5" x2="28" y2="5" />
            </svg>
            {t('chart.targetKey', { value: show(measure.target, measure.unit) })}
          </li>
        )}
      </ul>
      <button
        type="button"
        className="btn btn-quiet btn-small measure-figures-toggle"
        aria-expanded={figures}
        aria-controls={figuresId}
        onClick={() => setFigures(!figures)}
      >
        <span aria-hidden="true">{figures ? '▾' : '▸'}</span> {t('chart.showFigures')}
      </button>
      <div id={figuresId} hidden={!figures}>
        <table className="measure-figures">
          <caption>
            {t('chart.figuresCaption', {
              name,
              baseline: show(measure.baseline, measure.unit),
              target: show(measure.target, measure.unit),
            })}
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
      </div>
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
