import { describe, expect, it } from 'vitest'
import { safeFileName } from './minutesFile'

describe('safeFileName', () => {
  it('keeps macrons (as single characters) and spaces', () => {
    const decomposed = 'Whakata\u0304ne plan – minutes 2026-11-25'
    const name = safeFileName(decomposed, 'json')
    expect(name).toBe('Whakatāne plan – minutes 2026-11-25.json')
    expect(name).toBe(name.normalize('NFC'))
  })

  it('replaces only what file systems refuse', () => {
    expect(safeFileName('Ōpōtiki: a/b\\c *?"<>| plan', 'json')).toBe('Ōpōtiki- a-b-c - plan.json')
    expect(safeFileName('..hidden', 'json')).toBe('hidden.json')
    expect(safeFileName('   ', 'json')).toBe('minutes.json')
  })
})
