export interface LatencySeries {
  label: string
  color: string
  /** [participants, p50 ms, p99 ms] */
  points: [number, number, number][]
}

const WIDTH = 720
const HEIGHT = 440
const MARGIN = { left: 70, right: 190, top: 50, bottom: 60 }

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/**
 * Latency against participant count, one colour per server: p99 solid, p50 dashed. Both
 * axes logarithmic (participants grow tenfold, latencies span orders of magnitude).
 * Hand-written SVG: no dependency, no browser.
 */
export function latencyChart(title: string, subtitle: string, series: LatencySeries[]): string {
  const xs = [...new Set(series.flatMap((s) => s.points.map((p) => p[0])))].sort((a, b) => a - b)
  const ys = series.flatMap((s) => s.points.flatMap((p) => [p[1], p[2]])).filter((y) => Number.isFinite(y) && y > 0)
  const plotW = WIDTH - MARGIN.left - MARGIN.right
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom
  const yMin = 10 ** Math.floor(Math.log10(Math.min(...ys, 1)))
  const yMax = 10 ** Math.ceil(Math.log10(Math.max(...ys, 10)))
  const xMin = Math.min(...xs) / 2
  const xMax = Math.max(...xs) * 1.5
  const logSpan = (v: number, lo: number, hi: number) => (Math.log10(v) - Math.log10(lo)) / Math.max(1e-9, Math.log10(hi) - Math.log10(lo))
  const x = (v: number) => MARGIN.left + (xs.length === 1 ? plotW / 2 : logSpan(v, xMin, xMax) * plotW)
  const y = (v: number) => MARGIN.top + plotH - logSpan(v, yMin, yMax) * plotH
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="system-ui, sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${MARGIN.left}" y="22" font-size="15" font-weight="600">${escape(title)}</text>`,
    `<text x="${MARGIN.left}" y="39" fill="#555">${escape(subtitle)}</text>`,
  ]
  for (let decade = yMin; decade <= yMax; decade *= 10) {
    out.push(`<line x1="${MARGIN.left}" x2="${MARGIN.left + plotW}" y1="${y(decade)}" y2="${y(decade)}" stroke="#ddd"/>`)
    out.push(`<text x="${MARGIN.left - 8}" y="${y(decade) + 4}" text-anchor="end">${decade >= 1 ? decade : decade.toFixed(1)} ms</text>`)
  }
  for (const v of xs) {
    out.push(`<line x1="${x(v)}" x2="${x(v)}" y1="${MARGIN.top}" y2="${MARGIN.top + plotH}" stroke="#eee"/>`)
    out.push(`<text x="${x(v)}" y="${MARGIN.top + plotH + 18}" text-anchor="middle">${v}</text>`)
  }
  out.push(
    `<text x="${MARGIN.left + plotW / 2}" y="${HEIGHT - 18}" text-anchor="middle">participants in one plan (each typing once a second)</text>`,
  )
  out.push(`<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#999"/>`)
  series.forEach((s, i) => {
    for (const [index, dash] of [
      [2, ''],
      [1, ' stroke-dasharray="5 4"'],
    ] as const) {
      const pts = s.points.filter((p) => Number.isFinite(p[index]) && p[index] > 0)
      if (pts.length === 0) continue
      out.push(
        `<polyline fill="none" stroke="${s.color}" stroke-width="2"${dash} points="${pts.map((p) => `${x(p[0]).toFixed(1)},${y(p[index]).toFixed(1)}`).join(' ')}"/>`,
      )
      for (const p of pts) out.push(`<circle cx="${x(p[0]).toFixed(1)}" cy="${y(p[index]).toFixed(1)}" r="3" fill="${s.color}"/>`)
    }
    // A size where not every edit arrived has no latency: marked at the top of the plot.
    for (const p of s.points.filter((q) => q[2] === Number.POSITIVE_INFINITY)) {
      out.push(`<text x="${x(p[0]).toFixed(1)}" y="${MARGIN.top + 14 + i * 14}" text-anchor="middle" fill="${s.color}">✕ edits lost</text>`)
    }
    const ly = MARGIN.top + 10 + i * 20
    out.push(
      `<line x1="${WIDTH - MARGIN.right + 16}" x2="${WIDTH - MARGIN.right + 40}" y1="${ly}" y2="${ly}" stroke="${s.color}" stroke-width="2"/>`,
    )
    out.push(`<text x="${WIDTH - MARGIN.right + 46}" y="${ly + 4}">${escape(s.label)}</text>`)
  })
  const ly = MARGIN.top + 10 + series.length * 20 + 10
  out.push(
    `<line x1="${WIDTH - MARGIN.right + 16}" x2="${WIDTH - MARGIN.right + 40}" y1="${ly}" y2="${ly}" stroke="#333" stroke-width="2"/>`,
  )
  out.push(`<text x="${WIDTH - MARGIN.right + 46}" y="${ly + 4}">p99</text>`)
  out.push(
    `<line x1="${WIDTH - MARGIN.right + 16}" x2="${WIDTH - MARGIN.right + 40}" y1="${ly + 18}" y2="${ly + 18}" stroke="#333" stroke-width="2" stroke-dasharray="5 4"/>`,
  )
  out.push(`<text x="${WIDTH - MARGIN.right + 46}" y="${ly + 22}">p50</text>`)
  out.push('</svg>')
  return out.join('\n') + '\n'
}
