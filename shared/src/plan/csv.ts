import { formatCalendarDate } from '../dates'
import type { ActionStatus } from '../domain'
import { ACTION_STATUS_WORDS, AFFILIATION_WORDS, FREQUENCY_WORDS, POSITION_WORDS, yesNo } from '../words'
import { targetKey, type AgreementTarget } from './agreements'
import { agreedStateOf, fingerprintsOf } from './agreement-rules'
import { richTextToPlain } from './diff'
import { engagementLevelIn } from './engagement'
import { ENGAGEMENT_WORDS } from './engagement-levels'
import type { PlanJson, PriorityActionJson } from './json'
import { originInWords } from './origins'
import { partnerAffiliation } from './partners'

/**
 * A plan's actions and monitoring as CSV for spreadsheets: RFC 4180 (CRLF rows, quotes
 * doubled), UTF-8 with a byte-order mark so spreadsheet programs read macrons correctly,
 * and every cell that a spreadsheet would run as a formula defused (OWASP CSV injection).
 * Cells say what the screen says, in English: "In progress", "25 Nov 2026", "Agree with
 * concerns", "Yes" (../words.ts, ../dates.ts), never the stored `in progress` or `2026-11-25`.
 */

/** A stored `YYYY-MM-DD` as the screen shows it ("25 Nov 2026"); blank when there is none. */
function day(date: string | null): string {
  return date === null ? '' : formatCalendarDate(date)
}

/** A stored status in words; blank when there is none. */
function status(value: ActionStatus | null): string {
  return value === null ? '' : ACTION_STATUS_WORDS[value]
}

/** Marks the text as UTF-8 for spreadsheet programs (Excel reads BOM-less CSV as ANSI). */
export const CSV_BOM = '\uFEFF'

// A spreadsheet treats a cell starting with one of these as a formula (or as the start of one).
const FORMULA_START = /^[=+\-@\t\r]/

/** One cell: formula-like text gets a leading `'`, and the cell is quoted when it must be. */
export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value)
  if (FORMULA_START.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** Rows as a CSV file: BOM, cells separated by commas, every row ended by CRLF. */
export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return CSV_BOM + rows.map((row) => row.map(csvCell).join(',') + '\r\n').join('')
}

export interface ActionsCsvOptions {
  /**
   * Display names of partners by partner key (`iwi:ngāti awa` → "Ngāti Awa"), e.g. from the
   * plan's members. Keys without a name show their organisation as stored (lower case), or
   * their affiliation.
   */
  partnerNames?: ReadonlyMap<string, string>
}

function partnerName(key: string, names: ReadonlyMap<string, string> | undefined): string {
  const known = names?.get(key)
  if (known) return known
  const organisation = key.slice(key.indexOf(':') + 1)
  const affiliation = partnerAffiliation(key)
  return organisation !== '' ? organisation : affiliation ? AFFILIATION_WORDS[affiliation] : key
}

export const ACTIONS_CSV_COLUMNS = [
  'Plan',
  'Community',
  'District',
  'Action',
  'Status',
  'Lead',
  'Partner organisations',
  'Focus areas',
  'Due date',
  'Review date',
  'Activity',
  'Output',
  'Outcome',
  'Impact',
  'Agreed',
  'Changed since agreed',
  'Positions',
  'Last progress',
  /** Who added the action (partner, person) and at which hui or on which day: issue 13 §1. */
  'Added by',
  /** The engagement level agreed for the action (issue 13 §4). */
  'Engagement',
] as const

/** Who added an action, in words ("Ngāti Awa (Aroha Smith) at the hui of 12 March 2026"); blank when not recorded. */
function addedBy(plan: PlanJson, actionId: string, names: ReadonlyMap<string, string> | undefined): string {
  const origin = plan.origins.find((o) => o.kind === 'action' && o.id === actionId)
  if (!origin) return ''
  return originInWords(origin, names?.get(origin.partner) ?? (origin.organisation?.trim() || AFFILIATION_WORDS[origin.affiliation]))
}

/** The action's engagement level in words ("Partner / co-design"); blank when none was agreed. */
function engagementWords(plan: PlanJson, actionId: string): string {
  const level = engagementLevelIn(plan, { kind: 'action', id: actionId })
  return level === null ? '' : ENGAGEMENT_WORDS[level]
}

function lastProgress(action: PriorityActionJson): string {
  const last = action.progress[action.progress.length - 1]
  if (!last) return ''
  return last.note.trim() === '' ? day(last.date) : `${day(last.date)}: ${last.note}`
}

/**
 * One row per priority action, in plan order. "Agreed" is the label of the mark a
 * facilitator set at a hui; "Positions" lists each partner's position recorded on the
 * action as it reads now (positions on an earlier version are not current and left out).
 */
export function actionsCsv(plan: PlanJson, options: ActionsCsvOptions = {}): string {
  const fingerprints = fingerprintsOf(plan)
  const focusAreaTitles = new Map(plan.focusAreas.map((f) => [f.id, f.title]))
  const rows = plan.actions.map((action) => {
    const target: AgreementTarget = { kind: 'action', id: action.id }
    const key = targetKey(target)
    const current = fingerprints.get(key) ?? null
    const markJson = plan.agreedMarks.find((m) => targetKey(m.target) === key) ?? null
    const agreed = agreedStateOf(markJson && { ...markJson, at: Date.parse(markJson.at) }, current)
    const positions = plan.agreements
      .filter((a) => targetKey(a.target) === key && a.fingerprint === current)
      .map((a) => `${partnerName(a.partner, options.partnerNames)}: ${POSITION_WORDS[a.position]}`)
    return [
      plan.meta.title,
      plan.meta.community,
      plan.meta.district,
      action.title,
      status(action.status),
      action.lead,
      action.partners.join('; '),
      action.focusAreaIds
        .map((id) => focusAreaTitles.get(id) ?? '')
        .filter((t) => t !== '')
        .join('; '),
      day(action.dueDate),
      day(action.reviewDate),
      richTextToPlain(action.activity),
      richTextToPlain(action.output),
      richTextToPlain(action.outcome),
      richTextToPlain(action.impact),
      agreed.mark?.label ?? '',
      yesNo(agreed.changedSinceAgreed),
      positions.join('; '),
      lastProgress(action),
      addedBy(plan, action.id, options.partnerNames),
      engagementWords(plan, action.id),
    ]
  })
  return toCsv([ACTIONS_CSV_COLUMNS, ...rows])
}

export const MONITORING_CSV_COLUMNS = [
  'Plan',
  'Action',
  'Measure',
  'Unit',
  'Baseline',
  'Target',
  'Frequency',
  'Who reports',
  'Date',
  'Value',
  'Status reported',
  'Note',
  'Reported by',
] as const

/**
 * One row per reported value (a measure's value in a progress report), one row per measure
 * with nothing reported yet, and one row per report that carries no value (a status or a
 * note only). Values reported against a measure since removed keep their row.
 */
export function monitoringCsv(plan: PlanJson): string {
  const rows: (string | number | null)[][] = []
  for (const action of plan.actions) {
    const measureIds = new Set(action.measures.map((m) => m.id))
    for (const measure of action.measures) {
      const measureCells = [
        measure.name,
        measure.unit,
        measure.baseline,
        measure.target,
        FREQUENCY_WORDS[measure.frequency],
        measure.reporter,
      ]
      const reported = action.progress.filter((entry) => measure.id in entry.values)
      if (reported.length === 0) rows.push([plan.meta.title, action.title, ...measureCells, '', '', '', '', ''])
      for (const entry of reported) {
        rows.push([
          plan.meta.title,
          action.title,
          ...measureCells,
          day(entry.date),
          entry.values[measure.id]!,
          status(entry.status),
          entry.note,
          entry.authorName,
        ])
      }
    }
    for (const entry of action.progress) {
      const orphans = Object.entries(entry.values).filter(([id]) => !measureIds.has(id))
      for (const [, value] of orphans) {
        rows.push([
          plan.meta.title,
          action.title,
          '(removed measure)',
          '',
          '',
          '',
          '',
          '',
          day(entry.date),
          value,
          status(entry.status),
          entry.note,
          entry.authorName,
        ])
      }
      if (Object.keys(entry.values).length === 0) {
        rows.push([
          plan.meta.title,
          action.title,
          '',
          '',
          '',
          '',
          '',
          '',
          day(entry.date),
          '',
          status(entry.status),
          entry.note,
          entry.authorName,
        ])
      }
    }
  }
  return toCsv([MONITORING_CSV_COLUMNS, ...rows])
}
