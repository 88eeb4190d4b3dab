import { describe, expect, it } from 'vitest'
import { copiesToDrop, MAX_NOT_SAVED_COPIES } from './notSavedCopies'

const copy = (id: string, savedAt: number) => ({ id, savedAt })

describe('copiesToDrop', () => {
  it('keeps the newest copies and drops the rest, oldest first out', () => {
    const copies = Array.from({ length: MAX_NOT_SAVED_COPIES + 2 }, (_, i) => copy(`c${i}`, 1_000 + i))
    expect(copiesToDrop(copies).sort()).toEqual(['c0', 'c1'])
  })

  it('drops nothing while there are no more than it keeps', () => {
    expect(copiesToDrop([copy('a', 1), copy('b', 2)])).toEqual([])
    expect(copiesToDrop([])).toEqual([])
  })

  it('breaks ties in time by id, so every device drops the same copy', () => {
    const copies = [copy('b', 5), copy('a', 5), copy('c', 5)]
    expect(copiesToDrop(copies, 2)).toEqual(['a'])
    expect(copiesToDrop([...copies].reverse(), 2)).toEqual(['a'])
  })

  it('keeping none drops all', () => {
    expect(copiesToDrop([copy('a', 1), copy('b', 2)], 0).sort()).toEqual(['a', 'b'])
  })
})
