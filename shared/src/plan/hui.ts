import * as Y from 'yjs'
import { z } from 'zod'
import { AFFILIATIONS } from '../domain'
import { newId } from '../ids'
import { LOCAL_ORIGIN, type TxOrigin } from '../origin'
import { AgreementTarget } from './agreements'
import { moveItem, orderedEntries, placeItem, removeItem, requireItem, requirePlacement, type Placement } from './collection'
import { AGENDA_KEYS, COLLAB_ROOT_KEYS, HUI_KEYS } from './keys'
import { MAX_KARAKIA_CHARS } from './limits'
import { createAgendaNotes, deleteAgendaNotes } from './notes'
import { wellFormed } from './text'
import { readNullableString, readNumber, readString } from './values'

/**
 * Running a hui: its agenda (opening, the ROCC steps or chosen items, free items, closing),
 * which item is current and since when (the shared timer), where the facilitator is (for
 * "follow the facilitator"), the parking lot, and who attended, by partner.
 *
 * The agenda and the hui state are facilitators' to change (the server refuses others'
 * writes); anyone may park a topic; each person records only their own attendance.
 */

export const AGENDA_KINDS = ['karakia', 'mihi', 'whakawhanaungatanga', 'step', 'item', 'free', 'closing'] as const
export const AgendaKind = z.enum(AGENDA_KINDS)
export type AgendaKind = z.infer<typeof AgendaKind>

export const HUI_STEP_IDS = ['focus-areas', 'environment', 'actions', 'monitoring'] as const

/** Agenda kinds that open or close with a karakia, whose words a facilitator may add to show on screen. */
export const KARAKIA_KINDS: readonly AgendaKind[] = ['karakia', 'closing']

/** Whether items of this kind carry a karakia's words. */
export function hasKarakiaText(kind: AgendaKind): boolean {
  return KARAKIA_KINDS.includes(kind)
}

export interface AgendaItemView {
  id: string
  kind: AgendaKind
  title: string
  stepId: string | null
  target: AgreementTarget | null
  durationMinutes: number | null
  /** The karakia's words (karakia and closing items), as the facilitator typed or pasted them; '' when none. */
  karakia: string
  map: Y.Map<unknown>
}

export interface AgendaItemInput {
  kind: AgendaKind
  title?: string
  stepId?: string | null
  target?: AgreementTarget | null
  durationMinutes?: number | null
  after?: Placement
}

export const FacilitatorFocus = z.object({
  step: z.string().max(40),
  /** An item the facilitator has opened, if any. */
  target: AgreementTarget.nullable(),
  by: z.string(),
  at: z.number().finite(),
})
export type FacilitatorFocus = z.infer<typeof FacilitatorFocus>

export interface HuiState {
  huiId: string | null
  active: boolean
  startedAt: number | null
  startedBy: string | null
  endedAt: number | null
  currentItemId: string | null
  currentItemStartedAt: number | null
  focus: FacilitatorFocus | null
  /** When the current item's timer was paused; null while it runs. */
  timerPausedAt: number | null
  /** Milliseconds added to the current item's time (extensions and pauses already resumed). */
  timerExtraMs: number
}

export const ParkedTopic = z.object({
  id: z.string(),
  text: z.string().min(1).max(1000),
  addedBy: z.string(),
  addedByName: z.string(),
  addedAt: z.number().finite(),
  huiId: z.string().nullable(),
  resolved: z.boolean(),
  /** The member who looks after the topic (set by the server from its membership record). */
  ownerId: z.string().nullable().optional(),
  ownerName: z.string().nullable().optional(),
  /** The priority action the topic became, if any. */
  actionId: z.string().nullable().optional(),
})
export type ParkedTopic = z.infer<typeof ParkedTopic>

export const Attendance = z.object({
  huiId: z.string(),
  userId: z.string(),
  name: z.string(),
  affiliation: z.enum(AFFILIATIONS),
  organisation: z.string().nullable(),
  at: z.number().finite(),
})
export type Attendance = z.infer<typeof Attendance>

export const huiStateRoot = (doc: Y.Doc) => doc.getMap<unknown>(COLLAB_ROOT_KEYS.huiState)
export const huiAgendaRoot = (doc: Y.Doc) => doc.getMap<unknown>(COLLAB_ROOT_KEYS.huiAgenda)
export const parkingLotRoot = (doc: Y.Doc) => doc.getMap<unknown>(COLLAB_ROOT_KEYS.parkingLot)
export const attendanceRoot = (doc: Y.Doc) => doc.getMap<unknown>(COLLAB_ROOT_KEYS.attendance)

// --- Agenda -------------------------------------------------------------------------------

function cleanMinutes(value: number | null | undefined): number | null {
  if (value == null) return null
  if (!Number.isFinite(value) || value < 0 || value > 24 * 60) throw new Error('Duration must be between 0 and 1440 minutes')
  return Math.round(value)
}

export function addAgendaItem(doc: Y.Doc, input: AgendaItemInput, origin: TxOrigin = LOCAL_ORIGIN): string {
  const kind = AgendaKind.parse(input.kind)
  const target = input.target == null ? null : AgreementTarget.parse(input.target)
  const durationMinutes = cleanMinutes(input.durationMinutes)
  const agenda = huiAgendaRoot(doc)
  requirePlacement(agenda, input.after, 'agenda item')
  const id = newId()
  doc.transact(() => {
    const map = new Y.Map<unknown>()
    map.set(AGENDA_KEYS.id, id)
    map.set(AGENDA_KEYS.kind, kind)
    map.set(AGENDA_KEYS.title, wellFormed((input.title ?? '').trim()))
    map.set(AGENDA_KEYS.stepId, input.stepId ?? null)
    map.set(AGENDA_KEYS.target, target)
    map.set(AGENDA_KEYS.durationMinutes, durationMinutes)
    map.set(AGENDA_KEYS.createdAt, Date.now())
    agenda.set(id, map)
    placeItem(agenda, id, input.after)
    createAgendaNotes(doc, id)
  }, origin)
  return id
}

export function updateAgendaItem(
  doc: Y.Doc,
  id: string,
  patch: { title?: string; durationMinutes?: number | null; karakia?: string },
  origin: TxOrigin = LOCAL_ORIGIN,
): void {
  const item = requireItem(huiAgendaRoot(doc), id, 'agenda item')
  const durationMinutes = patch.durationMinutes === undefined ? undefined : cleanMinutes(patch.durationMinutes)
  const karakia = patch.karakia === undefined ? undefined : cleanKarakia(patch.karakia)
  doc.transact(() => {
    if (patch.title !== undefined) item.set(AGENDA_KEYS.title, wellFormed(patch.title.trim()))
    if (durationMinutes !== undefined) item.set(AGENDA_KEYS.durationMinutes, durationMinutes)
    if (karakia !== undefined && item.get(AGENDA_KEYS.karakia) !== karakia) item.set(AGENDA_KEYS.karakia, karakia)
  }, origin)
}

/** A karakia's words as kept: line breaks kept, outer blank lines and trailing spaces dropped. */
function cleanKarakia(text: string): string {
  const words = wellFormed(text.normalize('NFC'))
    .split(/\r\n?|\n/)
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/^\n+|\n+$/g, '')
  if (words.length > MAX_KARAKIA_CHARS) throw new Error(`A karakia holds at most ${MAX_KARAKIA_CHARS} characters`)
  return words
}

/** Removes an agenda item and its notes (the snapshots keep both). */
export function removeAgendaItem(doc: Y.Doc, id: string, origin: TxOrigin = LOCAL_ORIGIN): void {
  doc.transact(() => {
    removeItem(doc, huiAgendaRoot(doc), id, origin, 'agenda item')
    deleteAgendaNotes(doc, id)
  }, origin)
}

export function moveAgendaItem(doc: Y.Doc, id: string, to: { after: string | null }, origin: TxOrigin = LOCAL_ORIGIN): void {
  moveItem(doc, huiAgendaRoot(doc), id, to.after, origin, 'agenda item')
}

export function listAgenda(doc: Y.Doc): AgendaItemView[] {
  return orderedEntries(huiAgendaRoot(doc)).flatMap(({ id, map }) => {
    const kind = AgendaKind.safeParse(map.get(AGENDA_KEYS.kind))
    if (!kind.success) return []
    const target = AgreementTarget.safeParse(map.get(AGENDA_KEYS.target))
    const minutes = readNumber(map.get(AGENDA_KEYS.durationMinutes))
    return [
      {
        id,
        kind: kind.data,
        title: readString(map.get(AGENDA_KEYS.title)),
        stepId: readNullableString(map.get(AGENDA_KEYS.stepId)),
        target: target.success ? target.data : null,
        durationMinutes: minutes !== null && minutes >= 0 ? minutes : null,
        karakia: readString(map.get(AGENDA_KEYS.karakia)),
        map,
      },
    ]
  })
}

/**
 * The usual shape of a hui, for a facilitator to adjust: opening karakia, mihi and
 * whakawhanaungatanga, the four ROCC steps, and a closing karakia. Titles are left empty
 * so the client shows them in the reader's language; only an empty agenda is filled.
 */
export function addDefaultAgenda(doc: Y.Doc, origin: TxOrigin = LOCAL_ORIGIN): void {
  if (huiAgendaRoot(doc).size > 0) return
  doc.transact(() => {
    addAgendaItem(doc, { kind: 'karakia', durationMinutes: 5 }, origin)
    addAgendaItem(doc, { kind: 'mihi', durationMinutes: 10 }, origin)
    addAgendaItem(doc, { kind: 'whakawhanaungatanga', durationMinutes: 20 }, origin)
    for (const stepId of HUI_STEP_IDS) addAgendaItem(doc, { kind: 'step', stepId, durationMinutes: 30 }, origin)
    addAgendaItem(doc, { kind: 'closing', durationMinutes: 5 }, origin)
  }, origin)
}

// --- The hui itself -------------------------------------------------------------------------

export function getHuiState(doc: Y.Doc): HuiState {
  const state = huiStateRoot(doc)
  const focus = FacilitatorFocus.safeParse(state.get(HUI_KEYS.focus))
  return {
    huiId: readNullableString(state.get(HUI_KEYS.huiId)),
    active: state.get(HUI_KEYS.active) === true,
    startedAt: readNumber(state.get(HUI_KEYS.startedAt)),
    startedBy: readNullableString(state.get(HUI_KEYS.startedBy)),
    endedAt: readNumber(state.get(HUI_KEYS.endedAt)),
    currentItemId: readNullableString(state.get(HUI_KEYS.currentItemId)),
    currentItemStartedAt: readNumber(state.get(HUI_KEYS.currentItemStartedAt)),
    focus: focus.success ? focus.data : null,
    timerPausedAt: readNumber(state.get(HUI_KEYS.timerPausedAt)),
    timerExtraMs: readNumber(state.get(HUI_KEYS.timerExtraMs)) ?? 0,
  }
}

/** Starts a hui (a new one each time); the first agenda item becomes current. Returns its id. */
export function startHui(doc: Y.Doc, by: string, at = Date.now(), origin: TxOrigin = LOCAL_ORIGIN): string {
  const huiId = newId()
  const first = listAgenda(doc)[0]?.id ?? null
  doc.transact(() => {
    const state = huiStateRoot(doc)
    state.set(HUI_KEYS.huiId, huiId)
    state.set(HUI_KEYS.active, true)
    state.set(HUI_KEYS.startedAt, at)
    state.set(HUI_KEYS.startedBy, by)
    state.set(HUI_KEYS.endedAt, null)
    state.set(HUI_KEYS.currentItemId, first)
    state.set(HUI_KEYS.currentItemStartedAt, first ? at : null)
    state.set(HUI_KEYS.timerPausedAt, null)
    state.set(HUI_KEYS.timerExtraMs, 0)
  }, origin)
  return huiId
}

export function endHui(doc: Y.Doc, at = Date.now(), origin: TxOrigin = LOCAL_ORIGIN): void {
  doc.transact(() => {
    const state = huiStateRoot(doc)
    state.set(HUI_KEYS.active, false)
    state.set(HUI_KEYS.endedAt, at)
    state.set(HUI_KEYS.focus, null)
  }, origin)
}

/** Makes an agenda item current and restarts the shared timer. */
export function setCurrentAgendaItem(doc: Y.Doc, id: string | null, at = Date.now(), origin: TxOrigin = LOCAL_ORIGIN): void {
  if (id !== null) requireItem(huiAgendaRoot(doc), id, 'agenda item')
  doc.transact(() => {
    huiStateRoot(doc).set(HUI_KEYS.currentItemId, id)
    huiStateRoot(doc).set(HUI_KEYS.currentItemStartedAt, id === null ? null : at)
    huiStateRoot(doc).set(HUI_KEYS.timerPausedAt, null)
    huiStateRoot(doc).set(HUI_KEYS.timerExtraMs, 0)
  }, origin)
}

/**
 * Pauses, resumes or extends the current item's timer. A pause freezes the time left; on
 * resume the paused span is added to the item's time, so the time left carries on from where
 * it stopped. No-op without a current item.
 */
export function setHuiTimer(
  doc: Y.Doc,
  action: 'pause' | 'resume' | 'extend',
  minutes = 5,
  at = Date.now(),
  origin: TxOrigin = LOCAL_ORIGIN,
): void {
  const state = getHuiState(doc)
  if (!state.active || state.currentItemId === null) return
  const root = huiStateRoot(doc)
  doc.transact(() => {
    if (action === 'pause') {
      if (state.timerPausedAt === null) root.set(HUI_KEYS.timerPausedAt, at)
    } else if (action === 'resume') {
      if (state.timerPausedAt !== null) {
        root.set(HUI_KEYS.timerExtraMs, state.timerExtraMs + Math.max(0, at - state.timerPausedAt))
        root.set(HUI_KEYS.timerPausedAt, null)
      }
    } else root.set(HUI_KEYS.timerExtraMs, state.timerExtraMs + Math.round(minutes) * 60_000)
  }, origin)
}

/** Where the facilitator is now; participants who follow go there. */
export function setFacilitatorFocus(doc: Y.Doc, focus: FacilitatorFocus, origin: TxOrigin = LOCAL_ORIGIN): void {
  const parsed = FacilitatorFocus.parse(focus)
  doc.transact(() => huiStateRoot(doc).set(HUI_KEYS.focus, parsed), origin)
}

/** Clears where the facilitator is (nowhere in particular for those who follow). */
export function clearFacilitatorFocus(doc: Y.Doc, origin: TxOrigin = LOCAL_ORIGIN): void {
  doc.transact(() => huiStateRoot(doc).set(HUI_KEYS.focus, null), origin)
}

/** Milliseconds left on the current item's timer (negative when over), or null without one. */
export function timeLeftMs(doc: Y.Doc, now = Date.now()): number | null {
  const state = getHuiState(doc)
  if (!state.active || !state.currentItemId || state.currentItemStartedAt === null) return null
  const item = listAgenda(doc).find((i) => i.id === state.currentItemId)
  if (!item || item.durationMinutes === null) return null
  const until = state.timerPausedAt ?? now
  return state.currentItemStartedAt + item.durationMinutes * 60_000 + state.timerExtraMs - until
}

// --- Parking lot and attendance -----------------------------------------------------------

export function parkTopic(
  doc: Y.Doc,
  input: { text: string; userId: string; userName: string; huiId?: string | null; at?: number },
  origin: TxOrigin = LOCAL_ORIGIN,
): string {
  const id = newId()
  const topic = ParkedTopic.parse({
    id,
    text: wellFormed(input.text.trim()),
    addedBy: input.userId,
    addedByName: input.userName,
    addedAt: input.at ?? Date.now(),
    huiId: input.huiId ?? getHuiState(doc).huiId,
    resolved: false,
  })
  doc.transact(() => parkingLotRoot(doc).set(id, topic), origin)
  return id
}

export function setParkedResolved(doc: Y.Doc, id: string, resolved: boolean, origin: TxOrigin = LOCAL_ORIGIN): void {
  const topic = ParkedTopic.safeParse(parkingLotRoot(doc).get(id))
  if (!topic.success) throw new Error(`No parked topic ${id}`)
  doc.transact(() => parkingLotRoot(doc).set(id, { ...topic.data, resolved }), origin)
}

/** A parked topic, or null when there is none with that id. */
export function getParkedTopic(doc: Y.Doc, id: string): ParkedTopic | null {
  const topic = ParkedTopic.safeParse(parkingLotRoot(doc).get(id))
  return topic.success ? topic.data : null
}

/**
 * Changes a parked topic: resolved, who looks after it (`owner`: id and name, null to
 * clear), the priority action it became. Returns the topic as written.
 */
export function updateParkedTopic(
  doc: Y.Doc,
  id: string,
  patch: { resolved?: boolean; owner?: { id: string; name: string } | null; actionId?: string | null },
  origin: TxOrigin = LOCAL_ORIGIN,
): ParkedTopic {
  const topic = getParkedTopic(doc, id)
  if (!topic) throw new Error(`No parked topic ${id}`)
  const next = ParkedTopic.parse({
    ...topic,
    ...(patch.resolved === undefined ? {} : { resolved: patch.resolved }),
    ...(patch.owner === undefined ? {} : { ownerId: patch.owner?.id ?? null, ownerName: patch.owner?.name ?? null }),
    ...(patch.actionId === undefined ? {} : { actionId: patch.actionId }),
  })
  doc.transact(() => parkingLotRoot(doc).set(id, next), origin)
  return next
}

/** Removes a parked topic (no-op when there is none). */
export function removeParkedTopic(doc: Y.Doc, id: string, origin: TxOrigin = LOCAL_ORIGIN): void {
  if (!parkingLotRoot(doc).has(id)) return
  doc.transact(() => parkingLotRoot(doc).delete(id), origin)
}

export function listParkingLot(doc: Y.Doc): ParkedTopic[] {
  const topics: ParkedTopic[] = []
  parkingLotRoot(doc).forEach((value) => {
    const parsed = ParkedTopic.safeParse(value)
    if (parsed.success) topics.push(parsed.data)
  })
  return topics.sort((a, b) => a.addedAt - b.addedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

export function attendanceKey(huiId: string, userId: string): string {
  return `${huiId}|${userId}`
}

/** Records that a person was at a hui (idempotent: the first record stands). */
export function markAttendance(doc: Y.Doc, record: Attendance, origin: TxOrigin = LOCAL_ORIGIN): void {
  const parsed = Attendance.parse(record)
  const key = attendanceKey(parsed.huiId, parsed.userId)
  if (attendanceRoot(doc).has(key)) return
  doc.transact(() => attendanceRoot(doc).set(key, parsed), origin)
}

export function listAttendance(doc: Y.Doc, huiId?: string): Attendance[] {
  const people: Attendance[] = []
  attendanceRoot(doc).forEach((value) => {
    const parsed = Attendance.safeParse(value)
    if (parsed.success && (!huiId || parsed.data.huiId === huiId)) people.push(parsed.data)
  })
  return people.sort((a, b) => a.at - b.at || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0))
}

/** Calls `listener` after every change of the hui state (started, ended, item, focus); returns the unsubscribe. */
export function observeHuiState(doc: Y.Doc, listener: () => void): () => void {
  const root = huiStateRoot(doc)
  root.observe(listener)
  return () => root.unobserve(listener)
}
