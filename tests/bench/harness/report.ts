import { SERVER_KINDS, SERVER_LABELS, type ServerKind } from './servers'

/** One measured quantity, for every server that was measured. */
export interface Row {
  label: string
  unit: 'ms' | 'µs' | '%' | 'MiB' | 'count' | 'per s'
  /** null: does not apply to that server (said why in `notes`). */
  values: Partial<Record<ServerKind, number | null>>
  /** Shown after a server's figure, e.g. "(in memory by design)". */
  notes?: Partial<Record<ServerKind, string>>
  /** Our target for this quantity, in words, and whether this run met it. */
  target?: string
  met?: boolean
}

export interface ScenarioReport {
  id: string
  title: string
  /** What was measured and how, one paragraph. */
  method: string
  rows: Row[]
  notes: string[]
  /** Load-generator saturation and other reasons to doubt a figure. */
  warnings: string[]
  /** Everything measured, for results.json. */
  raw: unknown
  /** A table produced elsewhere and included verbatim (the slow-link benchmark). */
  verbatim?: string
  /** Wall-clock time the scenario took, set by the runner. */
  seconds?: number
}

export function formatValue(value: number | null | undefined, unit: Row['unit']): string {
  if (value === null) return 'n/a'
  if (value === undefined || Number.isNaN(value)) return '–'
  if (value === Number.POSITIVE_INFINITY) return 'not all arrived'
  switch (unit) {
    case 'ms':
      return `${value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : Math.round(value).toLocaleString('en-NZ')} ms`
    case 'µs':
      return `${value < 10 ? value.toFixed(1) : Math.round(value).toLocaleString('en-NZ')} µs`
    case '%':
      return `${value < 1 ? value.toFixed(2) : value.toFixed(1)}%`
    case 'MiB':
      return `${value.toFixed(1)} MiB`
    case 'per s':
      return `${Math.round(value).toLocaleString('en-NZ')}/s`
    default:
      return Math.round(value).toLocaleString('en-NZ')
  }
}

function ratio(ours: number | null | undefined, theirs: number | null | undefined): string {
  if (ours == null || theirs == null || !Number.isFinite(ours) || !Number.isFinite(theirs)) return ''
  if (theirs === 0) return ours === 0 ? '1.00x' : ''
  return `${(ours / theirs).toFixed(2)}x`
}

/** The markdown for one scenario: a heading, the method, the table, notes and warnings. */
export function renderScenario(report: ScenarioReport, servers: readonly ServerKind[]): string {
  const lines = [`## ${report.title}`, '', report.method, '']
  if (report.verbatim) {
    lines.push(report.verbatim.trim(), '')
  }
  if (report.rows.length > 0) {
    const shown = SERVER_KINDS.filter((kind) => servers.includes(kind))
    const peers = shown.filter((kind) => kind !== 'hononga')
    const header = [
      'measure',
      ...shown.flatMap((kind) => (kind === 'hononga' ? [SERVER_LABELS[kind]] : [SERVER_LABELS[kind], 'Hononga ÷ it'])),
    ]
    const withTargets = report.rows.some((row) => row.target)
    if (withTargets) header.push('target for Hononga', '')
    lines.push(`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`)
    for (const row of report.rows) {
      const cells = [row.label]
      for (const kind of shown) {
        const note = row.notes?.[kind]
        cells.push(`${formatValue(row.values[kind], row.unit)}${note ? ` (${note})` : ''}`)
        if (kind !== 'hononga' && peers.includes(kind))
          cells.push(row.unit === 'count' && !shown.includes('hononga') ? '' : ratio(row.values.hononga, row.values[kind]))
      }
      if (withTargets) cells.push(row.target ?? '', row.met === undefined ? '' : row.met ? 'met' : '**missed**')
      lines.push(`| ${cells.join(' | ')} |`)
    }
    lines.push('')
  }
  for (const note of report.notes) lines.push(note, '')
  for (const warning of report.warnings) lines.push(`> **Warning:** ${warning}`, '')
  return lines.join('\n')
}
