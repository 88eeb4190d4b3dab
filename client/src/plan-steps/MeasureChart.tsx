import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { MonitoringMeasureView, ProgressEntryView } from '@hononga/shared'
import { MeasureChartDrawing, MeasureFiguresTable, useMeasureChartSpec } from './measureChartParts'
import { measureSeries } from './measureStats'
import { useMeasureValue } from './MeasureSummary'

/**
 * A measure's progress over time: a chart of its reported values against its baseline and
 * target, a key saying which line is which, and "Show the figures", the same values as a
 * table (the accessible alternative to the chart).
 */
export function MeasureChart({ measure, entries }: { measure: MonitoringMeasureView; entries: readonly ProgressEntryView[] }) {
  // Chart words live with the tracker's (progress over time); the measure's own with the steps'.
  const { t } = useTranslation('tracker')
  const { t: ts } = useTranslation('steps')
  const show = useMeasureValue()
  const [figures, setFigures] = useState(false)
  const figuresId = useId()
  const points = measureSeries(measure, entries)
  const name = measure.name || ts('monitoring.unnamed')
  const spec = useMeasureChartSpec(name, measure, points)

  if (!spec) return null
  return (
    <figure className="measure-chart">
      <figcaption className="measure-chart-caption">{t('chart.caption', { name })}</figcaption>
      <MeasureChartDrawing spec={spec} />
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
        <MeasureFiguresTable name={name} measure={measure} points={points} />
      </div>
    </figure>
  )
}
