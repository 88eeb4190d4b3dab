import { useEffect, useRef } from 'react'
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'
import { formatDate } from '@hononga/shared'
import { chartFrame, type MeasurePoint } from './measureStats'

/** What the chart draws, with its words already in the reader's language. */
export interface MeasureChartSpec {
  points: MeasurePoint[]
  baseline: number | null
  target: number | null
  /** The canvas's accessible name: the chart summarised in a sentence. */
  summary: string
  xLabel: string
  yLabel: string
  seriesLabels: { values: string; baseline: string; target: string }
  /** For the dates on the axis ("1 Mar", or "Mar 2026" over a longer span). */
  locale: string
}

const HEIGHT = 220
const DAY = 86_400

/** A design token's value (canvas drawing cannot use CSS variables). */
function token(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback
}

/**
 * Dates for the axis's ticks ("1 Mar", or "Mar 2026" over a longer span), written by the
 * formatter the whole client shares, in UTC (days are stored as UTC midnights).
 */
function dayLabels(splits: number[], locale: string): string[] {
  const span = splits.length > 1 ? splits.at(-1)! - splits[0]! : 0
  const style = span > 200 * DAY ? 'monthYear' : 'dayMonth'
  return splits.map((seconds) => formatDate(seconds * 1000, { locale, style, timeZone: 'UTC' }))
}

/**
 * A measure's values over time as a line, with its baseline and target as dashed
 * horizontal lines (uPlot, loaded with this chunk only when a chart is shown). The canvas
 * is one image with a summary for its name; the figures beside it are the accessible form.
 */
export default function MeasureChartCanvas({ spec }: { spec: MeasureChartSpec }) {
  const holder = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const element = holder.current
    if (!element) return
    // The days reach beyond the reports, so baseline and target are lines even with one value.
    const frame = chartFrame(spec.points, spec.baseline, spec.target)
    const data: uPlot.AlignedData = [frame.days, frame.values, frame.baseline, frame.target]
    const text = token('--text', '#1b1b1b')
    const grid = token('--border-soft', '#d5d3cc')
    const font = '13px system-ui, sans-serif'
    const axis = { stroke: text, font, labelFont: `bold ${font}`, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } }
    const options: uPlot.Options = {
      width: Math.max(240, element.clientWidth),
      height: HEIGHT,
      // Days are stored as UTC midnights: read them back in UTC, so no day shifts by a time zone.
      tzDate: (seconds) => uPlot.tzDate(new Date(seconds * 1000), 'Etc/UTC'),
      legend: { show: false },
      cursor: { show: false, drag: { x: false, y: false } },
      scales: { x: { time: true } },
      axes: [
        { ...axis, label: spec.xLabel, space: 72, values: (_chart, splits) => dayLabels(splits, spec.locale) },
        { ...axis, label: spec.yLabel, size: 56 },
      ],
      series: [
        {},
        {
          label: spec.seriesLabels.values,
          stroke: token('--primary', '#0b5e46'),
          width: 2.5,
          points: { show: true, size: 7, fill: token('--primary', '#0b5e46') },
        },
        {
          label: spec.seriesLabels.baseline,
          stroke: token('--text-muted', '#4b5257'),
          width: 2,
          dash: [6, 5],
          points: { show: false },
          show: spec.baseline !== null,
        },
        {
          label: spec.seriesLabels.target,
          stroke: token('--iwi', '#7b1e4f'),
          width: 2,
          dash: [2, 4],
          points: { show: false },
          show: spec.target !== null,
        },
      ],
    }
    const chart = new uPlot(options, data, element)
    const canvas = chart.root.querySelector('canvas')
    canvas?.setAttribute('role', 'img')
    canvas?.setAttribute('aria-label', spec.summary)
    const resize = new ResizeObserver(() => {
      const width = Math.max(240, element.clientWidth)
      if (width !== chart.width) chart.setSize({ width, height: HEIGHT })
    })
    resize.observe(element)
    return () => {
      resize.disconnect()
      chart.destroy()
    }
  }, [spec])
  return <div ref={holder} className="measure-chart-canvas" />
}
