import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  addFocusArea,
  fingerprintsOf,
  getFocusArea,
  initPlanDoc,
  partnersOf,
  recordPosition,
  setAgreedMark,
  toPlanJson,
  currentFingerprint,
} from '@hononga/shared'
import { agreementInPlan } from './printedAgreement'

const partners = partnersOf([
  { affiliation: 'iwi', organisation: 'Ngāti Awa' },
  { affiliation: 'police', organisation: 'New Zealand Police' },
])

function planWithAgreedFocusArea() {
  const doc = new Y.Doc()
  initPlanDoc(doc, { title: 'Whakatāne', community: 'Whakatāne' })
  const id = addFocusArea(doc, { title: 'Meth harm' })
  const target = { kind: 'focusArea' as const, id }
  const fingerprint = currentFingerprint(doc, target)!
  for (const partner of partners)
    recordPosition(doc, target, partner.key, { position: 'agree', userId: 'u', userName: 'Aroha', fingerprint, at: 1_000 })
  setAgreedMark(
    doc,
    target,
    { snapshotId: 's1', label: 'Agreed at hui, 1 March 2026', at: 2_000, by: 'u', byName: 'Aroha', fingerprint },
    { source: 'server', reason: 'test' },
  )
  return { doc, id, target }
}

describe('agreementInPlan', () => {
  it('reads an agreed, marked item from the JSON as the workspace does', () => {
    const { doc, target } = planWithAgreedFocusArea()
    const plan = toPlanJson(doc)
    const result = agreementInPlan(plan, fingerprintsOf(plan), partners, target)
    expect(result.summary.state).toBe('agreed')
    expect(result.summary.positions.every((p) => p.current && p.record?.recordedAt === 1_000)).toBe(true)
    expect(result.mark?.label).toBe('Agreed at hui, 1 March 2026')
    expect(result.changedSinceAgreed).toBe(false)
  })

  it('says the item changed since agreed once its content differs', () => {
    const { doc, id, target } = planWithAgreedFocusArea()
    getFocusArea(doc, id)!.title.insert(0, 'More ')
    const plan = toPlanJson(doc)
    const result = agreementInPlan(plan, fingerprintsOf(plan), partners, target)
    expect(result.changedSinceAgreed).toBe(true)
    expect(result.summary.state).toBe('open')
  })

  it('leaves other items alone', () => {
    const { doc } = planWithAgreedFocusArea()
    const other = addFocusArea(doc, { title: 'Other' })
    const plan = toPlanJson(doc)
    const result = agreementInPlan(plan, fingerprintsOf(plan), partners, { kind: 'focusArea', id: other })
    expect(result.mark).toBeNull()
    expect(result.summary.positions.every((p) => p.record === null)).toBe(true)
  })
})
