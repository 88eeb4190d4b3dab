import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import type { ActionId, FocusAreaId } from '../ids'
import {
  addPriorityAction,
  getPriorityAction,
  linkFocusArea,
  listPriorityActions,
  movePriorityAction,
  removePriorityAction,
  setActionDueDate,
  setActionLead,
  setActionPartners,
  setActionStatus,
  unlinkFocusArea,
} from './actions'
import { LOCAL_ORIGIN } from '../origin'
import { ACTION_KEYS } from './keys'
import { getPlanRoots } from './roots'
import { addFocusArea, moveFocusArea, removeFocusArea } from './sections'
import { newPlanDoc } from './testing'

function planWithFocusAreas() {
  const doc = newPlanDoc()
  const youth = addFocusArea(doc, { title: 'Rangatahi' })
  const drugs = addFocusArea(doc, { title: 'Methamphetamine harm' })
  return { doc, youth, drugs }
}

function partnersArray(doc: Y.Doc, id: ActionId): Y.Array<string> {
  return getPriorityAction(doc, id)!.map.get(ACTION_KEYS.partners) as Y.Array<string>
}

describe('addPriorityAction', () => {
  it('creates an action with every part, defaults filled in', () => {
    const doc = newPlanDoc()
    const id = addPriorityAction(doc)
    const action = getPriorityAction(doc, id)!
    expect(action.title.toString()).toBe('')
    for (const step of [action.activity, action.output, action.outcome, action.impact]) expect(step).toBeInstanceOf(Y.XmlFragment)
    expect(action).toMatchObject({ focusAreaIds: [], lead: '', leadUserId: null, partners: [], dueDate: null, status: 'proposed' })
    for (const key of [ACTION_KEYS.focusAreaIds, ACTION_KEYS.measures, ACTION_KEYS.progress]) {
      expect(action.map.get(key)).toBeInstanceOf(Y.Map)
    }
    expect(action.map.get(ACTION_KEYS.partners)).toBeInstanceOf(Y.Array)
  })

  it('takes initial values', () => {
    const { doc, youth, drugs } = planWithFocusAreas()
    const id = addPriorityAction(doc, {
      title: 'Peer support for rangatahi',
      focusAreaIds: [drugs, youth],
      status: 'agreed',
      lead: ' Te Rūnanga o Ngāti Awa ',
      leadUserId: 'user-1234',
      partners: ['Health NZ', ' Health NZ', 'Kāinga Ora'],
      dueDate: '2025-03-31',
    })
    expect(getPriorityAction(doc, id)).toMatchObject({
      focusAreaIds: [youth, drugs],
      status: 'agreed',
      lead: 'Te Rūnanga o Ngāti Awa',
      leadUserId: 'user-1234',
      partners: ['Health NZ', 'Kāinga Ora'],
      dueDate: '2025-03-31',
    })
    expect(getPriorityAction(doc, id)!.title.toString()).toBe('Peer support for rangatahi')
  })

  it('refuses bad values before writing anything', () => {
    const doc = newPlanDoc()
    expect(() => addPriorityAction(doc, { focusAreaIds: ['missing-fa' as FocusAreaId] })).toThrow(/Unknown focus area/)
    expect(() => addPriorityAction(doc, { status: 'maybe' as never })).toThrow(/Unknown action status/)
    expect(() => addPriorityAction(doc, { dueDate: '31/03/2025' })).toThrow(/YYYY-MM-DD/)
    expect(() => addPriorityAction(doc, { partners: [3 as unknown as string] })).toThrow(/partner name/)
    expect(() => addPriorityAction(doc, { after: 'missing-action' as ActionId })).toThrow(/unknown priority action/)
    expect(listPriorityActions(doc)).toEqual([])
  })
})

describe('ordering actions', () => {
  it('adds, moves and removes in display order', () => {
    const doc = newPlanDoc()
    const a = addPriorityAction(doc, { title: 'A' })
    const b = addPriorityAction(doc, { title: 'B' })
    const c = addPriorityAction(doc, { title: 'C', after: a })
    const titles = () => listPriorityActions(doc).map((action) => action.title.toString())
    expect(titles()).toEqual(['A', 'C', 'B'])
    movePriorityAction(doc, a, { after: b })
    expect(titles()).toEqual(['C', 'B', 'A'])
    removePriorityAction(doc, c)
    expect(titles()).toEqual(['B', 'A'])
    expect(() => removePriorityAction(doc, c)).toThrow(/Unknown priority action/)
  })
})

describe('action fields', () => {
  it('sets the status', () => {
    const doc = newPlanDoc()
    const id = addPriorityAction(doc)
    setActionStatus(doc, id, 'in progress')
    expect(getPriorityAction(doc, id)?.status).toBe('in progress')
    expect(() => setActionStatus(doc, id, 'finished' as never)).toThrow(/Unknown action status/)
    expect(() => setActionStatus(doc, 'nope-nope' as ActionId, 'done')).toThrow(/Unknown priority action nope-nope/)
  })

  it('sets the lead, with or without a member id', () => {
    const doc = newPlanDoc()
    const id = addPriorityAction(doc)
    setActionLead(doc, id, 'Aroha', 'user-aroha')
    expect(getPriorityAction(doc, id)).toMatchObject({ lead: 'Aroha', leadUserId: 'user-aroha' })
    setActionLead(doc, id, 'Whakatāne District Council')
    expect(getPriorityAction(doc, id)).toMatchObject({ lead: 'Whakatāne District Council', leadUserId: null })
    expect(() => setActionLead(doc, id, null as unknown as string)).toThrow(/Lead/)
  })

  it('sets the due date, checking it is a real date', () => {
    const doc = newPlanDoc()
    const id = addPriorityAction(doc)
    setActionDueDate(doc, id, '2024-02-29')
    expect(getPriorityAction(doc, id)?.dueDate).toBe('2024-02-29')
    for (const bad of ['2023-02-29', '2024-13-01', '2024-1-1', '2024-01-01T00:00', '', 'soon']) {
      expect(() => setActionDueDate(doc, id, bad)).toThrow(/YYYY-MM-DD/)
    }
    setActionDueDate(doc, id, null)
    expect(getPriorityAction(doc, id)?.dueDate).toBeNull()
  })
})

describe('focus-area links', () => {
  it('links and unlinks, idempotently', () => {
    const { doc, youth, drugs } = planWithFocusAreas()
    const id = addPriorityAction(doc)
    linkFocusArea(doc, id, drugs)
    linkFocusArea(doc, id, drugs)
    linkFocusArea(doc, id, youth)
    expect(getPriorityAction(doc, id)?.focusAreaIds).toEqual([youth, drugs])
    unlinkFocusArea(doc, id, youth)
    unlinkFocusArea(doc, id, youth)
    expect(getPriorityAction(doc, id)?.focusAreaIds).toEqual([drugs])
    expect(() => linkFocusArea(doc, id, 'missing-fa' as FocusAreaId)).toThrow(/Unknown focus area/)
  })

  it('survive reordering the focus areas', () => {
    const { doc, youth, drugs } = planWithFocusAreas()
    const id = addPriorityAction(doc, { focusAreaIds: [youth] })
    moveFocusArea(doc, youth, { after: drugs })
    moveFocusArea(doc, drugs, { after: youth })
    moveFocusArea(doc, youth, { after: null })
    expect(getPriorityAction(doc, id)?.focusAreaIds).toEqual([youth])
  })

  it('leave out a removed focus area, and come back with it', () => {
    const { doc, youth, drugs } = planWithFocusAreas()
    const id = addPriorityAction(doc, { focusAreaIds: [youth, drugs] })
    const undo = new Y.UndoManager(getPlanRoots(doc).focusAreas, { trackedOrigins: new Set([LOCAL_ORIGIN]) })
    removeFocusArea(doc, youth)
    expect(getPriorityAction(doc, id)?.focusAreaIds).toEqual([drugs])
    expect(getPriorityAction(doc, id)?.map.get(ACTION_KEYS.focusAreaIds)).toBeInstanceOf(Y.Map)
    undo.undo()
    expect(getPriorityAction(doc, id)?.focusAreaIds).toEqual([youth, drugs])
  })
})

describe('setActionPartners', () => {
  it('trims, normalises and dedupes names', () => {
    const doc = newPlanDoc()
    const id = addPriorityAction(doc)
    setActionPartners(doc, id, [' Ngāti Awa ', 'Nga\u0304ti Awa', '', 'Corrections', 'Corrections'])
    expect(getPriorityAction(doc, id)?.partners).toEqual(['Ngāti Awa', 'Corrections'])
    expect(partnersArray(doc, id).toArray()).toEqual(['Ngāti Awa', 'Corrections'])
  })

  it('changes the list by the smallest edit', () => {
    const doc = newPlanDoc()
    const id = addPriorityAction(doc, { partners: ['A', 'B', 'C'] })
    const list = partnersArray(doc, id)
    let delta: unknown
    list.observe((event) => (delta = event.delta))
    setActionPartners(doc, id, ['A', 'C', 'D'])
    expect(delta).toEqual([{ retain: 1 }, { delete: 1 }, { retain: 1 }, { insert: ['D'] }])
    delta = null
    setActionPartners(doc, id, ['A', 'C', 'D'])
    expect(delta).toBeNull()
  })

  it('keeps a partner someone else added at the same time', () => {
    const doc = newPlanDoc()
    const id = addPriorityAction(doc, { partners: ['A', 'B'] })
    const other = new Y.Doc()
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc))
    setActionPartners(doc, id, ['A'])
    setActionPartners(other, id, ['A', 'B', 'Oranga Tamariki'])
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other))
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc))
    expect(getPriorityAction(doc, id)?.partners).toEqual(['A', 'Oranga Tamariki'])
    expect(getPriorityAction(other, id)?.partners).toEqual(['A', 'Oranga Tamariki'])
  })

  it('refuses what is not a list of names', () => {
    const doc = newPlanDoc()
    const id = addPriorityAction(doc)
    expect(() => setActionPartners(doc, id, 'Health NZ' as unknown as string[])).toThrow(/list of names/)
  })
})
