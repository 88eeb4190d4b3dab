import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { shiftPosition, type TextDeltaOp } from './caretShift'

/** The delta of the change `edit` makes to a text holding `initial`. */
function deltaOf(initial: string, edit: (text: Y.Text) => void): TextDeltaOp[] {
  const doc = new Y.Doc()
  const text = doc.getText('t')
  text.insert(0, initial)
  let delta: TextDeltaOp[] = []
  text.observe((event) => {
    delta = event.delta as TextDeltaOp[]
  })
  edit(text)
  return delta
}

describe('shiftPosition', () => {
  it('moves a caret right by text inserted before it', () => {
    expect(
      shiftPosition(
        5,
        deltaOf('Kia ora', (t) => t.insert(0, 'Tēnā ')),
      ),
    ).toBe(10)
  })

  it('leaves a caret alone for text inserted after it', () => {
    expect(
      shiftPosition(
        3,
        deltaOf('Kia ora', (t) => t.insert(7, ' koutou')),
      ),
    ).toBe(3)
  })

  it('keeps the caret before text inserted exactly at it', () => {
    expect(
      shiftPosition(
        3,
        deltaOf('Kia ora', (t) => t.insert(3, '!')),
      ),
    ).toBe(3)
  })

  it('moves a caret left by text deleted before it, and to the start of a deletion around it', () => {
    expect(
      shiftPosition(
        7,
        deltaOf('Kia ora', (t) => t.delete(0, 4)),
      ),
    ).toBe(3)
    expect(
      shiftPosition(
        5,
        deltaOf('Kia ora', (t) => t.delete(2, 4)),
      ),
    ).toBe(2)
  })

  it('counts UTF-16 units, as inputs do: macrons and emoji shift correctly', () => {
    const delta = deltaOf('ora', (t) => t.insert(0, 'Tēnā 👋 '))
    expect(shiftPosition(3, delta)).toBe(3 + 'Tēnā 👋 '.length)
  })

  it('applies several changes of one transaction in order', () => {
    const delta = deltaOf('abcdef', (t) => {
      t.doc!.transact(() => {
        t.delete(1, 2) // a def
        t.insert(0, 'XY') // XYadef
      })
    })
    expect(shiftPosition(4, delta)).toBe(4) // caret after "abcd" → after "XYad"
  })
})
