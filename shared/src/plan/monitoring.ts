import * as Y from 'yjs'
import type { ActionStatus, MeasureFrequency } from '../domain'
import { newId, type ActionId, type MeasureId, type ProgressEntryId } from '../ids'
import { LOCAL_ORIGIN, type TxOrigin } from '../origin'
import { requireAction } from './actions'
import { moveItem, orderedEntries, placeItem, removeItem, requireItem, requirePlacement } from './collection'
import { ACTION_KEYS, MEASURE_KEYS, PROGRESS_KEYS } from './keys'
import { getPlanRoots } from './roots'
import type { MoveTo } from './sections'
import {
  asMap,
  readDate,
  readFrequency,
  readNullableStatus,
  readNullableString,
  readNumber,
  readString,
  readValues,
  requireDate,
  requireFrequency,
  requireNullableString,
  requireNumberOrNull,
  requireStatus,
  requireString,
} from './values'

/**
 * Monitoring (ROCC step 4): the measures agreed for a priority action (what is counted, from
 * what baseline to what target, who reports it and how often) and the progress reported
 * over time. Both live inside their action, so removing an action removes its monitoring.
 */

/** A monitoring measure, read now (observe `map` to re-read on change). */
export interface MonitoringMeasureView {
  readonly id: MeasureId
  readonly name: string
  readonly baseline: number | null
  readonly target: number | null
  readonly unit: string
  readonly frequency: MeasureFrequency
  /** Who reports the measure. */
  readonly reporter: string
  readonly createdAt: number | null
  readonly map: Y.Map<unknown>
}

/** The editable fields of a monitoring measure. */
export interface MonitoringMeasureFields {
  name: string
  baseline: number | null
  target: number | null
  unit: string
  frequency: MeasureFrequency
  reporter: string
}

/** What a new measure starts with: a name, the rest optional. */
export type MonitoringMeasureInput = Pick<MonitoringMeasureFields, 'name'> &
  Partial<Omit<MonitoringMeasureFields, 'name'>> & {
    /** Insert after this measure; `null` = first; omitted = last. */
    after?: MeasureId | null
  }

/** One progress report against an action, read now. */
export interface ProgressEntryView {
  readonly id: ProgressEntryId
  /** The day the progress is reported for, `YYYY-MM-DD`. */
  readonly date: string
  /** Reported values, by measure id. */
  readonly values: Record<string, number>
  /** The action's status as reported with the entry. */
  readonly status: ActionStatus | null
  readonly note: string
  readonly authorId: string | null
  readonly authorName: string
  readonly createdAt: number | null
  readonly map: Y.Map<unknown>
}

/** What a new progress entry holds. */
export interface ProgressEntryInput {
  date: string
  values?: Record<string, number>
  status?: ActionStatus | null
  note?: string
  authorId?: string | null
  authorName: string
  /** When it was written (ms); now when omitted. */
  createdAt?: number
}

/** The action's measures map, or null when the action or its map is missing. */
function measuresOf(action: Y.Map<unknown> | null): Y.Map<unknown> | null {
  return action ? asMap(action.get(ACTION_KEYS.measures)) : null
}

/** The map of an action's measures (keyed by measure id), or null when the action or its map is missing. */
export function measuresMapOf(doc: Y.Doc, actionId: ActionId): Y.Map<unknown> | null {
  return measuresOf(asMap(getPlanRoots(doc).actions.get(actionId)))
}

function progressOf(action: Y.Map<unknown> | null): Y.Map<unknown> | null {
  return action ? asMap(action.get(ACTION_KEYS.progress)) : null
}

function requirePart(part: Y.Map<unknown> | null, actionId: ActionId, name: string): Y.Map<unknown> {
  if (!part) throw new Error(`Priority action ${actionId} has no ${name}`)
  return part
}

/** Reads a measure leniently: unknown values fall back to defaults. */
export function readMeasure(id: string, map: Y.Map<unknown>): MonitoringMeasureView {
  return {
    id: id as MeasureId,
    name: readString(map.get(MEASURE_KEYS.name)),
    baseline: readNumber(map.get(MEASURE_KEYS.baseline)),
    target: readNumber(map.get(MEASURE_KEYS.target)),
    unit: readString(map.get(MEASURE_KEYS.unit)),
    frequency: readFrequency(map.get(MEASURE_KEYS.frequency)),
    reporter: readString(map.get(MEASURE_KEYS.reporter)),
    createdAt: readNumber(map.get(MEASURE_KEYS.createdAt)),
    map,
  }
}

/**
 * Reads a progress entry leniently. An entry without a valid date is not a report of
 * anything (only a misbehaving client writes one) and reads as `null`.
 */
export function readProgressEntry(id: string, map: Y.Map<unknown>): ProgressEntryView | null {
  const date = readDate(map.get(PROGRESS_KEYS.date))
  if (date === null) return null
  return {
    id: id as ProgressEntryId,
    date,
    values: readValues(map.get(PROGRESS_KEYS.values)),
    status: readNullableStatus(map.get(PROGRESS_KEYS.status)),
    note: readString(map.get(PROGRESS_KEYS.note)),
    authorId: readNullableString(map.get(PROGRESS_KEYS.authorId)),
    authorName: readString(map.get(PROGRESS_KEYS.authorName)),
    createdAt: readNumber(map.get(PROGRESS_KEYS.createdAt)),
    map,
  }
}

/** The measures of an action's map in display order (lenient; used by the JSON too). */
export function measuresOfAction(action: Y.Map<unknown> | null): MonitoringMeasureView[] {
  const measures = measuresOf(action)
  return measures ? orderedEntries(measures).map(({ id, map }) => readMeasure(id, map)) : []
}

/** The progress entries of an action's map, by date, then time of writing, then id. */
export function progressOfAction(action: Y.Map<unknown> | null): ProgressEntryView[] {
  const progress = progressOf(action)
  if (!progress) return []
  const entries: ProgressEntryView[] = []
  for (const [id, value] of progress.entries()) {
    const map = asMap(value)
    const entry = map ? readProgressEntry(id, map) : null
    if (entry) entries.push(entry)
  }
  const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
  return entries.sort((a, b) => compare(a.date, b.date) || (a.createdAt ?? 0) - (b.createdAt ?? 0) || compare(a.id, b.id))
}

/** An action's monitoring measures in display order; `[]` for an unknown action. */
export function listMeasures(doc: Y.Doc, actionId: ActionId): MonitoringMeasureView[] {
  return measuresOfAction(asMap(getPlanRoots(doc).actions.get(actionId)))
}

/** An action's progress entries, oldest first; `[]` for an unknown action. */
export function listProgressEntries(doc: Y.Doc, actionId: ActionId): ProgressEntryView[] {
  return progressOfAction(asMap(getPlanRoots(doc).actions.get(actionId)))
}

function checkMeasureFields(fields: Partial<MonitoringMeasureFields>): Partial<MonitoringMeasureFields> {
  const checked: Partial<MonitoringMeasureFields> = {}
  if (fields.name !== undefined) checked.name = requireString(fields.name, 'Measure name').trim()
  if (fields.baseline !== undefined) checked.baseline = requireNumberOrNull(fields.baseline, 'Baseline')
  if (fields.target !== undefined) checked.target = requireNumberOrNull(fields.target, 'Target')
  if (fields.unit !== undefined) checked.unit = requireString(fields.unit, 'Unit').trim()
  if (fields.frequency !== undefined) checked.frequency = requireFrequency(fields.frequency)
  if (fields.reporter !== undefined) checked.reporter = requireString(fields.reporter, 'Reporter').trim()
  return checked
}

/** Adds a monitoring measure to an action; returns its id. */
export function addMeasure(doc: Y.Doc, actionId: ActionId, input: MonitoringMeasureInput, origin: TxOrigin = LOCAL_ORIGIN): MeasureId {
  const measures = requirePart(measuresOf(requireAction(doc, actionId)), actionId, 'measures')
  const fields = checkMeasureFields({ baseline: null, target: null, unit: '', frequency: 'other', reporter: '', ...input })
  requirePlacement(measures, input.after, 'measure')
  const id = newId() as MeasureId
  doc.transact(() => {
    const map = new Y.Map<unknown>()
    map.set(MEASURE_KEYS.id, id)
    for (const [key, value] of Object.entries(fields)) map.set(key, value)
    map.set(MEASURE_KEYS.createdAt, Date.now())
    measures.set(id, map)
    placeItem(measures, id, input.after)
  }, origin)
  return id
}

/** Changes some fields of a measure; fields left out stay as they are. */
export function updateMeasure(
  doc: Y.Doc,
  actionId: ActionId,
  measureId: MeasureId,
  patch: Partial<MonitoringMeasureFields>,
  origin: TxOrigin = LOCAL_ORIGIN,
): void {
  const measures = requirePart(measuresOf(requireAction(doc, actionId)), actionId, 'measures')
  const measure = requireItem(measures, measureId, 'measure')
  const fields = checkMeasureFields(patch)
  const changed = Object.entries(fields).filter(([key, value]) => measure.get(key) !== value)
  if (changed.length > 0) doc.transact(() => changed.forEach(([key, value]) => measure.set(key, value)), origin)
}

/**
 * Removes a measure. Values reported against it stay in past progress entries: they are
 * history, and undoing the removal or restoring a snapshot brings the measure back.
 */
export function removeMeasure(doc: Y.Doc, actionId: ActionId, measureId: MeasureId, origin: TxOrigin = LOCAL_ORIGIN): void {
  const measures = requirePart(measuresOf(requireAction(doc, actionId)), actionId, 'measures')
  removeItem(doc, measures, measureId, origin, 'measure')
}

/** Moves a measure right after another one, or first (`after: null`). */
export function moveMeasure(
  doc: Y.Doc,
  actionId: ActionId,
  measureId: MeasureId,
  to: MoveTo<MeasureId>,
  origin: TxOrigin = LOCAL_ORIGIN,
): void {
  const measures = requirePart(measuresOf(requireAction(doc, actionId)), actionId, 'measures')
  moveItem(doc, measures, measureId, to.after, origin, 'measure')
}

/**
 * Records progress against an action. `values` are keyed by the action's measure ids and
 * stored as one atomic value: an entry is a report, written once, never edited in parts.
 */
export function addProgressEntry(
  doc: Y.Doc,
  actionId: ActionId,
  input: ProgressEntryInput,
  origin: TxOrigin = LOCAL_ORIGIN,
): ProgressEntryId {
  const action = requireAction(doc, actionId)
  const progress = requirePart(progressOf(action), actionId, 'progress')
  const measures = requirePart(measuresOf(action), actionId, 'measures')
  const date = requireDate(input.date, 'Progress date')
  const values: Record<string, number> = {}
  for (const [measureId, value] of Object.entries(input.values ?? {})) {
    requireItem(measures, measureId, 'measure')
    const number = requireNumberOrNull(value, `Value of measure ${measureId}`)
    if (number !== null) values[measureId] = number
  }
  const status = input.status == null ? null : requireStatus(input.status)
  const note = requireString(input.note ?? '', 'Note')
  const authorId = requireNullableString(input.authorId ?? null, 'Author id')
  const authorName = requireString(input.authorName, 'Author name').trim()
  const id = newId() as ProgressEntryId
  doc.transact(() => {
    const map = new Y.Map<unknown>()
    map.set(PROGRESS_KEYS.id, id)
    map.set(PROGRESS_KEYS.date, date)
    map.set(PROGRESS_KEYS.values, values)
    map.set(PROGRESS_KEYS.status, status)
    map.set(PROGRESS_KEYS.note, note)
    map.set(PROGRESS_KEYS.authorId, authorId)
    map.set(PROGRESS_KEYS.authorName, authorName)
    map.set(PROGRESS_KEYS.createdAt, input.createdAt ?? Date.now())
    progress.set(id, map)
  }, origin)
  return id
}

/** Removes a progress entry. */
export function removeProgressEntry(doc: Y.Doc, actionId: ActionId, entryId: ProgressEntryId, origin: TxOrigin = LOCAL_ORIGIN): void {
  const progress = requirePart(progressOf(requireAction(doc, actionId)), actionId, 'progress')
  removeItem(doc, progress, entryId, origin, 'progress entry')
}
