import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import {
  addFocusArea,
  addPriorityAction,
  appendParagraph,
  getPriorityAction,
  initPlanDoc,
  setActionReviewDate,
  setPlanReviewDate,
  setWithheldMark,
  toPlanJson,
  type RaisedItem,
} from '@hononga/shared'
import { addDays, rollupPlan } from './district-rollup'

const heading = { planId: 'planAAAAAAAA', title: 'Stored title', community: 'Kawerau' }
const today = '2025-06-15'

function plan() {
  const doc = new Y.Doc()
  initPlanDoc(doc, { title: 'Kawerau plan', community: 'Kawerau' })
  const area = addFocusArea(doc, { title: 'Whānau' })
  const soon = addPriorityAction(doc, { title: 'Soon', focusAreaIds: [area], status: 'agreed' })
  const far = addPriorityAction(doc, { title: 'Far', status: 'agreed' })
  const done = addPriorityAction(doc, { title: 'Done', status: 'done', dueDate: '2020-01-01' })
  setActionReviewDate(doc, soon, addDays(today, 14))
  setActionReviewDate(doc, far, addDays(today, 15))
  setActionReviewDate(doc, done, '2020-01-01')
  setPlanReviewDate(doc, '2025-06-01')
  appendParagraph(getPriorityAction(doc, soon)!.activity, 'rich text never leaves')
  return { json: toPlanJson(doc), soon, done }
}

describe('district roll-up of one plan', () => {
  it('lists reviews due within 14 days or past, of open actions, and the plan’s', () => {
    const { json, soon } = plan()
    const part = rollupPlan(heading, json, [], { overdue: false }, today)!
    expect(part.reviewsDue).toEqual([
      { kind: 'plan', actionId: null, title: 'Kawerau plan', date: '2025-06-01', overdue: true },
      { kind: 'action', actionId: soon, title: 'Soon', date: '2025-06-29', overdue: false },
    ])
    expect(JSON.stringify(part)).not.toContain('rich text never leaves')
  })

  it('does not call a done action overdue, and matches keywords without macrons', () => {
    const { json, done, soon } = plan()
    const all = rollupPlan(heading, json, [], { overdue: false }, today)!
    expect(all.actions.find((a) => a.id === done)).toMatchObject({ overdue: false, engagement: null, agreed: false })
    expect(rollupPlan(heading, json, [], { overdue: true }, today)).toBeNull()
    expect(rollupPlan(heading, json, [], { overdue: false, q: 'whanau' }, today)!.actions.map((a) => a.id)).toEqual([soon])
  })

  it('leaves out a raised item, title and note, once its item is withheld', () => {
    const doc = new Y.Doc()
    initPlanDoc(doc, { title: 'Kawerau plan', community: 'Kawerau' })
    const action = addPriorityAction(doc, { title: 'Kaumātua knowledge', status: 'agreed' })
    const raised: RaisedItem = {
      id: 'raisedAAAAAA',
      planId: heading.planId,
      groupId: 'groupAAAAAAA',
      target: { kind: 'action', id: action },
      title: 'Kaumātua knowledge',
      note: 'Please resource this',
      raisedByName: 'Aroha',
      raisedAt: '2025-06-01T00:00:00.000Z',
      status: 'open',
      answer: null,
      answeredByName: null,
      answeredAt: null,
    }
    expect(rollupPlan(heading, toPlanJson(doc), [raised], { overdue: false }, today)!.raised).toHaveLength(1)
    const mark = {
      partner: 'iwi:ngāti awa',
      affiliation: 'iwi' as const,
      organisation: 'Ngāti Awa',
      userId: 'userAAAAAAAA',
      name: 'Aroha',
      at: 1,
    }
    setWithheldMark(doc, { kind: 'action', id: action }, mark, { source: 'server', reason: 'test' })
    const part = rollupPlan(heading, toPlanJson(doc), [raised], { overdue: false }, today)!
    expect(part.raised).toEqual([])
    expect(JSON.stringify(part)).not.toContain('Kaumātua knowledge')
    expect(JSON.stringify(part)).not.toContain('Please resource this')
  })
})
