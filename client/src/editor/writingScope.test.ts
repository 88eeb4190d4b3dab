import { describe, expect, it } from 'vitest'
import { RECENT_WRITING_MS, scopesOf, WritingTracker } from './writingScope'

describe('WritingTracker', () => {
  it('reports a focused field, and a field typed in within the last few seconds', () => {
    const tracker = new WritingTracker()
    const now = 1_000_000
    tracker.report('fa1', { field: 'Title', text: 'Rangatahi', typedAt: 0, focused: true })
    tracker.report('fa1', { field: 'Description', text: 'Marae-based mentoring', typedAt: now - 1_000, focused: false })
    expect(
      tracker
        .writingIn('fa1', now)
        .map((f) => f.field)
        .sort(),
    ).toEqual(['Description', 'Title'])
  })

  it('forgets a field left alone for longer than the window, and items never written in', () => {
    const tracker = new WritingTracker()
    const now = 1_000_000
    tracker.report('fa1', { field: 'Description', text: 'old words', typedAt: now - RECENT_WRITING_MS - 1, focused: false })
    expect(tracker.writingIn('fa1', now)).toEqual([])
    expect(tracker.writingIn('nothing-here', now)).toEqual([])
  })

  it('does not report empty fields (nothing to keep)', () => {
    const tracker = new WritingTracker()
    tracker.report('fa1', { field: 'Title', text: '   ', typedAt: 5, focused: true })
    expect(tracker.writingIn('fa1', 10)).toEqual([])
  })

  it('keeps when a field was typed in when it is focused again, and stops counting focus on blur', () => {
    const tracker = new WritingTracker()
    tracker.report('a1', { field: 'Outcome', text: 'Fewer harms', typedAt: 100, focused: true })
    tracker.report('a1', { field: 'Outcome', text: 'Fewer harms', typedAt: 0, focused: true })
    tracker.blur('a1', 'Outcome')
    expect(tracker.writingIn('a1', 100 + RECENT_WRITING_MS)).toHaveLength(1)
    expect(tracker.writingIn('a1', 101 + RECENT_WRITING_MS)).toEqual([])
  })

  it('keeps the title given by the item, until the item is forgotten', () => {
    const tracker = new WritingTracker()
    tracker.setTitle('c1', 'Safe housing')
    tracker.report('c1', { field: 'Title', text: 'Safe housing', typedAt: 1, focused: true })
    expect(tracker.titleOf('c1')).toBe('Safe housing')
    tracker.forget('c1')
    expect(tracker.titleOf('c1')).toBe('')
    expect(tracker.writingIn('c1', 2)).toEqual([])
  })

  it('reports a field inside a measure inside an action to both, keyed by the measure and named after it', () => {
    const actions = new WritingTracker()
    const measures = new WritingTracker()
    actions.setTitle('a1', 'Warm homes')
    measures.setTitle('m1', 'Measure 1: Homes insulated')
    const action = { tracker: actions, itemId: 'a1', parent: null }
    const measure = { tracker: measures, itemId: 'm1', parent: action }
    const scopes = scopesOf(measure, 'Unit')
    expect(scopes.map(({ tracker, itemId, field, label }) => ({ own: tracker === measures, itemId, field, label }))).toEqual([
      { own: true, itemId: 'm1', field: 'Unit', label: 'Unit' },
      { own: false, itemId: 'a1', field: 'm1/Unit', label: 'Measure 1: Homes insulated — Unit' },
    ])
    for (const at of scopes) at.tracker.report(at.itemId, { field: at.field, label: at.label, text: 'whare', typedAt: 10, focused: true })
    // The measure is renamed while the person types: still one field in the action, not two.
    measures.setTitle('m1', 'Measure 1: Homes')
    for (const at of scopesOf(measure, 'Unit'))
      at.tracker.report(at.itemId, { field: at.field, label: at.label, text: 'whare nui', typedAt: 20, focused: true })
    expect(actions.writingIn('a1', 20)).toEqual([
      { field: 'm1/Unit', label: 'Measure 1: Homes — Unit', text: 'whare nui', typedAt: 20, focused: true },
    ])
    expect(measures.writingIn('m1', 20).map((f) => f.text)).toEqual(['whare nui'])
  })
})
