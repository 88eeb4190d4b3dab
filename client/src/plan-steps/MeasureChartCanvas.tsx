import { useEffect, useRef } from 'react'
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'
import { daySeconds, type MeasurePoint } from './measureStats'

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

/** Dates for the axis's ticks, in the reader's locale and in UTC (days are stored as UTC midnights). */
function dayLabels(splits: number[], locale: string): string[] {
  const span = splits.length > 1 ? splits.at(-1)! - splits[0]! : 0
  const options: Intl.DateTimeFormatOptions = span > 200 * DAY ? { month: 'short', year: 'numeric' } : { day: 'numeric', month: 'short' }
  let format: Intl.DateTimeFormat
  try {
    format = new Intl.DateTimeFormat([locale, 'en-NZ'], { ...options, timeZone: 'UTC' })
  } catch {
    format = new Intl.DateTimeFormat('en-NZ', { ...options, timeZone: 'UTC' })
  }
  return splits.map((seconds) => format.format(new Date(seconds * 1000)))
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
    const xs = spec.points.map((point) => daySeconds(point.date))
    const constant = (value: number | null) => xs.map(() => value)
    const data: uPlot.AlignedData = [xs, spec.points.map((point) => point.value), constant(spec.baseline), constant(spec.target)]
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
      scales: {
        x: {
          time: true,
          // A single report still gets a readable week either side.
          range: (_chart, min, max) => (min === max ? [min - 7 * DAY, max + 7 * DAY] : [min, max]),
        },
      },
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
