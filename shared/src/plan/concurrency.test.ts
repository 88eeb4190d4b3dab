import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { addPriorityAction, getPriorityAction, linkFocusArea, listPriorityActions, movePriorityAction } from './actions'
import { toPlanJson } from './json'
import { LOCAL_ORIGIN } from '../origin'
import { ACTION_KEYS } from './keys'
import { addMeasure, listMeasures, updateMeasure } from './monitoring'
import { appendParagraph, fragmentToPlainText } from './richtext'
import { planStateFromDoc, restorePlanState } from './restore'
import { getPlanRoots } from './roots'
import { addFocusArea, getFocusArea, listFocusAreas, moveFocusArea, removeFocusArea } from './sections'
import { peers, syncAll } from './testing'
import { replaceText } from './text'

const focusAreaTitles = (doc: Y.Doc) => listFocusAreas(doc).map((focusArea) => focusArea.title.toString())

/** Two devices with the same plan holding focus areas A, B, C, D. */
function twoDevices() {
  const docs = peers(2)
  const [a, b] = docs as [Y.Doc, Y.Doc]
  const ids = ['A', 'B', 'C', 'D'].map((title) => addFocusArea(a, { title }))
  syncAll(docs)
  return { docs, a, b, ids: ids as [(typeof ids)[0], (typeof ids)[0], (typeof ids)[0], (typeof ids)[0]] }
}

describe('concurrent edits', () => {
  it('two devices move the same focus area at once: it ends in one place, the same everywhere', () => {
    const { docs, a, b, ids } = twoDevices()
    moveFocusArea(a, ids[0], { after: ids[1] })
    moveFocusArea(b, ids[0], { after: ids[3] })
    syncAll(docs)
    expect(focusAreaTitles(a)).toEqual(focusAreaTitles(b))
    expect([...focusAreaTitles(a)].sort()).toEqual(['A', 'B', 'C', 'D'])
    expect([
      ['B', 'A', 'C', 'D'],
      ['B', 'C', 'D', 'A'],
    ]).toContainEqual(focusAreaTitles(a))
  })

  it('one device removes a focus area while another links an action to it', () => {
    const { docs, a, b, ids } = twoDevices()
    const action = addPriorityAction(a, { title: 'Kai for whānau' })
    syncAll(docs)
    const undo = new Y.UndoManager(getPlanRoots(a).focusAreas, { trackedOrigins: new Set([LOCAL_ORIGIN]) })
    removeFocusArea(a, ids[2])
    linkFocusArea(b, action, ids[2])
    syncAll(docs)
    // The link is kept in the document but left out of what people see while it dangles.
    expect(toPlanJson(a)).toEqual(toPlanJson(b))
    expect(toPlanJson(a).actions[0]?.focusAreaIds).toEqual([])
    expect((getPriorityAction(a, action)!.map.get(ACTION_KEYS.focusAreaIds) as Y.Map<unknown>).has(ids[2])).toBe(true)
    // Bringing the focus area back (here: undo) brings back the link made meanwhile.
    undo.undo()
    syncAll(docs)
    for (const doc of docs) {
      expect(getPriorityAction(doc, action)?.focusAreaIds).toEqual([ids[2]])
      expect(focusAreaTitles(doc)).toEqual(['A', 'B', 'C', 'D'])
    }
  })

  it('restoring a snapshot from before a removal brings the focus area and its links back', () => {
    const { docs, a, b, ids } = twoDevices()
    const action = addPriorityAction(a, { title: 'Kai for whānau', focusAreaIds: [ids[2]] })
    syncAll(docs)
    const snapshot = planStateFromDoc(a)
    removeFocusArea(a, ids[2])
    replaceText(getPriorityAction(b, action)!.title, 'Kai for whānau and kaumātua')
    syncAll(docs)
    expect(toPlanJson(b).actions[0]?.focusAreaIds).toEqual([])
    restorePlanState(a, snapshot, { source: 'restore', snapshotId: 's', userId: 'u' })
    syncAll(docs)
    expect(getPriorityAction(b, action)?.focusAreaIds).toEqual([ids[2]])
    expect(toPlanJson(b)).toEqual(toPlanJson(a))
  })

  it('two devices add at the same spot: both kept, in the same order everywhere', () => {
    const { docs, a, b, ids } = twoDevices()
    const fromA = addFocusArea(a, { title: 'from A', after: ids[1] })
    const fromB = addFocusArea(b, { title: 'from B', after: ids[1] })
    syncAll(docs)
    expect(focusAreaTitles(a)).toEqual(focusAreaTitles(b))
    // Same order key on both sides: the ids settle it.
    const [first, second] = [fromA, fromB].sort()
    expect(listFocusAreas(a).map((focusArea) => focusArea.id)).toEqual([ids[0], ids[1], first, second, ids[2], ids[3]])
  })

  it('an edit inside an item survives another device reordering it', () => {
    const { docs, a, b, ids } = twoDevices()
    replaceText(getFocusArea(a, ids[1])!.title, 'B (edited)')
    appendParagraph(getFocusArea(a, ids[1])!.description, 'Written while it moved')
    moveFocusArea(b, ids[1], { after: ids[3] })
    syncAll(docs)
    for (const doc of docs) {
      expect(focusAreaTitles(doc)).toEqual(['A', 'C', 'D', 'B (edited)'])
      expect(fragmentToPlainText(getFocusArea(doc, ids[1])!.description)).toBe('Written while it moved')
    }
  })

  it('edits inside an action and its measures survive it being moved', () => {
    const docs = peers(2)
    const [a, b] = docs as [Y.Doc, Y.Doc]
    const first = addPriorityAction(a, { title: 'First' })
    const second = addPriorityAction(a, { title: 'Second' })
    const measure = addMeasure(a, second, { name: 'Referrals' })
    syncAll(docs)
    movePriorityAction(a, second, { after: null })
    appendParagraph(getPriorityAction(b, second)!.outcome, 'More referrals')
    updateMeasure(b, second, measure, { target: 50 })
    syncAll(docs)
    for (const doc of docs) {
      expect(listPriorityActions(doc).map((action) => action.id)).toEqual([second, first])
      expect(fragmentToPlainText(getPriorityAction(doc, second)!.outcome)).toBe('More referrals')
      expect(listMeasures(doc, second)[0]?.target).toBe(50)
    }
  })

  it('two devices linking the same focus area make one link', () => {
    const { docs, a, b, ids } = twoDevices()
    const action = addPriorityAction(a)
    syncAll(docs)
    linkFocusArea(a, action, ids[0])
    linkFocusArea(b, action, ids[0])
    syncAll(docs)
    expect(getPriorityAction(a, action)?.focusAreaIds).toEqual([ids[0]])
    expect(toPlanJson(a)).toEqual(toPlanJson(b))
  })
})
