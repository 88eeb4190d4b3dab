import { describe, expect, it } from 'vitest'
import { asciiFileName, attachment, fileBaseName } from './filename'

describe('download file names', () => {
  it('keeps macrons in filename* and gives an ASCII fallback', () => {
    expect(attachment('Te Mahere o Whakatāne', '.hononga.json')).toBe(
      `attachment; filename="Te Mahere o Whakatane.hononga.json"; filename*=UTF-8''Te%20Mahere%20o%20Whakat%C4%81ne.hononga.json`,
    )
    const encoded = /filename\*=UTF-8''(.+)$/.exec(attachment('Ōpōtiki (draft) 100%', '.actions.csv'))![1]!
    expect(encoded).not.toMatch(/[()'*]/)
    expect(decodeURIComponent(encoded)).toBe('Ōpōtiki (draft) 100%.actions.csv')
  })

  it('makes titles safe as file names', () => {
    expect(fileBaseName('a/b\\c:"d"\n e')).toBe('a b c d e')
    expect(fileBaseName('Ōpōtiki: a/b\\c *?"<>|\u0085 plan')).toBe('Ōpōtiki a b c plan')
    expect(fileBaseName('  ')).toBe('plan')
    expect(fileBaseName('..hidden')).toBe('hidden')
    expect(asciiFileName('Kāinga "kore" 日本 100%')).toBe('Kainga _kore_ __ 100_')
    expect(fileBaseName('x'.repeat(500))).toHaveLength(120)
  })

  it('keeps macrons as single characters, and falls back to the name given', () => {
    const name = fileBaseName('Whakata\u0304ne plan – minutes 2026-11-25', 'minutes')
    expect(name).toBe('Whakatāne plan – minutes 2026-11-25')
    expect(name).toBe(name.normalize('NFC'))
    expect(fileBaseName(' /:* ', 'minutes')).toBe('minutes')
  })
})
