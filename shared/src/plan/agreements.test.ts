import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { addPriorityAction, setActionLead } from './actions'
import {
  agreedMarkOf,
  parseAgreementKey,
  positionsOn,
  recordPosition,
  setAgreedMark,
  withdrawPosition,
  type AgreementTarget,
} from './agreements'
import { agreedStateOn, agreementOn, currentFingerprint, fingerprintsOf, summariseAgreement } from './agreement-rules'
import { toPlanJson } from './json'
import { addMeasure, updateMeasure } from './monitoring'
import { partnerKey, partnersOf } from './partners'
import { appendParagraph } from './richtext'
import { addFocusArea, getFocusArea } from './sections'
import { replaceText } from './text'
import { newPlanDoc, peers, syncAll } from './testing'

const SERVER = { source: 'server', reason: 'test' } as const

const members = [
  { affiliation: 'police' as const, organisation: 'New Zealand Police' },
  { affiliation: 'iwi' as const, organisation: 'Ngāti Awa' },
  { affiliation: 'iwi' as const, organisation: ' ngāti awa ' }, // the same partner, typed differently
  { affiliation: 'agency' as const, organisation: 'Ministry of Social Development' },
  { affiliation: 'agency' as const, organisation: 'Oranga Tamariki' },
]
const partners = partnersOf(members)
const [ngatiAwa, msd, ot, police] = partners.map((p) => p.key) as [string, string, string, string]

function planWithFocusArea() {
  const doc = newPlanDoc()
  const id = addFocusArea(doc, { title: 'Whānau safety' })
  appendParagraph(getFocusArea(doc, id)!.description, 'Homes free of violence.')
  return { doc, target: { kind: 'focusArea', id } as AgreementTarget }
}

function agree(
  doc: Y.Doc,
  target: AgreementTarget,
  partner: string,
  position: 'agree' | 'agree with concerns' | 'not yet' | 'object' = 'agree',
) {
  recordPosition(doc, target, partner, {
    position,
    userId: `u-${partner}`,
    userName: partner,
    fingerprint: currentFingerprint(doc, target)!,
  })
}

describe('partners', () => {
  it('one per affiliation and organisation, spellings folded, iwi first', () => {
    expect(partners.map((p) => [p.affiliation, p.organisation])).toEqual([
      ['iwi', 'Ngāti Awa'],
      ['agency', 'Ministry of Social Development'],
      ['agency', 'Oranga Tamariki'],
      ['police', 'New Zealand Police'],
    ])
    expect(partnerKey('iwi', 'NGĀTI AWA')).toBe(ngatiAwa)
    expect(partnerKey('iwi', 'Nga\u0304ti Awa')).toBe(ngatiAwa) // decomposed macron
  })
})

describe('agreement rules', () => {
  it('an item is agreed when every partner agrees (with or without concerns) and nobody objects', () => {
    const { doc, target } = planWithFocusArea()
    expect(agreementOn(doc, target, partners).state).toBe('open')
    agree(doc, target, ngatiAwa)
    agree(doc, target, msd, 'agree with concerns')
    agree(doc, target, police)
    const partial = agreementOn(doc, target, partners)
    expect(partial.state).toBe('open')
    expect(partial.notYet.map((p) => p.organisation)).toEqual(['Oranga Tamariki'])
    expect(partial.agreed.map((p) => p.organisation)).toEqual(['Ngāti Awa', 'Ministry of Social Development', 'New Zealand Police'])
    expect(partial.withConcerns.map((p) => p.organisation)).toEqual(['Ministry of Social Development'])
    agree(doc, target, ot)
    expect(agreementOn(doc, target, partners).state).toBe('agreed')
    agree(doc, target, ot, 'object')
    const objected = agreementOn(doc, target, partners)
    expect(objected.state).toBe('objected')
    expect(objected.objecting.map((p) => p.organisation)).toEqual(['Oranga Tamariki'])
    withdrawPosition(doc, target, ot)
    expect(agreementOn(doc, target, partners).notYet.map((p) => p.organisation)).toEqual(['Oranga Tamariki'])
  })

  it('"not yet" is not agreement, and a plan with no partners has nothing agreed', () => {
    const { doc, target } = planWithFocusArea()
    for (const p of partners) agree(doc, target, p.key, p.key === police ? 'not yet' : 'agree')
    expect(agreementOn(doc, target, partners).state).toBe('open')
    expect(summariseAgreement([], positionsOn(doc, target), currentFingerprint(doc, target)).state).toBe('open')
  })

  it('a position counts only for the version of the item it was recorded on', () => {
    const { doc, target } = planWithFocusArea()
    for (const p of partners) agree(doc, target, p.key)
    expect(agreementOn(doc, target, partners).state).toBe('agreed')
    replaceText(getFocusArea(doc, target.id as never)!.title, 'Whānau safety at home')
    const after = agreementOn(doc, target, partners)
    expect(after.state).toBe('open')
    expect(after.notYet).toHaveLength(4)
    expect(after.positions.every((p) => p.record !== null && !p.current)).toBe(true)
  })

  it('monitoring agreement follows the measures, not progress or status', () => {
    const doc = newPlanDoc()
    const action = addPriorityAction(doc, { title: 'Pathways' })
    const measure = addMeasure(doc, action, { name: 'Young people in training', baseline: 10, target: 40 })
    const target: AgreementTarget = { kind: 'monitoring', id: action }
    const before = currentFingerprint(doc, target)
    const actionBefore = fingerprintsOf(toPlanJson(doc)).get(`action|${action}`)
    setActionLead(doc, action, 'MSD')
    expect(currentFingerprint(doc, target)).toBe(before)
    // The lead is part of what is agreed for the action itself.
    expect(currentFingerprint(doc, { kind: 'action', id: action })).not.toBe(actionBefore)
    updateMeasure(doc, action, measure, { target: 50 })
    expect(currentFingerprint(doc, target)).not.toBe(before)
  })

  it('an agreed mark turns "changed since agreed" when the content changes, until marked again', () => {
    const { doc, target } = planWithFocusArea()
    const mark = {
      snapshotId: 's1',
      label: 'Agreed at hui, 12 March 2027',
      at: 1,
      by: 'f',
      byName: 'Facilitator',
      fingerprint: currentFingerprint(doc, target)!,
    }
    setAgreedMark(doc, target, mark, SERVER)
    expect(agreedMarkOf(doc, target)).toEqual(mark)
    expect(agreedStateOn(doc, target).changedSinceAgreed).toBe(false)
    appendParagraph(getFocusArea(doc, target.id as never)!.description, 'And on marae.')
    expect(agreedStateOn(doc, target).changedSinceAgreed).toBe(true)
    setAgreedMark(doc, target, { ...mark, snapshotId: 's2', fingerprint: currentFingerprint(doc, target)! }, SERVER)
    expect(agreedStateOn(doc, target).changedSinceAgreed).toBe(false)
  })

  it('records from two partners recorded offline at the same time both survive the merge', () => {
    const [a, b] = peers(2)
    const id = addFocusArea(a!, { title: 'Shared' })
    syncAll([a!, b!])
    const target: AgreementTarget = { kind: 'focusArea', id }
    agree(a!, target, ngatiAwa)
    agree(b!, target, police, 'object')
    syncAll([a!, b!])
    expect([...positionsOn(a!, target).keys()].sort()).toEqual([ngatiAwa, police].sort())
    expect(toPlanJson(a!).agreements).toEqual(toPlanJson(b!).agreements)
  })

  it('keys parse back, and foreign keys do not', () => {
    expect(parseAgreementKey(`focusArea|abc|${ngatiAwa}`)).toEqual({ target: { kind: 'focusArea', id: 'abc' }, partner: ngatiAwa })
    expect(parseAgreementKey('focusArea|abc|nobody')).toBeNull()
    expect(parseAgreementKey('table|abc|iwi:x')).toBeNull()
    expect(() =>
      recordPosition(newPlanDoc(), { kind: 'focusArea', id: 'x' }, 'not-a-partner', {
        position: 'agree',
        userId: 'u',
        userName: 'U',
        fingerprint: 'f',
      }),
    ).toThrow()
  })
})
