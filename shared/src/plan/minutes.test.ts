import { describe, expect, it } from 'vitest'
import type { Affiliation } from '../domain'
import { addPriorityAction, setActionDueDate, setActionLead, setActionPartners, setActionStatus } from './actions'
import { currentFingerprint } from './agreement-rules'
import { recordPosition, setAgreedMark } from './agreements'
import { addAgendaItem, endHui, markAttendance, parkTopic, setParkedResolved, startHui } from './hui'
import { agendaNotes } from './notes'
import { partnerKey } from './partners'
import { toPlanJson } from './json'
import { minutesOf } from './minutes'
import { addCondition, addFocusArea, getFocusArea } from './sections'
import { replaceText } from './text'
import { newPlanDoc } from './testing'

const SERVER = { source: 'server', reason: 'test' } as const
const START = Date.UTC(2027, 2, 12, 0, 0) // 12 March 2027, 1 pm in Aotearoa
const HOUR = 3_600_000

function mark(at: number, label: string) {
  return { snapshotId: `s-${at}`, label, at, by: 'f', byName: 'Mere', fingerprint: 'x' }
}

describe('minutesOf', () => {
  it('records the hui: its times, who came by partner (iwi first), what was agreed and parked, and every action', () => {
    const doc = newPlanDoc()
    const focus = addFocusArea(doc, { title: 'Rangatahi pathways' })
    const condition = addCondition(doc, { title: 'Shared data' })
    const action = addPriorityAction(doc, { title: 'Wānanga for rangatahi' })
    setActionLead(doc, action, 'Te Rūnanga o Ngāti Awa')
    setActionPartners(doc, action, ['MSD', 'Police'])
    setActionDueDate(doc, action, '2027-06-30')
    setActionStatus(doc, action, 'agreed')
    const other = addPriorityAction(doc, { title: 'Not discussed' })

    setAgreedMark(doc, { kind: 'condition', id: condition }, mark(START - HOUR, 'Agreed at an earlier hui'), SERVER)
    const huiId = startHui(doc, 'f', START)
    const attend = (userId: string, name: string, affiliation: Affiliation, organisation: string | null, minutes: number) =>
      markAttendance(doc, { huiId, userId, name, affiliation, organisation, at: START + minutes * 60_000 })
    attend('u-msd', 'Sam', 'agency', 'Ministry of Social Development', 1)
    attend('u-iwi', 'Aroha', 'iwi', 'Ngāti Awa', 2)
    attend('u-iwi2', 'Hēmi', 'iwi', 'ngāti awa ', 3)
    attend('u-pol', 'Mere', 'police', 'New Zealand Police', 4)
    markAttendance(doc, { huiId: 'another', userId: 'u-x', name: 'Elsewhere', affiliation: 'community', organisation: null, at: START })
    setAgreedMark(doc, { kind: 'focusArea', id: focus }, mark(START + HOUR, 'Agreed at hui, 12 March 2027: Rangatahi pathways'), SERVER)
    setAgreedMark(doc, { kind: 'monitoring', id: action }, mark(START + 2 * HOUR, 'Agreed at hui, 12 March 2027: monitoring'), SERVER)
    const roof = parkTopic(doc, { text: 'Marae roof', userId: 'u-iwi', userName: 'Aroha', at: START + 10 })
    parkTopic(doc, { text: 'Kai', userId: 'u-msd', userName: 'Sam', at: START + 20 })
    setParkedResolved(doc, roof, true)
    parkTopic(doc, { text: 'From before', userId: 'u-msd', userName: 'Sam', huiId: 'earlier', at: START - 1 })
    endHui(doc, START + 3 * HOUR)
    setAgreedMark(doc, { kind: 'action', id: other }, mark(START + 4 * HOUR, 'Agreed later'), SERVER)

    const minutes = minutesOf(toPlanJson(doc), huiId)
    expect(minutes).toMatchObject({ huiId, startedAt: new Date(START).toISOString(), endedAt: new Date(START + 3 * HOUR).toISOString() })
    expect(minutes.attendance.map(({ partner, people }) => [partner.affiliation, partner.organisation, people.map((p) => p.name)])).toEqual(
      [
        ['iwi', 'Ngāti Awa', ['Aroha', 'Hēmi']],
        ['agency', 'Ministry of Social Development', ['Sam']],
        ['police', 'New Zealand Police', ['Mere']],
      ],
    )
    expect(minutes.agreed).toEqual([
      {
        target: { kind: 'focusArea', id: focus },
        title: 'Rangatahi pathways',
        label: 'Agreed at hui, 12 March 2027: Rangatahi pathways',
        at: new Date(START + HOUR).toISOString(),
        byName: 'Mere',
        snapshotId: `s-${START + HOUR}`,
        // The test's mark holds no real fingerprint: as if the item had changed since.
        changedSinceAgreed: true,
      },
      expect.objectContaining({ target: { kind: 'monitoring', id: action }, title: 'Wānanga for rangatahi' }),
    ])
    expect(minutes.parked.map((t) => [t.text, t.addedByName, t.resolved])).toEqual([
      ['Marae roof', 'Aroha', true],
      ['Kai', 'Sam', false],
    ])
    expect(minutes.actions).toEqual([
      {
        id: action,
        title: 'Wānanga for rangatahi',
        lead: 'Te Rūnanga o Ngāti Awa',
        partners: ['MSD', 'Police'],
        dueDate: '2027-06-30',
        status: 'agreed',
        engagement: null,
      },
      { id: other, title: 'Not discussed', lead: '', partners: [], dueDate: null, status: 'proposed', engagement: null },
    ])
  })

  it('counts marks up to now while the hui is still running', () => {
    const doc = newPlanDoc()
    const focus = addFocusArea(doc, { title: 'Kāinga' })
    const huiId = startHui(doc, 'f', START)
    setAgreedMark(doc, { kind: 'focusArea', id: focus }, mark(START + HOUR, 'Agreed'), SERVER)
    const minutes = minutesOf(toPlanJson(doc), huiId)
    expect(minutes.endedAt).toBeNull()
    expect(minutes.agreed.map((a) => a.title)).toEqual(['Kāinga'])
  })

  it('says nothing was agreed at a hui whose times the plan no longer holds, but keeps who came and what was parked', () => {
    const doc = newPlanDoc()
    const first = startHui(doc, 'f', START)
    markAttendance(doc, { huiId: first, userId: 'u', name: 'Aroha', affiliation: 'iwi', organisation: null, at: START })
    parkTopic(doc, { text: 'Later', userId: 'u', userName: 'Aroha', at: START })
    endHui(doc, START + HOUR)
    startHui(doc, 'f', START + 24 * HOUR)
    const minutes = minutesOf(toPlanJson(doc), first)
    expect(minutes).toMatchObject({ startedAt: null, endedAt: null, agreed: [] })
    expect(minutes.attendance[0]!.partner).toMatchObject({ affiliation: 'iwi', organisation: null })
    expect(minutes.parked.map((t) => t.text)).toEqual(['Later'])
  })
})

describe('minutesOf: notes, concerns and changes since agreed', () => {
  it('keeps the notes of each agenda item in agenda order, leaving out items without notes', () => {
    const doc = newPlanDoc()
    const karakia = addAgendaItem(doc, { kind: 'karakia' })
    const kai = addAgendaItem(doc, { kind: 'free', title: 'Kai' })
    const focus = addAgendaItem(doc, { kind: 'step', stepId: 'focus-areas' })
    const huiId = startHui(doc, 'f', START)
    agendaNotes(doc, focus)!.insert(0, 'Rangatahi first.\nAroha: the kura wants in.')
    agendaNotes(doc, karakia)!.insert(0, 'Led by Matua Hēmi')
    agendaNotes(doc, kai)!.insert(0, '   ')
    endHui(doc, START + HOUR)
    const minutes = minutesOf(toPlanJson(doc), huiId)
    expect(minutes.notes).toEqual([
      { itemId: karakia, kind: 'karakia', title: '', stepId: null, target: null, notes: 'Led by Matua Hēmi' },
      { itemId: focus, kind: 'step', title: '', stepId: 'focus-areas', target: null, notes: 'Rangatahi first.\nAroha: the kura wants in.' },
    ])
  })

  it('lists each partner’s concerns and objections (iwi first), and says which agreed items changed afterwards', () => {
    const doc = newPlanDoc()
    const kept = addFocusArea(doc, { title: 'Kāinga' })
    const changed = addFocusArea(doc, { title: 'Rangatahi' })
    const huiId = startHui(doc, 'f', START)
    markAttendance(doc, { huiId, userId: 'u-iwi', name: 'Aroha', affiliation: 'iwi', organisation: 'Ngāti Awa', at: START })
    const at = (target: { kind: 'focusArea'; id: string }, minutes: number) => ({
      snapshotId: `s-${minutes}`,
      label: 'Agreed',
      at: START + minutes * 60_000,
      by: 'f',
      byName: 'Mere',
      fingerprint: currentFingerprint(doc, target)!,
    })
    const keptTarget = { kind: 'focusArea' as const, id: kept }
    const changedTarget = { kind: 'focusArea' as const, id: changed }
    setAgreedMark(doc, keptTarget, at(keptTarget, 10), SERVER)
    setAgreedMark(doc, changedTarget, at(changedTarget, 20), SERVER)
    replaceText(getFocusArea(doc, changed)!.title, 'Rangatahi pathways')
    const position = (partner: string, value: 'agree' | 'agree with concerns' | 'object', comment: string, name: string, minutes: number) =>
      recordPosition(doc, keptTarget, partner, {
        position: value,
        comment,
        userId: `u-${name}`,
        userName: name,
        at: START + minutes * 60_000,
        fingerprint: currentFingerprint(doc, keptTarget)!,
      })
    position(partnerKey('police', 'NZ Police'), 'object', 'Not resourced', 'Mere', 5)
    position(partnerKey('iwi', 'Ngāti Awa'), 'agree with concerns', 'Whānau must lead', 'Aroha', 6)
    position(partnerKey('agency', 'MSD'), 'agree', '', 'Sam', 7)
    endHui(doc, START + HOUR)

    const minutes = minutesOf(toPlanJson(doc), huiId)
    expect(minutes.agreed.map((a) => [a.title, a.changedSinceAgreed])).toEqual([
      ['Kāinga', false],
      ['Rangatahi pathways', true],
    ])
    expect(minutes.concerns.map(({ partner, positions }) => [partner.affiliation, partner.organisation, positions])).toEqual([
      [
        'iwi',
        'Ngāti Awa',
        [
          {
            target: keptTarget,
            title: 'Kāinga',
            position: 'agree with concerns',
            comment: 'Whānau must lead',
            byName: 'Aroha',
            at: expect.any(String),
          },
        ],
      ],
      ['police', 'nz police', [expect.objectContaining({ position: 'object', comment: 'Not resourced', byName: 'Mere' })]],
    ])
  })
})
