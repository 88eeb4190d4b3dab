/** One operation of a Y.Text event's delta. */
export interface TextDeltaOp {
  insert?: string | object | unknown[]
  retain?: number
  delete?: number
}

/**
 * Where a position in a text ends up after a change described by `delta` (a Y.Text event's
 * delta, which is relative to the text before the change). Text inserted before the
 * position pushes it right, text deleted before it pulls it left; text inserted exactly at
 * the position goes after it, so a caret stays where the person left it. Positions are
 * UTF-16 indexes, as in both Y.Text and `input.selectionStart`.
 */
export function shiftPosition(position: number, delta: readonly TextDeltaOp[]): number {
  let before = 0 // position in the old text
  let shifted = position
  for (const op of delta) {
    if (before >= position) break
    if (op.retain !== undefined) {
      before += op.retain
    } else if (op.insert !== undefined) {
      shifted += typeof op.insert === 'string' ? op.insert.length : 1
    } else if (op.delete !== undefined) {
      shifted -= Math.min(op.delete, position - before)
      before += op.delete
    }
  }
  return Math.max(0, shifted)
}
