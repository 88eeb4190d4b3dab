import { describe, expect, it } from 'vitest'
import { RECENT_WRITING_MS, WritingTracker } from './writingScope'

describe('WritingTracker', () => {
  it('reports a focused field, and a field typed in within the last few seconds', () => {
    const tracker = new WritingTracker()
    const now = 1_000_000
    tracker.report('fa1', { field: 'Title', text: 'Rangatahi', typedAt: 0, focused: true })
    tracker.report('fa1', { field: 'Description', text: 'Marae-based mentoring', typedAt: now - 1_000, focused: false })
    expect(tracker.writingIn('fa1', now).map((f) => f.field).sort()).toEqual(['Description', 'Title'])
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
})
