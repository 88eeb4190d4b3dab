import { describe, expect, it } from 'vitest'
import { addPriorityAction, getPriorityAction, setActionReviewDate } from './actions'
import { recordPosition, setAgreedMark } from './agreements'
import { currentFingerprint } from './agreement-rules'
import { startThread } from './comments'
import { PlanExport, toPlanExport } from './export'
import { importPlanContent } from './import'
import { toPlanJson, type PlanJson, type RichTextJson } from './json'
import { addMeasure, addProgressEntry } from './monitoring'
import { partnerKey } from './partners'
import { appendParagraph, setFragmentFromJSON } from './richtext'
import { getPlanRoots, setPlanReviewDate } from './roots'
import { addCondition, addFocusArea, getCondition, getFocusArea } from './sections'
import { newPlanDoc } from './testing'

const IMPORT = { source: 'server', reason: 'import' } as const

const list: RichTextJson = {
  type: 'doc',
  content: [
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Ngā mahi ', marks: [{ type: 'bold' }] },
        { type: 'text', text: 'o te rohe' },
      ],
    },
    { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Wānanga' }] }] }] },
  ],
}

/** A plan that has been worked on for months: content, people, positions, progress. */
function template() {
  const doc = newPlanDoc({ title: 'Te Mahere o Whakatāne', community: 'Whakatāne' })
  const youth = addFocusArea(doc, { title: 'Rangatahi' })
  const meth = addFocusArea(doc, { title: 'Methamphetamine harm' })
  setFragmentFromJSON(getFocusArea(doc, youth)!.description, list)
  appendParagraph(getPlanRoots(doc).environment, 'Strong marae, few jobs; ā ē ī ō ū')
  const condition = addCondition(doc, { title: 'Iwi lead, agencies follow' })
  appendParagraph(getCondition(doc, condition)!.description, 'Data shared monthly')
  const action = addPriorityAction(doc, {
    title: 'Tikanga-based programme',
    focusAreaIds: [meth, youth],
    status: 'in progress',
    lead: 'Te Rūnanga o Ngāti Awa',
    leadUserId: 'u-lead',
    partners: ['Health NZ', 'Ōpōtiki College'],
    dueDate: '2025-12-01',
  })
  setActionReviewDate(doc, action, '2025-06-30')
  const view = getPriorityAction(doc, action)!
  appendParagraph(view.activity, 'Wānanga for rangatahi')
  appendParagraph(view.output, '40 rangatahi attend')
  appendParagraph(view.outcome, 'Fewer recruited')
  appendParagraph(view.impact, 'Safer whānau')
  const measure = addMeasure(doc, action, {
    name: 'Attendance',
    baseline: 0,
    target: 40,
    unit: 'people',
    frequency: 'monthly',
    reporter: 'Kaiwhakahaere',
  })
  addProgressEntry(doc, action, { date: '2025-03-31', values: { [measure]: 12 }, status: 'in progress', note: 'Pai', authorName: 'Mere' })
  addPriorityAction(doc, { title: 'Second action, empty' })
  setPlanReviewDate(doc, '2025-07-01')
  const target = { kind: 'action' as const, id: action }
  const fp = currentFingerprint(doc, target)!
  recordPosition(doc, target, partnerKey('iwi', 'Ngāti Awa'), { position: 'agree', userId: 'u1', userName: 'Mere', fingerprint: fp })
  setAgreedMark(doc, target, { snapshotId: 's1', label: 'Agreed', at: 1, by: 'u1', byName: 'Mere', fingerprint: fp }, IMPORT)
  startThread(doc, { kind: 'action', id: action }, { text: 'Kia ora', authorId: 'u1', authorName: 'Mere' })
  return toPlanJson(doc)
}

/** The content a template carries, without ids. */
function content(plan: PlanJson) {
  const focusTitle = new Map(plan.focusAreas.map((f) => [f.id, f.title]))
  return {
    focusAreas: plan.focusAreas.map(({ title, description }) => ({ title, description })),
    environment: plan.environment,
    conditions: plan.conditions.map(({ title, description }) => ({ title, description })),
    actions: plan.actions.map((a) => ({
      title: a.title,
      focusAreas: a.focusAreaIds.map((id) => focusTitle.get(id)),
      chain: [a.activity, a.output, a.outcome, a.impact],
      lead: a.lead,
      partners: a.partners,
      dueDate: a.dueDate,
      measures: a.measures.map(({ id: _id, ...rest }) => rest),
    })),
  }
}

describe('importPlanContent', () => {
  it('round-trips: export → import into a new plan → the same content, macrons intact', () => {
    const source = template()
    const file = PlanExport.parse(JSON.parse(JSON.stringify(toPlanExport(source, { id: 'u1', name: 'Mere' }, 0))))
    const doc = newPlanDoc({ title: 'Te Mahere o Ōpōtiki (from template)', community: 'Ōpōtiki' })
    let transactions = 0
    doc.on('afterTransaction', () => transactions++)
    importPlanContent(doc, file.plan, IMPORT)
    expect(transactions).toBe(1)

    const imported = toPlanJson(doc)
    expect(content(imported)).toEqual(content(source))
    expect(imported.focusAreas[0]!.description).toEqual(list)
    expect(imported.environment).toEqual(source.environment)
    // New ids; the links follow them.
    expect(imported.focusAreas.map((f) => f.id)).not.toContain(source.focusAreas[0]!.id)
    expect(imported.actions[0]!.focusAreaIds).toEqual(imported.focusAreas.map((f) => f.id))
  })

  it('starts a new plan: no progress, positions, marks, comments, lead member, review dates; actions proposed', () => {
    const doc = newPlanDoc()
    importPlanContent(doc, template(), IMPORT)
    const imported = toPlanJson(doc)
    expect(imported.actions.map((a) => [a.status, a.leadUserId, a.progress, a.reviewDate])).toEqual([
      ['proposed', null, [], null],
      ['proposed', null, [], null],
    ])
    expect(imported.meta.reviewDate).toBeNull()
    expect(imported.agreements).toEqual([])
    expect(imported.agreedMarks).toEqual([])
    expect(imported.comments).toEqual([])
    expect(imported.panda).toEqual({})
    expect(imported.meta.title).toBe('Te Mahere')
  })

  it('keeps rich text that does not fit the schema as plain paragraphs', () => {
    const plan = template()
    plan.focusAreas[0]!.description = { type: 'doc', content: [{ type: 'table', content: [{ type: 'text', text: 'Kōrero in a table' }] }] }
    plan.environment = { type: 'doc', content: [{ type: 'text', text: 'Loose text\nover two lines' }] }
    plan.conditions[0]!.description = { type: 'paragraph', content: [{ type: 'text', text: 'Not a doc' }] }
    const doc = newPlanDoc()
    importPlanContent(doc, plan, IMPORT)
    const imported = toPlanJson(doc)
    const paragraph = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] })
    expect(imported.focusAreas[0]!.description).toEqual({ type: 'doc', content: [paragraph('Kōrero in a table')] })
    expect(imported.environment).toEqual({ type: 'doc', content: [paragraph('Loose text'), paragraph('over two lines')] })
    expect(imported.conditions[0]!.description).toEqual({ type: 'doc', content: [paragraph('Not a doc')] })
    expect(imported.actions).toHaveLength(2)
  })

  it('writes nothing when the plan is not valid or the document is not empty', () => {
    const doc = newPlanDoc()
    const before = JSON.stringify(toPlanJson(doc))
    const broken = { ...template(), actions: [{ title: 'no id' }] } as unknown as PlanJson
    expect(() => importPlanContent(doc, broken, IMPORT)).toThrow()
    expect(JSON.stringify(toPlanJson(doc))).toBe(before)

    importPlanContent(doc, template(), IMPORT)
    const filled = JSON.stringify(toPlanJson(doc))
    expect(() => importPlanContent(doc, template(), IMPORT)).toThrow(/empty/)
    expect(JSON.stringify(toPlanJson(doc))).toBe(filled)
  })
})
