import { describe, expect, it } from 'vitest'
import { addPriorityAction } from './actions'
import { PlanExport } from './export'
import { toPlanJson } from './json'
import { snapshotFile, templateOf, toTemplateFile, TemplateFile } from './printouts'
import { addFocusArea } from './sections'
import { newPlanDoc } from './testing'

function plan() {
  const doc = newPlanDoc({ title: 'Te Mahere o Ōpōtiki', community: 'Ōpōtiki' })
  const focus = addFocusArea(doc, { title: 'Whānau wellbeing' })
  addPriorityAction(doc, {
    title: 'Kaupapa Māori addiction treatment',
    focusAreaIds: [focus],
    status: 'in progress',
    dueDate: '2026-05-01',
  })
  return toPlanJson(doc)
}

describe('printouts', () => {
  it('a template keeps the content an import takes and none of the people, positions or history', () => {
    const source = plan()
    const template = templateOf({ ...source, panda: { 'problem.who': { done: true, answer: 'Rangatahi' } } })
    expect(template.focusAreas).toEqual(source.focusAreas)
    expect(template.actions.map((a) => [a.title, a.status, a.dueDate, a.progress, a.leadUserId])).toEqual([
      ['Kaupapa Māori addiction treatment', 'proposed', '2026-05-01', [], null],
    ])
    expect(template).toMatchObject({ agreements: [], agreedMarks: [], comments: [], panda: {}, withheld: [], releases: [] })
    expect(template.hui.agenda).toEqual([])
  })

  it('the template file is a plan export that names its source and what was withheld', () => {
    const withheld = [{ target: { kind: 'action' as const, id: 'a1' }, title: null, partner: 'iwi:ngāti awa', partnerLabel: 'Ngāti Awa' }]
    const file = toTemplateFile(plan(), { planId: 'p1', exportedBy: { id: 'u1', name: 'Mere' }, at: Date.UTC(2026, 0, 2), withheld })
    const read = JSON.parse(JSON.stringify(file)) as unknown
    expect(PlanExport.parse(read).source).toEqual({ planId: 'p1' })
    expect(TemplateFile.parse(read).withheld).toEqual(withheld)
    expect(file.exportedAt).toBe('2026-01-02T00:00:00.000Z')
  })

  it('a snapshot file says which snapshot, which plan and what was withheld', () => {
    const exported = { snapshot: { id: 's1', label: 'Hui, 12 March', createdAt: '2026-03-12T01:00:00.000Z' }, plan: plan(), withheld: [] }
    expect(snapshotFile('p1', exported)).toMatchObject({ format: 'hononga.snapshot', version: 1, source: { planId: 'p1' }, withheld: [] })
  })
})
