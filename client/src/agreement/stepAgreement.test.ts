import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import {
  addFocusArea,
  currentFingerprint,
  getFocusArea,
  initPlanDoc,
  partnerKey,
  partnersOf,
  recordPosition,
  setAgreedMark,
  type AgreementPosition,
  type AgreementTarget,
  type PartnerKey,
} from '@hononga/shared'
import { PlanItemStore } from './planItemStore'
import { tallyAgreement, tallyParts, type AgreementTally } from './stepAgreement'

const partners = partnersOf([
  { affiliation: 'iwi', organisation: 'Ngāti Awa' },
  { affiliation: 'police', organisation: 'New Zealand Police' },
])
const iwi = partnerKey('iwi', 'Ngāti Awa')
const police = partnerKey('police', 'New Zealand Police')

function plan(titles: string[]) {
  const doc = new Y.Doc()
  initPlanDoc(doc, { title: 'Whakatāne plan', community: 'Whakatāne' })
  const ids = titles.map((title) => addFocusArea(doc, { title }))
  const targets = ids.map((id): AgreementTarget => ({ kind: 'focusArea', id }))
  const title = (index: number) => getFocusArea(doc, ids[index]!)!.title
  const position = (target: AgreementTarget, partner: PartnerKey, value: AgreementPosition) =>
    recordPosition(doc, target, partner, {
      position: value,
      comment: value === 'object' ? 'Not like this' : '',
      userId: 'u',
      userName: 'U',
      fingerprint: currentFingerprint(doc, target)!,
    })
  const mark = (target: AgreementTarget) =>
    setAgreedMark(
      doc,
      target,
      { snapshotId: 's', label: 'Agreed at hui', at: 1, by: 'u', byName: 'U', fingerprint: currentFingerprint(doc, target)! },
      { source: 'server', reason: 'test' },
    )
  return { doc, targets, title, position, mark }
}

describe('a step’s agreement tally', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('counts each item once: changed since agreed, objected, agreed, else waiting', () => {
    const { doc, targets, title, position, mark } = plan(['Agreed by all', 'Marked, then changed', 'Objected', 'Half agreed', 'Untouched'])
    const [agreed, changed, objected, half] = targets as [AgreementTarget, AgreementTarget, AgreementTarget, AgreementTarget]
    for (const partner of [iwi, police]) position(agreed, partner, 'agree')
    for (const partner of [iwi, police]) position(changed, partner, 'agree')
    mark(changed)
    title(1).insert(0, 'Reworded: ')
    position(objected, iwi, 'object')
    position(objected, police, 'agree')
    position(half, police, 'agree')

    const store = new PlanItemStore(doc, 100)
    const stop = store.connect()
    const items = store.agreementsOfKind('focusArea')
    expect(tallyAgreement(items, partners)).toEqual({ total: 5, agreed: 1, changed: 1, objected: 1, waiting: 2, partners: 2 })
    // Read once per reading of the document: the same array until the plan changes.
    expect(store.agreementsOfKind('focusArea')).toBe(items)
    expect(store.agreementsOfKind('condition')).toEqual([])

    // Ngāti Awa agree to the half-agreed item too: once the store reads the change, it counts as agreed.
    position(half, iwi, 'agree')
    vi.advanceTimersByTime(100)
    expect(store.agreementsOfKind('focusArea')).not.toBe(items)
    expect(tallyAgreement(store.agreementsOfKind('focusArea'), partners)).toMatchObject({ agreed: 2, waiting: 1 })
    stop()
  })

  it('counts an item marked agreed at a hui as agreed while it is unchanged, even when fewer partners are in the room now', () => {
    const { doc, targets, position, mark } = plan(['Agreed at the hui'])
    const [item] = targets as [AgreementTarget]
    position(item, iwi, 'agree')
    mark(item)
    const store = new PlanItemStore(doc, 100)
    const stop = store.connect()
    expect(tallyAgreement(store.agreementsOfKind('focusArea'), partners)).toMatchObject({ agreed: 1, waiting: 0 })
    // Nobody speaks for a partner: nothing can be agreed, but the mark still stands.
    expect(tallyAgreement(store.agreementsOfKind('focusArea'), [])).toMatchObject({ agreed: 1, partners: 0 })
    stop()
  })

  it('shares one reading among everyone connected, and stops following when the last one leaves', () => {
    const { doc, title } = plan(['Whānau safety'])
    const store = new PlanItemStore(doc, 100)
    const stopNav = store.connect()
    const stopPanel = store.connect()
    const listener = vi.fn()
    store.subscribe(listener)
    title(0).insert(0, 'Tamariki and ')
    vi.advanceTimersByTime(100)
    expect(listener).toHaveBeenCalledTimes(1)
    stopPanel()
    stopPanel() // stopping twice counts once
    title(0).insert(0, 'Our ')
    vi.advanceTimersByTime(100)
    expect(listener).toHaveBeenCalledTimes(2)
    stopNav()
    title(0).insert(0, 'All ')
    vi.advanceTimersByTime(1000)
    expect(listener).toHaveBeenCalledTimes(2)
  })
})

describe('tallyParts', () => {
  const tally = (counts: Partial<AgreementTally>): AgreementTally => ({
    total: 5,
    agreed: 0,
    changed: 0,
    objected: 0,
    waiting: 0,
    partners: 2,
    ...counts,
  })

  it('says how many are agreed, then what needs the room', () => {
    expect(tallyParts(tally({ agreed: 3, changed: 1, waiting: 1 }))).toEqual([
      { kind: 'agreed', agreed: 3, total: 5 },
      { kind: 'changed', count: 1 },
      { kind: 'waiting', count: 1 },
    ])
    expect(tallyParts(tally({ agreed: 1, objected: 2, waiting: 2 })).map((part) => part.kind)).toEqual(['agreed', 'objected', 'waiting'])
    expect(tallyParts(tally({ waiting: 5 }))).toEqual([
      { kind: 'agreed', agreed: 0, total: 5 },
      { kind: 'waiting', count: 5 },
    ])
  })

  it('says all agreed in one, and nothing for a step without items', () => {
    expect(tallyParts(tally({ agreed: 5 }))).toEqual([{ kind: 'allAgreed', count: 5 }])
    expect(tallyParts(tally({ total: 0 }))).toEqual([])
  })

  it('says so when nobody speaks for a partner yet', () => {
    expect(tallyParts(tally({ waiting: 5, partners: 0 }))).toEqual([{ kind: 'noPartners' }])
    expect(tallyParts(tally({ agreed: 2, waiting: 3, partners: 0 }))[0]).toEqual({ kind: 'agreed', agreed: 2, total: 5 })
  })

  it('beside a hint of what is missing, says nothing until agreement has begun', () => {
    expect(tallyParts(tally({ waiting: 5 }), true)).toEqual([])
    expect(tallyParts(tally({ objected: 1, waiting: 4 }), true).map((part) => part.kind)).toEqual(['agreed', 'objected', 'waiting'])
  })
})
