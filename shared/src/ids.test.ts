import { afterEach, describe, expect, it, vi } from 'vitest'
import { isId, newId } from './ids'

describe('newId', () => {
  afterEach(() => vi.restoreAllMocks())

  it('makes 16 URL-safe characters', () => {
    for (let i = 0; i < 100; i++) expect(newId()).toMatch(/^[A-Za-z0-9_-]{16}$/)
  })

  it('does not repeat', () => {
    const ids = new Set(Array.from({ length: 5000 }, newId))
    expect(ids.size).toBe(5000)
  })

  it('uses getRandomValues, which insecure browser contexts still have', () => {
    const getRandomValues = vi.spyOn(crypto, 'getRandomValues')
    const randomUUID = vi.spyOn(crypto, 'randomUUID')
    newId()
    expect(getRandomValues).toHaveBeenCalledOnce()
    expect(randomUUID).not.toHaveBeenCalled()
  })

  it('maps every byte value into the alphabet', () => {
    vi.spyOn(crypto, 'getRandomValues').mockImplementation(<T extends ArrayBufferView | null>(array: T): T => {
      const bytes = array as unknown as Uint8Array
      bytes.forEach((_, i) => (bytes[i] = 255 - i))
      return array
    })
    expect(newId()).toBe('-_9876543210zyxw')
  })
})

describe('isId', () => {
  it('accept 8-64 URL-safe characters', () => {
    expect(isId('abcdEFGH')).toBe(true)
    expect(isId('a-b_c'.padEnd(64, 'x'))).toBe(true)
    expect(isId(newId())).toBe(true)
  })

  it('refuse anything else', () => {
    for (const bad of ['', 'short', 'x'.repeat(65), 'has space1', 'slash/abcd', 'māori-id1', '../../etc']) {
      expect(isId(bad)).toBe(false)
    }
    expect(isId(12345678)).toBe(false)
    expect(isId(null)).toBe(false)
  })
})
