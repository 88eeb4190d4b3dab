/**
 * Caret and presence colours: distinct among the people present, and dark enough for white
 * name labels (≥ 4.5:1). A person starts from the colour their id hashes to and keeps it
 * while nobody present holds it; when two people meet on one colour, the one who held it
 * first keeps it (ties: the smaller id) and the other moves to the first free colour.
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

function hashOf(userId: string): number {
  let hash = 0
  for (let i = 0; i < userId.length; i++) hash = (hash * 31 + userId.charCodeAt(i)) >>> 0
  return hash
}

/** The colour a person starts from: chosen from their id, so it is the same everywhere. */
export function colourFor(userId: string): string {
  return PRESENCE_COLOURS[hashOf(userId) % PRESENCE_COLOURS.length]!
}

function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
}

/** Contrast of a colour against white (WCAG). */
export function contrastWithWhite(hex: string): number {
  return 1.05 / (luminance(hex) + 0.05)
}

function hslHex(h: number, s: number, l: number): string {
  const a = s * Math.min(l, 1 - l)
  const f = (n: number) => {
    const k = (n + h / 30) % 12
    return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))))
      .toString(16)
      .padStart(2, '0')
  }
  return `#${f(0)}${f(8)}${f(4)}`
}

/**
 * The n-th colour after the palette (more people present than it has colours): hues a
 * golden angle apart, darkened until white text on them reaches 4.5:1.
 */
export function extraColour(n: number): string {
  const hue = (n * 137.508 + 20) % 360
  for (let lightness = 0.42; lightness > 0.1; lightness -= 0.02) {
    const hex = hslHex(hue, 0.65, lightness)
    if (contrastWithWhite(hex) >= 4.5) return hex
  }
  return '#333333'
}

/** The colour of the `index`-th choice, palette first. */
function colourAt(index: number): string {
  return index < PRESENCE_COLOURS.length ? PRESENCE_COLOURS[index]! : extraColour(index - PRESENCE_COLOURS.length)
}

/** What one person present shows: their id, their colour, and since when they have held it. */
export interface HeldColour {
  userId: string
  colour: string
  /** Milliseconds since the epoch (the holder's clock) when they took this colour. */
  since: number
}

/** `a` has a better claim to a colour than `b`: held it first, or the smaller id on a tie. */
function outranks(a: HeldColour, b: HeldColour): boolean {
  return a.since !== b.since ? a.since < b.since : a.userId < b.userId
}

/**
 * The colour `me` should show among `others` present (other people; another tab of mine is
 * not a rival). Keeps my colour unless someone with a better claim holds it; otherwise the
 * first colour nobody else holds, starting from the one my id hashes to. Everyone runs
 * this on every presence change, so a clash is settled within a round trip.
 */
export function chooseColour(me: HeldColour, others: readonly HeldColour[], now = Date.now()): HeldColour {
  const rivals = others.filter((other) => other.userId !== me.userId)
  const clash = rivals.some((other) => other.colour.toLowerCase() === me.colour.toLowerCase() && outranks(other, me))
  if (!clash) return me
  const taken = new Set(rivals.map((other) => other.colour.toLowerCase()))
  const start = hashOf(me.userId) % PRESENCE_COLOURS.length
  for (let i = 0; i < PRESENCE_COLOURS.length + rivals.length + 1; i++) {
    const index = i < PRESENCE_COLOURS.length ? (start + i) % PRESENCE_COLOURS.length : i
    const colour = colourAt(index)
    if (!taken.has(colour.toLowerCase())) return { userId: me.userId, colour, since: now }
  }
  return me
}
