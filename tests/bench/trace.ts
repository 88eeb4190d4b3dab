import * as prng from 'lib0/prng'

/** One edit of a text: insert `text` at `pos`, or delete `del` characters at `pos`. */
export type TraceEdit = { pos: number; insert: string } | { pos: number; del: number }

/** Size of the B4 trace of the crdt-benchmarks suite: edits, and the length it ends at. */
export const B4_EDITS = 259_778
export const B4_FINAL_LENGTH = 104_852

/** Mean length of a run of typing, and of a run of backspacing that may follow it. */
const TYPING_RUN = 12
const BACKSPACE_RUN = 6
/** Chance that a typing run starts somewhere else in the text (the cursor jumps). */
const JUMP = 0.05

/**
 * A seeded editing trace shaped like B4 (one person writing a paper): single-character
 * edits, in runs of typing, some followed by runs of backspacing, with the cursor now
 * and then jumping elsewhere. The backspacing rate is chosen so that B4's number of edits
 * ends near B4's final length (inserts - deletes = final length).
 */
export function* b4LikeTrace(edits = B4_EDITS, seed = 4): Generator<TraceEdit> {
  const gen = prng.create(seed)
  const deletesPerInsert = (B4_EDITS - B4_FINAL_LENGTH) / (B4_EDITS + B4_FINAL_LENGTH)
  const backspaceChance = Math.min(1, (deletesPerInsert * TYPING_RUN) / BACKSPACE_RUN)
  const alphabet = 'abcdefghijklmnopqrstuvwxyz āēīōū,.'
  const runLength = (mean: number) => 1 + Math.floor(-Math.log(1 - prng.real53(gen)) * (mean - 1))
  let length = 0
  let cursor = 0
  let produced = 0
  while (produced < edits) {
    if (length > 0 && prng.real53(gen) < JUMP) cursor = prng.uint32(gen, 0, length)
    for (let n = runLength(TYPING_RUN); n > 0 && produced < edits; n--, produced++) {
      yield { pos: cursor, insert: alphabet[prng.uint32(gen, 0, alphabet.length - 1)]! }
      cursor++
      length++
    }
    if (prng.real53(gen) >= backspaceChance) continue
    for (let n = runLength(BACKSPACE_RUN); n > 0 && cursor > 0 && produced < edits; n--, produced++) {
      cursor--
      length--
      yield { pos: cursor, del: 1 }
    }
  }
}
