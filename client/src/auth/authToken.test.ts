import { describe, expect, it } from 'vitest'
import { tokenFromLocation } from './authToken'

describe('tokenFromLocation', () => {
  it('reads the token from the fragment first, then the query', () => {
    expect(tokenFromLocation({ hash: '#token=abc_-9', search: '' })).toBe('abc_-9')
    expect(tokenFromLocation({ hash: '', search: '?token=from-query' })).toBe('from-query')
    expect(tokenFromLocation({ hash: '#token=hash', search: '?token=query' })).toBe('hash')
  })

  it('answers null when the link carries no token', () => {
    expect(tokenFromLocation({ hash: '', search: '' })).toBeNull()
    expect(tokenFromLocation({ hash: '#token=', search: '?next=/plans' })).toBeNull()
  })
})
