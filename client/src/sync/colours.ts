/**
 * Caret and presence colours: distinct, and dark enough for white name labels (≥ 4.5:1).
 * A person keeps the same colour everywhere: it is chosen from their id.
 */
export const PRESENCE_COLOURS = [
  '#b3261e',
  '#0b5e46',
  '#1f4e8c',
  '#7b1e4f',
  '#6b3fa0',
  '#8a4b00',
  '#00606e',
  '#5d5d00',
  '#a0306e',
  '#2d5f2e',
] as const

export function colourFor(userId: string): string {
  let hash = 0
  for (let i = 0; i < userId.length; i++) hash = (hash * 31 + userId.charCodeAt(i)) >>> 0
  return PRESENCE_COLOURS[hash % PRESENCE_COLOURS.length]!
}
