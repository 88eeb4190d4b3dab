import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { listThreads, replyToThread, setThreadResolved, startThread } from './comments'
import {
  addAgendaItem,
  addDefaultAgenda,
  endHui,
  getHuiState,
  hasKarakiaText,
  listAgenda,
  listAttendance,
  listParkingLot,
  markAttendance,
  moveAgendaItem,
  parkTopic,
  removeAgendaItem,
  setCurrentAgendaItem,
  setFacilitatorFocus,
  setParkedResolved,
  startHui,
  timeLeftMs,
  updateAgendaItem,
} from './hui'
import { COLLAB_ROOT_KEYS } from './keys'
import { MAX_KARAKIA_CHARS } from './limits'
import { agendaNotes, allAgendaNotes, ensureAgendaNotes, huiNotesRoot } from './notes'
import { writerOf } from './writers'
import { toPlanJson, PlanJson } from './json'
import { isPandaDone, pandaAnswer, setPandaDone } from './panda'
import { newPlanDoc, peers, syncAll } from './testing'

describe('hui', () => {
  it('has a default agenda: opening, the four steps, closing; items reorder and carry timers', () => {
    const doc = newPlanDoc()
    addDefaultAgenda(doc)
    addDefaultAgenda(doc) // only an empty agenda is filled
    const agenda = listAgenda(doc)
    expect(agenda.map((i) => i.kind)).toEqual(['karakia', 'mihi', 'whakawhanaungatanga', 'step', 'step', 'step', 'step', 'closing'])
    expect(agenda.filter((i) => i.kind === 'step').map((i) => i.stepId)).toEqual(['focus-areas', 'environment', 'actions', 'monitoring'])
    const free = addAgendaItem(doc, { kind: 'free', title: 'Kai', durationMinutes: 30, after: agenda[2]!.id })
    expect(listAgenda(doc)[3]!.title).toBe('Kai')
    moveAgendaItem(doc, free, { after: null })
    expect(listAgenda(doc)[0]!.id).toBe(free)
    expect(() => addAgendaItem(doc, { kind: 'free', durationMinutes: -1 })).toThrow()
  })

  it('starts with the first item current, runs a shared timer, follows the facilitator and ends', () => {
    const doc = newPlanDoc()
    addDefaultAgenda(doc)
    const huiId = startHui(doc, 'facilitator', 1_000)
    const state = getHuiState(doc)
    expect(state).toMatchObject({
      huiId,
      active: true,
      startedAt: 1_000,
      currentItemId: listAgenda(doc)[0]!.id,
      currentItemStartedAt: 1_000,
    })
    expect(timeLeftMs(doc, 1_000 + 60_000)).toBe(4 * 60_000) // karakia: 5 minutes
    const mihi = listAgenda(doc)[1]!.id
    setCurrentAgendaItem(doc, mihi, 400_000)
    expect(timeLeftMs(doc, 400_000 + 11 * 60_000)).toBe(-60_000) // over time
    setFacilitatorFocus(doc, { step: 'actions', target: null, by: 'facilitator', at: 2 })
    expect(getHuiState(doc).focus?.step).toBe('actions')
    endHui(doc, 5_000)
    expect(getHuiState(doc)).toMatchObject({ active: false, endedAt: 5_000, focus: null })
    expect(timeLeftMs(doc)).toBeNull()
  })

  it('keeps a parking lot and attendance by hui; both merge from several devices', () => {
    const [a, b] = peers(2)
    const huiId = startHui(a!, 'f')
    syncAll([a!, b!])
    const topic = parkTopic(a!, { text: 'Kōrero about the marae roof', userId: 'u1', userName: 'Aroha' })
    parkTopic(b!, { text: 'Who funds transport?', userId: 'u2', userName: 'Hemi' })
    markAttendance(a!, { huiId, userId: 'u1', name: 'Aroha', affiliation: 'iwi', organisation: 'Ngāti Awa', at: 1 })
    markAttendance(b!, { huiId, userId: 'u2', name: 'Hemi', affiliation: 'police', organisation: null, at: 2 })
    markAttendance(b!, { huiId, userId: 'u2', name: 'Hemi again', affiliation: 'police', organisation: null, at: 3 })
    syncAll([a!, b!])
    expect(
      listParkingLot(b!)
        .map((t) => t.text)
        .sort(),
    ).toEqual(['Kōrero about the marae roof', 'Who funds transport?'])
    setParkedResolved(b!, topic, true)
    expect(listParkingLot(b!).find((t) => t.id === topic)!.resolved).toBe(true)
    expect(listAttendance(a!, huiId).map((p) => p.name)).toEqual(['Aroha', 'Hemi'])
    expect(listAttendance(a!, 'another')).toEqual([])
  })
})

describe('comments', () => {
  it('threads on an item with replies and resolve, merged from two devices', () => {
    const [a, b] = peers(2)
    const thread = startThread(
      a!,
      { kind: 'focusArea', id: 'f1' },
      { authorId: 'u1', authorName: 'Aroha', text: 'Can we say “whānau” here?' },
    )
    syncAll([a!, b!])
    replyToThread(a!, thread, { authorId: 'u1', authorName: 'Aroha', text: 'Also tamariki.' })
    replyToThread(b!, thread, { authorId: 'u2', authorName: 'Hemi', text: 'Āe, agreed.' })
    syncAll([a!, b!])
    const [view] = listThreads(b!, { kind: 'focusArea', id: 'f1' })
    expect(view!.messages.map((m) => m.text).sort()).toEqual(['Also tamariki.', 'Can we say “whānau” here?', 'Āe, agreed.'].sort())
    expect(listThreads(b!, { kind: 'focusArea', id: 'other' })).toEqual([])
    setThreadResolved(b!, thread, true, 'u2')
    expect(listThreads(b!)[0]).toMatchObject({ resolved: true, resolvedBy: 'u2' })
    expect(() => startThread(a!, { kind: 'plan', id: '' }, { authorId: 'u1', authorName: 'A', text: '   ' })).toThrow()
  })
})

describe('the PANDA guide and the plan JSON', () => {
  it('answers and ticks survive a round trip through the plan JSON', () => {
    const doc = newPlanDoc()
    pandaAnswer(doc, 'problem.harm').insert(0, 'High harm: meth in whānau homes.')
    setPandaDone(doc, 'problem.harm', true)
    startThread(doc, { kind: 'plan', id: '' }, { authorId: 'u1', authorName: 'Aroha', text: 'Kia ora' })
    expect(isPandaDone(doc, 'problem.harm')).toBe(true)
    const json = toPlanJson(doc)
    expect(PlanJson.parse(json)).toEqual(json)
    expect(json.panda).toEqual({ 'problem.harm': { done: true, answer: 'High harm: meth in whānau homes.' } })
    expect(json.comments[0]!.messages[0]!.text).toBe('Kia ora')
  })
})

describe('notes per agenda item and karakia words', () => {
  it('each new agenda item comes with its notes, which go with it when it is removed', () => {
    const doc = newPlanDoc()
    addDefaultAgenda(doc)
    const agenda = listAgenda(doc)
    expect(agenda.every((item) => agendaNotes(doc, item.id)?.length === 0)).toBe(true)
    const first = agenda[0]!.id
    agendaNotes(doc, first)!.insert(0, 'Karakia led by Matua Hēmi')
    expect(toPlanJson(doc).hui.agenda[0]).toMatchObject({ id: first, notes: 'Karakia led by Matua Hēmi', karakia: '' })
    removeAgendaItem(doc, first)
    expect(agendaNotes(doc, first)).toBeNull()
    expect(huiNotesRoot(doc).has(first)).toBe(false)
  })

  it('gives an item made before notes existed its notes once, and none to an item not on the agenda', () => {
    const doc = newPlanDoc()
    const id = addAgendaItem(doc, { kind: 'free', title: 'Kai' })
    huiNotesRoot(doc).delete(id) // as an agenda written by an older client
    expect(agendaNotes(doc, id)).toBeNull()
    const notes = ensureAgendaNotes(doc, id)!
    notes.insert(0, 'Kai at 12')
    expect(ensureAgendaNotes(doc, id)).toBe(notes)
    expect(ensureAgendaNotes(doc, 'not-an-item')).toBeNull()
    expect(allAgendaNotes(doc)).toEqual({ [id]: 'Kai at 12' })
  })

  it('notes typed on two devices at once both stay', () => {
    const [a, b] = [newPlanDoc(), new Y.Doc()]
    const id = addAgendaItem(a, { kind: 'step', stepId: 'actions' })
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    agendaNotes(a, id)!.insert(0, 'Aroha: kura first. ')
    agendaNotes(b, id)!.insert(0, 'Sam: MSD can fund. ')
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    const text = agendaNotes(a, id)!.toString()
    expect(text).toContain('Aroha: kura first.')
    expect(text).toContain('Sam: MSD can fund.')
    expect(agendaNotes(b, id)!.toString()).toBe(text)
  })

  it('keeps a karakia’s words with its item, line by line, within the limit', () => {
    const doc = newPlanDoc()
    const id = addAgendaItem(doc, { kind: 'karakia' })
    updateAgendaItem(doc, id, { karakia: '\n\nKia hora te marino   \r\nKia whakapapa pounamu te moana\n\n' })
    expect(listAgenda(doc)[0]!.karakia).toBe('Kia hora te marino\nKia whakapapa pounamu te moana')
    expect(toPlanJson(doc).hui.agenda[0]!.karakia).toBe('Kia hora te marino\nKia whakapapa pounamu te moana')
    expect(() => updateAgendaItem(doc, id, { karakia: 'a'.repeat(MAX_KARAKIA_CHARS + 1) })).toThrow(/at most/)
    expect(hasKarakiaText('karakia')).toBe(true)
    expect(hasKarakiaText('closing')).toBe(true)
    expect(hasKarakiaText('free')).toBe(false)
  })

  it('lets any editor write notes (a device root) while the agenda stays facilitators’', () => {
    expect(writerOf(COLLAB_ROOT_KEYS.huiNotes)).toBe('device')
    expect(writerOf(COLLAB_ROOT_KEYS.huiAgenda)).toBe('facilitator-device')
  })
})
