import { describe, expect, it } from 'vitest'
import { addPriorityAction } from './actions'
import { PlanExport, toPlanExport } from './export'
import { toPlanJson } from './json'
import { addFocusArea } from './sections'
import { newPlanDoc } from './testing'

describe('plan export format', () => {
  it('wraps a plan with who exported it and when, and validates after a JSON round trip', () => {
    const doc = newPlanDoc({ title: 'Te Mahere o Ōpōtiki', community: 'Ōpōtiki' })
    const focus = addFocusArea(doc, { title: 'Whānau wellbeing' })
    addPriorityAction(doc, { title: 'Kaupapa Māori addiction treatment', focusAreaIds: [focus], lead: 'Whakaatu Whanaungatanga' })
    const plan = toPlanJson(doc)
    const exported = toPlanExport(plan, { id: 'u1', name: 'Mere Tūhoe' }, Date.UTC(2025, 2, 12, 1, 2, 3))
    expect(exported).toMatchObject({
      format: 'hononga.plan',
      version: 1,
      exportedAt: '2025-03-12T01:02:03.000Z',
      exportedBy: { id: 'u1', name: 'Mere Tūhoe' },
    })
    const read = PlanExport.parse(JSON.parse(JSON.stringify(exported)))
    expect(read).toEqual(exported)
    expect(read.plan.meta.title).toBe('Te Mahere o Ōpōtiki')
  })

  it('refuses other formats and versions', () => {
    const exported = toPlanExport(toPlanJson(newPlanDoc()), null, 0)
    expect(PlanExport.safeParse(exported).success).toBe(true)
    expect(PlanExport.safeParse({ ...exported, version: 2 }).success).toBe(false)
    expect(PlanExport.safeParse({ ...exported, format: 'something.else' }).success).toBe(false)
    expect(PlanExport.safeParse({ ...exported, plan: { meta: {} } }).success).toBe(false)
    expect(PlanExport.safeParse('garbage').success).toBe(false)
  })
})
