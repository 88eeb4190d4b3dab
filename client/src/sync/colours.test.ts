import { describe, expect, it } from 'vitest'
import { chooseColour, colourFor, contrastWithWhite, extraColour, PRESENCE_COLOURS, type HeldColour } from './colours'

/** Ids whose hashed colours collide: several people who would all start on one colour. */
function idsStartingOn(colour: string, count: number): string[] {
  const ids: string[] = []
  for (let i = 0; ids.length < count && i < 100_000; i++) if (colourFor(`user-${i}`) === colour) ids.push(`user-${i}`)
  return ids
}

/** Everyone re-chooses, in turn, until nobody changes (bounded): what presence converges to. */
function settle(people: HeldColour[], now: number): HeldColour[] {
  let current = people
  for (let round = 0; round < 50; round++) {
    let changed = false
    current = current.map((person, index) => {
      const next = chooseColour(
        person,
        current.filter((_, other) => other !== index),
        now + round,
      )
      if (next.colour !== person.colour) changed = true
      return next
    })
    if (!changed) return current
  }
  throw new Error('colours did not settle')
}

describe('presence colours', () => {
  it('every palette colour, and every extra one, carries white text at 4.5:1 or more', () => {
    for (const colour of PRESENCE_COLOURS) expect(contrastWithWhite(colour)).toBeGreaterThanOrEqual(4.5)
    for (let n = 0; n < 40; n++) expect(contrastWithWhite(extraColour(n))).toBeGreaterThanOrEqual(4.5)
  })

  it('keeps a colour nobody else holds, and gives way to whoever held it first', () => {
    const [first, second] = idsStartingOn(PRESENCE_COLOURS[0], 2) as [string, string]
    const early: HeldColour = { userId: second, colour: PRESENCE_COLOURS[0], since: 100 }
    const late: HeldColour = { userId: first, colour: PRESENCE_COLOURS[0], since: 200 }
    expect(chooseColour(early, [late], 300)).toBe(early)
    const moved = chooseColour(late, [early], 300)
    expect(moved.colour).not.toBe(PRESENCE_COLOURS[0])
    expect(moved.since).toBe(300)
    // Another tab of the same person is no rival.
    expect(chooseColour(late, [{ ...late, since: 1 }], 300)).toBe(late)
  })

  it('gives twelve people who all hash to one colour twelve different colours', () => {
    const ids = idsStartingOn(PRESENCE_COLOURS[3], 12)
    expect(ids).toHaveLength(12)
    const settled = settle(
      ids.map((userId, i) => ({ userId, colour: colourFor(userId), since: 1_000 + (i % 3) })),
      5_000,
    )
    expect(new Set(settled.map((person) => person.colour)).size).toBe(12)
    // The one with the earliest claim (and smallest id among those) kept their colour.
    const keeper = [...settled].sort((a, b) => a.since - b.since || a.userId.localeCompare(b.userId))[0]!
    expect(keeper.colour).toBe(PRESENCE_COLOURS[3])
  })
})
