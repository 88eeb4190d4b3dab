import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { addFocusArea, getFocusArea, initPlanDoc, partnerKey, recordPosition, startThread } from '@hononga/shared'
import { PlanItemStore } from './planItemStore'

function plan() {
  const doc = new Y.Doc()
  initPlanDoc(doc, { title: 'Ōpōtiki plan', community: 'Ōpōtiki' })
  const a = addFocusArea(doc, { title: 'Whānau safety' })
  const b = addFocusArea(doc, { title: 'Youth pathways' })
  return { doc, a: { kind: 'focusArea' as const, id: a }, b: { kind: 'focusArea' as const, id: b } }
}

const iwi = partnerKey('iwi', 'Ngāti Awa')

describe('PlanItemStore', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('gives the same object for an item until that item changes', () => {
    const { doc, a, b } = plan()
    const store = new PlanItemStore(doc, 100)
    const stop = store.connect()
    const beforeA = store.agreementOf(a)
    const beforeB = store.agreementOf(b)
    expect(beforeA.fingerprint).not.toBeNull()
    expect(store.agreementOf(a)).toBe(beforeA)

    getFocusArea(doc, a.id)!.title.insert(0, 'Tamariki and ')
    vi.advanceTimersByTime(100)
    expect(store.agreementOf(a)).not.toBe(beforeA)
    expect(store.agreementOf(a).fingerprint).not.toBe(beforeA.fingerprint)
    // The other item did not change: its panel need not render again.
    expect(store.agreementOf(b)).toBe(beforeB)
    stop()
  })

  it('reads a burst of changes once, after the delay, and tells subscribers', () => {
    const { doc, a } = plan()
    const store = new PlanItemStore(doc, 100)
    const stop = store.connect()
    const listener = vi.fn()
    store.subscribe(listener)
    const before = store.agreementOf(a).fingerprint
    for (const letter of 'kōrero') getFocusArea(doc, a.id)!.title.insert(0, letter)
    expect(store.agreementOf(a).fingerprint).toBe(before)
    expect(listener).not.toHaveBeenCalled()
    vi.advanceTimersByTime(100)
    expect(listener).toHaveBeenCalledTimes(1)
    expect(store.agreementOf(a).fingerprint).not.toBe(before)
    stop()
  })

  it('shows a position at once after flush, with the item it was recorded on', () => {
    const { doc, a } = plan()
    const store = new PlanItemStore(doc, 100)
    const stop = store.connect()
    const fingerprint = store.agreementOf(a).fingerprint!
    recordPosition(doc, a, iwi, { position: 'agree', userId: 'u1', userName: 'Tama', fingerprint })
    store.flush()
    expect(store.agreementOf(a).records.get(iwi)?.position).toBe('agree')
    expect(store.agreementOf(a).records.get(iwi)?.fingerprint).toBe(fingerprint)
    stop()
  })

  it('groups comment threads by item, keeping each list while it is unchanged', () => {
    const { doc, a, b } = plan()
    const store = new PlanItemStore(doc, 100)
    const stop = store.connect()
    expect(store.threadsOn(a)).toEqual([])
    startThread(doc, a, { authorId: 'u1', authorName: 'Aroha', text: 'Kia ora' })
    store.flush()
    const threadsOnA = store.threadsOn(a)
    expect(threadsOnA.map((t) => t.messages[0]!.text)).toEqual(['Kia ora'])
    startThread(doc, b, { authorId: 'u1', authorName: 'Aroha', text: 'Another' })
    store.flush()
    expect(store.threadsOn(a)).toBe(threadsOnA)
    expect(store.threadsOn(b)).toHaveLength(1)
    stop()
  })

  it('keeps reading at least every maxWait while changes keep coming', () => {
    const { doc, a } = plan()
    const store = new PlanItemStore(doc, 100, 300)
    const stop = store.connect()
    const listener = vi.fn()
    store.subscribe(listener)
    // A change every 50 ms never leaves 100 ms of quiet: reads come from maxWait.
    for (let i = 0; i < 12; i++) {
      getFocusArea(doc, a.id)!.title.insert(0, 'a')
      vi.advanceTimersByTime(50)
    }
    // 600 ms of typing, read at 300 and 600 (not after every change, nor only at the end).
    expect(listener).toHaveBeenCalledTimes(2)
    getFocusArea(doc, a.id)!.title.insert(0, 'b')
    vi.advanceTimersByTime(100)
    expect(listener).toHaveBeenCalledTimes(3)
    expect(store.currentPlan().focusAreas[0]!.title).toBe(`b${'a'.repeat(12)}Whānau safety`)
    stop()
  })

  it('stops following the document when disconnected', () => {
    const { doc, a } = plan()
    const store = new PlanItemStore(doc, 100)
    const stop = store.connect()
    stop()
    const listener = vi.fn()
    store.subscribe(listener)
    getFocusArea(doc, a.id)!.title.insert(0, 'x')
    vi.advanceTimersByTime(500)
    expect(listener).not.toHaveBeenCalled()
  })
})
