import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import type { TxOrigin } from '../origin'
import { addPriorityAction, getPriorityAction, linkFocusArea, setActionPartners, setActionStatus } from './actions'
import { toPlanJson } from './json'
import { addMeasure, addProgressEntry, listMeasures, removeMeasure } from './monitoring'
import { appendParagraph, setFragmentFromJSON } from './richtext'
import { planDocFromState, planStateFromDoc, restorePlanState } from './restore'
import { getPlanMeta, getPlanRoots, setPlanMetaField } from './roots'
import { addCondition, addFocusArea, getFocusArea, listFocusAreas, moveFocusArea, removeFocusArea } from './sections'
import { newPlanDoc, syncAll } from './testing'
import { replaceText } from './text'

const RESTORE: TxOrigin = { source: 'restore', snapshotId: 'snap-1', userId: 'user-1' }

function planForRestore() {
  const doc = newPlanDoc({ title: 'Mahere', community: 'Ngāti Awa' })
  const youth = addFocusArea(doc, { title: 'Rangatahi' })
  const whanau = addFocusArea(doc, { title: 'Whānau' })
  appendParagraph(getFocusArea(doc, youth)!.description, 'Before the snapshot')
  appendParagraph(getPlanRoots(doc).environment, 'Environment as agreed')
  const action = addPriorityAction(doc, { title: 'Peer support', focusAreaIds: [youth], partners: ['Health NZ'] })
  appendParagraph(getPriorityAction(doc, action)!.activity, 'Weekly wānanga')
  const measure = addMeasure(doc, action, { name: 'Attendance', target: 30 })
  addProgressEntry(doc, action, { date: '2025-02-01', values: { [measure]: 5 }, authorName: 'Mere' })
  return { doc, youth, whanau, action, measure }
}

/** Every change a session after the snapshot might make. */
function changeEverything(doc: Y.Doc, ids: ReturnType<typeof planForRestore>): void {
  const { youth, whanau, action, measure } = ids
  setPlanMetaField(doc, 'title', 'Mahere hou')
  replaceText(getFocusArea(doc, whanau)!.title, 'Whānau ora')
  setFragmentFromJSON(getPlanRoots(doc).environment, {
    type: 'doc',
    content: [{ type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'Rewritten' }] }],
  })
  appendParagraph(getPriorityAction(doc, action)!.activity, 'Added later')
  moveFocusArea(doc, whanau, { after: null })
  linkFocusArea(doc, action, whanau)
  removeFocusArea(doc, youth)
  addFocusArea(doc, { title: 'New after snapshot' })
  addCondition(doc, { title: 'New condition' })
  setActionStatus(doc, action, 'at risk')
  setActionPartners(doc, action, ['Corrections'])
  removeMeasure(doc, action, measure)
  addPriorityAction(doc, { title: 'Another action' })
}

/** Whether `after` knows at least everything `before` knew. */
function covers(after: Map<number, number>, before: Map<number, number>): boolean {
  return [...before].every(([client, clock]) => (after.get(client) ?? 0) >= clock)
}

describe('restorePlanState', () => {
  it('brings back the snapshot content', () => {
    const ids = planForRestore()
    const { doc } = ids
    const snapshot = planStateFromDoc(doc)
    const expected = toPlanJson(planDocFromState(snapshot))
    changeEverything(doc, ids)
    expect(toPlanJson(doc)).not.toEqual(expected)
    restorePlanState(doc, snapshot, RESTORE)
    expect(toPlanJson(doc)).toEqual(expected)
    expect(listMeasures(doc, ids.action).map((measure) => measure.name)).toEqual(['Attendance'])
  })

  it('is a forward change: the state vector only grows, and the change carries the origin', () => {
    const ids = planForRestore()
    const { doc } = ids
    const snapshot = planStateFromDoc(doc)
    changeEverything(doc, ids)
    const before = Y.decodeStateVector(Y.encodeStateVector(doc))
    const origins: unknown[] = []
    doc.on('update', (_update: Uint8Array, origin: unknown) => origins.push(origin))
    restorePlanState(doc, snapshot, RESTORE)
    const after = Y.decodeStateVector(Y.encodeStateVector(doc))
    expect(covers(after, before)).toBe(true)
    expect(after.size).toBe(before.size + 1)
    expect(origins).toEqual([RESTORE])
  })

  it('reaches a device that only receives the restore as updates', () => {
    const ids = planForRestore()
    const { doc } = ids
    const snapshot = planStateFromDoc(doc)
    changeEverything(doc, ids)
    const device = planDocFromState(planStateFromDoc(doc))
    doc.on('update', (update: Uint8Array) => Y.applyUpdate(device, update))
    restorePlanState(doc, snapshot, RESTORE)
    expect(toPlanJson(device)).toEqual(toPlanJson(doc))
    expect(Y.encodeStateVector(device)).toEqual(Y.encodeStateVector(doc))
  })

  it('keeps edits made offline during the restore', () => {
    const ids = planForRestore()
    const { doc, action } = ids
    const snapshot = planStateFromDoc(doc)
    const offline = planDocFromState(planStateFromDoc(doc))
    changeEverything(doc, ids)
    syncAll([doc, offline])
    replaceText(getPriorityAction(offline, action)!.title, 'Peer support (offline edit)')
    restorePlanState(doc, snapshot, RESTORE)
    syncAll([doc, offline])
    expect(toPlanJson(offline)).toEqual(toPlanJson(doc))
    expect(getPriorityAction(doc, action)!.title.toString()).toBe('Peer support (offline edit)')
  })

  it('restoring an untouched snapshot changes nothing', () => {
    const { doc } = planForRestore()
    const json = toPlanJson(doc)
    const vector = Y.encodeStateVector(doc)
    restorePlanState(doc, planStateFromDoc(doc), RESTORE)
    expect(toPlanJson(doc)).toEqual(json)
    expect(Y.encodeStateVector(doc)).toEqual(vector)
  })

  it('can be restored again, and undone by restoring the state before it', () => {
    const ids = planForRestore()
    const { doc } = ids
    const snapshot = planStateFromDoc(doc)
    changeEverything(doc, ids)
    const changed = toPlanJson(doc)
    const beforeRestore = planStateFromDoc(doc)
    restorePlanState(doc, snapshot, RESTORE)
    restorePlanState(doc, beforeRestore, RESTORE)
    expect(toPlanJson(doc)).toEqual(changed)
    restorePlanState(doc, snapshot, RESTORE)
    expect(toPlanJson(doc)).toEqual(toPlanJson(planDocFromState(snapshot)))
    expect(getPlanMeta(doc).title?.toString()).toBe('Mahere')
  })

  it('brings back a removed focus area together with the links to it', () => {
    const ids = planForRestore()
    const { doc, youth, action } = ids
    const snapshot = planStateFromDoc(doc)
    removeFocusArea(doc, youth)
    expect(toPlanJson(doc).actions[0]?.focusAreaIds).toEqual([])
    restorePlanState(doc, snapshot, RESTORE)
    expect(listFocusAreas(doc).map((focusArea) => focusArea.id)).toContain(youth)
    expect(getPriorityAction(doc, action)?.focusAreaIds).toEqual([youth])
  })
})

describe('planDocFromState', () => {
  it('types every root before applying the state', () => {
    const doc = planDocFromState(planStateFromDoc(newPlanDoc()))
    expect(doc.share.get('environment')).toBeInstanceOf(Y.XmlFragment)
    expect(doc.share.get('actions')).toBeInstanceOf(Y.Map)
  })
})
