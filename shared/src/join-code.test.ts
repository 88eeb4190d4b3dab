import { describe, expect, it } from 'vitest'
import { formatJoinCode, JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, normaliseJoinCode } from './join-code'

describe('join codes', () => {
  it('reads a code as typed from a screen: any case, with dashes and spaces', () => {
    expect(normaliseJoinCode('abcde-fgh23')).toBe('ABCDEFGH23')
    expect(normaliseJoinCode(' ABCDE FGH23 ')).toBe('ABCDEFGH23')
    expect(formatJoinCode('ABCDEFGH23')).toBe('ABCDE-FGH23')
    expect(normaliseJoinCode(formatJoinCode('ABCDEFGH23'))).toBe('ABCDEFGH23')
  })

  it('refuses what cannot be a code: the wrong length, or characters easily confused', () => {
    expect(normaliseJoinCode('ABCDEFGH2')).toBeNull()
    expect(normaliseJoinCode('ABCDEFGH234')).toBeNull()
    for (const confusable of ['0', 'O', '1', 'I', 'L']) expect(normaliseJoinCode(`ABCDEFGH2${confusable}`)).toBeNull()
    expect(normaliseJoinCode('ABCDEFGH2/')).toBeNull()
    expect(JOIN_CODE_ALPHABET).toHaveLength(31)
    expect(JOIN_CODE_LENGTH).toBeGreaterThanOrEqual(8)
  })
})
