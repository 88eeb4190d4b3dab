import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  addCondition,
  addFocusArea,
  addMeasure,
  addPriorityAction,
  appendParagraph,
  getPlanRoots,
  getPriorityAction,
  initPlanDoc,
  RESULTS_CHAIN,
  setActionDueDate,
  setActionLead,
} from '@hononga/shared'
import { summariseActions, summariseEnvironment, summariseFocusAreas, summariseMonitoring } from './summaries'

function newPlan(): Y.Doc {
  const doc = new Y.Doc()
  initPlanDoc(doc, { title: 'Mahere', community: 'Ōpōtiki' })
  return doc
}

describe('step summaries', () => {
  it('focus areas: one needed, each with a title', () => {
    const doc = newPlan()
    expect(summariseFocusAreas(doc)).toEqual({ count: 0, complete: false, hintKey: 'focusAreas.hint.addOne' })
    addFocusArea(doc, { title: 'Whānau harm' })
    addFocusArea(doc, { title: '  ' })
    expect(summariseFocusAreas(doc)).toEqual({ count: 2, complete: false, hintKey: 'focusAreas.hint.needTitle', hintValues: { count: 1 } })
    const titled = newPlan()
    addFocusArea(titled, { title: 'Whānau harm' })
    expect(summariseFocusAreas(titled)).toEqual({ count: 1, complete: true, hintKey: 'focusAreas.hint.complete' })
  })

  it('environment: the text written and a condition agreed', () => {
    const doc = newPlan()
    expect(summariseEnvironment(doc).hintKey).toBe('environment.hint.describe')
    appendParagraph(getPlanRoots(doc).environment, 'A coastal town')
    expect(summariseEnvironment(doc).hintKey).toBe('environment.hint.addCondition')
    addCondition(doc, { title: 'Trust' })
    expect(summariseEnvironment(doc)).toEqual({ count: 1, complete: true, hintKey: 'environment.hint.complete' })
  })

  it('actions: says the first thing missing and how many actions lack it', () => {
    const doc = newPlan()
    expect(summariseActions(doc).hintKey).toBe('actions.hint.addOne')
    const first = addPriorityAction(doc, { title: 'Mentoring' })
    addPriorityAction(doc, { title: 'Kai' })
    expect(summariseActions(doc)).toMatchObject({
      count: 2,
      complete: false,
      hintKey: 'actions.hint.need.activity',
      hintValues: { count: 2 },
    })
    for (const action of [first]) {
      const view = getPriorityAction(doc, action)!
      for (const step of RESULTS_CHAIN) appendParagraph(view[step], step)
    }
    expect(summariseActions(doc)).toMatchObject({ hintKey: 'actions.hint.need.activity', hintValues: { count: 1 } })
    setActionLead(doc, first, 'Aroha')
    setActionDueDate(doc, first, '2026-12-01')
    const second = getPriorityAction(doc, [...getPlanRoots(doc).actions.keys()].find((id) => id !== first) as typeof first)!
    for (const step of RESULTS_CHAIN) appendParagraph(second[step], step)
    expect(summariseActions(doc)).toMatchObject({ hintKey: 'actions.hint.needLead', hintValues: { count: 1 } })
    setActionLead(doc, second.id, 'Bex')
    expect(summariseActions(doc)).toMatchObject({ hintKey: 'actions.hint.needDueDate', hintValues: { count: 1 } })
    setActionDueDate(doc, second.id, '2027-01-31')
    expect(summariseActions(doc)).toEqual({ count: 2, complete: true, hintKey: 'actions.hint.complete' })
  })

  it('monitoring: every action has a measure; counts measures', () => {
    const doc = newPlan()
    expect(summariseMonitoring(doc).hintKey).toBe('monitoring.hint.addActionsFirst')
    const first = addPriorityAction(doc, { title: 'Mentoring' })
    const second = addPriorityAction(doc, { title: 'Kai' })
    addMeasure(doc, first, { name: 'Rangatahi mentored' })
    addMeasure(doc, first, { name: 'Sessions held' })
    expect(summariseMonitoring(doc)).toEqual({
      count: 2,
      complete: false,
      hintKey: 'monitoring.hint.needMeasure',
      hintValues: { count: 1 },
    })
    addMeasure(doc, second, { name: 'Meals' })
    expect(summariseMonitoring(doc)).toEqual({ count: 3, complete: true, hintKey: 'monitoring.hint.complete' })
  })
})
