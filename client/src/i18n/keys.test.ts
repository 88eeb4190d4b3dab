import { describe, expect, it } from 'vitest'
import { isKeyIn } from './keys'

describe('isKeyIn', () => {
  it('knows the English catalogue’s keys, plural ones by their base', () => {
    expect(isKeyIn('outbox', 'summary.reply')).toBe(true)
    expect(isKeyIn('history', 'diff.fields.outcome')).toBe(true)
    expect(isKeyIn('workspace', 'itemCount')).toBe(true)
  })

  it('refuses what is not a text', () => {
    expect(isKeyIn('outbox', 'summary')).toBe(false)
    expect(isKeyIn('outbox', 'summary.noSuchCommand')).toBe(false)
    expect(isKeyIn('outbox', 'summary.reply.deeper')).toBe(false)
    expect(isKeyIn('outbox', '')).toBe(false)
  })
})
