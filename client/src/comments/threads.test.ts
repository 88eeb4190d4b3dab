import { describe, expect, it } from 'vitest'
import { commentProblem, splitThreads } from './threads'

describe('splitThreads', () => {
  it('keeps open and resolved threads apart, each in its order', () => {
    const threads = [
      { id: 'a', resolved: false },
      { id: 'b', resolved: true },
      { id: 'c', resolved: false },
      { id: 'd', resolved: true },
    ]
    const { open, resolved } = splitThreads(threads)
    expect(open.map((t) => t.id)).toEqual(['a', 'c'])
    expect(resolved.map((t) => t.id)).toEqual(['b', 'd'])
  })
})

describe('commentProblem', () => {
  it('refuses an empty or blank message', () => {
    expect(commentProblem('')).toBe('empty')
    expect(commentProblem(' \n ')).toBe('empty')
  })

  it('refuses a message longer than the plan keeps', () => {
    expect(commentProblem('a'.repeat(4001))).toBe('tooLong')
  })

  it('accepts a message, macrons and all', () => {
    expect(commentProblem('Me kōrero anō tātou ā tērā wiki')).toBeNull()
  })
})
