import * as Y from 'yjs'
import { ACTION_STATUSES, MEASURE_FREQUENCIES, type ActionStatus, type MeasureFrequency } from '../domain'

/**
 * Reading and checking the values stored in a plan document.
 *
 * Reading is lenient: a document can hold anything a (possibly misbehaving) client wrote,
 * so every reader returns a sane default instead of throwing. Checking is strict: the
 * mutators call the `require*` helpers on their inputs before they write anything.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** Whether `value` is a real calendar date written `YYYY-MM-DD` (2024-02-30 is not). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false
  const match = ISO_DATE.exec(value)
  if (!match) return false
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const date = new Date(Date.UTC(year, month - 1, day))
  // Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear puts them back.
  date.setUTCFullYear(year)
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

/** Whether `value` is one of the statuses a priority action can have. */
export function isActionStatus(value: unknown): value is ActionStatus {
  return (ACTION_STATUSES as readonly unknown[]).includes(value)
}

/** Whether `value` is one of the reporting frequencies of a monitoring measure. */
export function isMeasureFrequency(value: unknown): value is MeasureFrequency {
  return (MEASURE_FREQUENCIES as readonly unknown[]).includes(value)
}

/**
 * A person's or organisation's name as stored: trimmed and in Unicode NFC, so "Ngāti Awa"
 * typed with a combining macron and with a precomposed ā are the same name.
 */
export function normaliseName(value: string): string {
  return value.trim().normalize('NFC')
}

// ---- lenient readers -------------------------------------------------------------------

/** `value` if it is a Y.Map, else null. */
export function asMap(value: unknown): Y.Map<unknown> | null {
  return value instanceof Y.Map ? (value as Y.Map<unknown>) : null
}

/** `value` if it is a Y.Text, else null. */
export function asText(value: unknown): Y.Text | null {
  return value instanceof Y.Text ? value : null
}

/** `value` if it is a Y.XmlFragment, else null. */
export function asFragment(value: unknown): Y.XmlFragment | null {
  return value instanceof Y.XmlFragment ? value : null
}

/** `value` if it is a Y.Array, else null. */
export function asArray(value: unknown): Y.Array<unknown> | null {
  return value instanceof Y.Array ? (value as Y.Array<unknown>) : null
}

/**
 * The plain text of a Y.Text (embeds and formatting ignored); a plain string as is; '' for
 * anything else.
 */
export function readText(value: unknown): string {
  if (typeof value === 'string') return value
  if (value instanceof Y.XmlText) {
    // XmlText#toString renders formatting as tags; the delta holds the bare text.
    return value
      .toDelta()
      .map((op: { insert?: unknown }) => (typeof op.insert === 'string' ? op.insert : ''))
      .join('')
  }
  return value instanceof Y.Text ? value.toString() : ''
}

/** A string, or ''. */
export function readString(value: unknown): string {
  return typeof value === 'string' ? value : ''
}

/** A string, or null. */
export function readNullableString(value: unknown): string | null {
  return typeof value === 'string' ? value : null
}

/** A finite number, or null. */
export function readNumber(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null
}

/** An action status; 'proposed' when unknown. */
export function readStatus(value: unknown): ActionStatus {
  return isActionStatus(value) ? value : 'proposed'
}

/** An action status, or null. */
export function readNullableStatus(value: unknown): ActionStatus | null {
  return isActionStatus(value) ? value : null
}

/** A measure frequency; 'other' when unknown. */
export function readFrequency(value: unknown): MeasureFrequency {
  return isMeasureFrequency(value) ? value : 'other'
}

/** A `YYYY-MM-DD` date, or null. */
export function readDate(value: unknown): string | null {
  return isIsoDate(value) ? value : null
}

// The last millisecond of 9999-12-31: later instants have no four-digit ISO year.
const MAX_ISO_TIME = 253_402_300_799_999

/** Milliseconds since the epoch as an ISO 8601 string; the epoch itself when unreadable. */
export function readIsoTime(value: unknown): string {
  const ms = typeof value === 'number' && value >= 0 && value <= MAX_ISO_TIME ? value : 0
  return new Date(ms).toISOString()
}

/** Names (partners) as stored: strings only, normalised, blanks and repeats dropped. */
export function readNames(values: readonly unknown[]): string[] {
  const names: string[] = []
  for (const value of values) {
    if (typeof value !== 'string') continue
    const name = normaliseName(value)
    if (name !== '' && !names.includes(name)) names.push(name)
  }
  return names
}

/** `{ [measureId]: number }` with finite numbers only; anything else reads as `{}`. */
export function readValues(value: unknown): Record<string, number> {
  const values: Record<string, number> = {}
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return values
  for (const [key, entry] of Object.entries(value)) {
    if (key !== '__proto__' && typeof entry === 'number' && Number.isFinite(entry)) values[key] = entry
  }
  return values
}

// ---- strict checks for mutators ---------------------------------------------------------

/** A value as it appears in an error message. */
export function show(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return typeof value
  }
}

/** Throws unless `value` is a string. */
export function requireString(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new Error(`${what} must be a string`)
  return value
}

/** Throws unless `value` is a string or null. */
export function requireNullableString(value: unknown, what: string): string | null {
  if (value !== null && typeof value !== 'string') throw new Error(`${what} must be a string or null`)
  return value
}

/** Throws unless `value` is a finite number or null. */
export function requireNumberOrNull(value: unknown, what: string): number | null {
  if (value === null) return null
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`${what} must be a finite number or null`)
  return value
}

/** Throws unless `value` is a real `YYYY-MM-DD` date. */
export function requireDate(value: unknown, what: string): string {
  if (!isIsoDate(value)) throw new Error(`${what} must be a date written YYYY-MM-DD, got ${show(value)}`)
  return value
}

/** Throws unless `value` is an action status. */
export function requireStatus(value: unknown): ActionStatus {
  if (!isActionStatus(value)) throw new Error(`Unknown action status ${show(value)}`)
  return value
}

/** Throws unless `value` is a measure frequency. */
export function requireFrequency(value: unknown): MeasureFrequency {
  if (!isMeasureFrequency(value)) throw new Error(`Unknown measure frequency ${show(value)}`)
  return value
}
