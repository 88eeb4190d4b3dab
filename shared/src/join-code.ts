/**
 * Join codes shown at a hui (QR code and short code): the alphabet, length and how a code
 * typed by hand is read. Dependency-free, so the client's first page (the join page) can use it.
 */

/** Letters and digits nobody confuses when reading from a screen across a room: no 0/O, 1/I/L. */
export const JOIN_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'

/** Characters in a join code: 31^10 ≈ 8 × 10^14 codes (about 49 bits), far past guessing at the rate allowed. */
export const JOIN_CODE_LENGTH = 10

/** Uses a join code allows unless the facilitator says otherwise. */
export const DEFAULT_JOIN_CODE_USES = 50
export const MAX_JOIN_CODE_USES = 500

/** How long a join code works unless stopped first (the hui ending stops it too). */
export const DEFAULT_JOIN_CODE_MINUTES = 4 * 60
export const MAX_JOIN_CODE_MINUTES = 12 * 60

/**
 * A join code as typed or scanned, in its one stored form (upper case, no spaces or dashes),
 * or null when it cannot be a join code at all.
 */
export function normaliseJoinCode(input: string): string | null {
  const code = input.replace(/[\s-]+/g, '').toUpperCase()
  if (code.length !== JOIN_CODE_LENGTH) return null
  for (const character of code) if (!JOIN_CODE_ALPHABET.includes(character)) return null
  return code
}

/** A join code as shown to people, in two groups of five ("ABCDE-FGHJK"), easier to read out and type. */
export function formatJoinCode(code: string): string {
  const half = Math.ceil(code.length / 2)
  return `${code.slice(0, half)}-${code.slice(half)}`
}
