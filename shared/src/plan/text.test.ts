import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { replaceText, wellFormed } from './text'
import { syncAll } from './testing'

function textIn(doc: Y.Doc, content: string): Y.Text {
  const text = doc.getText('t')
  text.insert(0, content)
  return text
}

/** The delta of the one change `edit` makes to `text`. */
function deltaOf(text: Y.Text, edit: () => void): unknown {
  let delta: unknown = null
  const observer = (event: Y.YTextEvent) => (delta = event.delta)
  text.observe(observer)
  edit()
  text.unobserve(observer)
  return delta
}

describe('replaceText', () => {
  it('inserts only what is new', () => {
    const text = textIn(new Y.Doc(), 'Whakatāne')
    expect(deltaOf(text, () => replaceText(text, 'Whakatāne District'))).toEqual([{ retain: 9 }, { insert: ' District' }])
    expect(text.toString()).toBe('Whakatāne District')
  })

  it('replaces only the changed middle', () => {
    const text = textIn(new Y.Doc(), 'Ngati Awa hui')
    expect(deltaOf(text, () => replaceText(text, 'Ngāti Awa hui'))).toEqual([{ retain: 2 }, { delete: 1 }, { insert: 'ā' }])
  })

  it('deletes only what is gone', () => {
    const text = textIn(new Y.Doc(), 'youth support programme')
    expect(deltaOf(text, () => replaceText(text, 'youth programme'))).toEqual([{ retain: 6 }, { delete: 8 }])
  })

  it('does nothing when the text is the same', () => {
    const doc = new Y.Doc()
    const text = textIn(doc, 'same')
    let updates = 0
    doc.on('update', () => updates++)
    replaceText(text, 'same')
    expect(updates).toBe(0)
  })

  it('handles repeated letters at the seam', () => {
    const text = textIn(new Y.Doc(), 'aaa')
    replaceText(text, 'aaaa')
    expect(text.toString()).toBe('aaaa')
    replaceText(text, 'a')
    expect(text.toString()).toBe('a')
    replaceText(text, '')
    expect(text.toString()).toBe('')
  })

  it('never splits an emoji', () => {
    const text = textIn(new Y.Doc(), 'hui 😀 pai')
    replaceText(text, 'hui 😁 pai')
    expect(text.toString()).toBe('hui 😁 pai')
    replaceText(text, 'hui \uD83C\uDE01 pai')
    expect(text.toString()).toBe('hui \uD83C\uDE01 pai')
  })

  it('keeps what someone else typed at the same time', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    textIn(a, 'Kaupapa hui')
    syncAll([a, b])
    replaceText(a.getText('t'), 'Kaupapa hui tuatahi')
    b.getText('t').insert(0, 'Te ')
    syncAll([a, b])
    expect(a.getText('t').toString()).toBe('Te Kaupapa hui tuatahi')
    expect(b.getText('t').toString()).toBe('Te Kaupapa hui tuatahi')
  })

  it('works on a text not yet in a document', () => {
    const text = new Y.Text('abc')
    const doc = new Y.Doc()
    doc.getMap('m').set('t', text)
    replaceText(text, 'abd')
    expect(text.toString()).toBe('abd')
  })
})

describe('wellFormed', () => {
  it('replaces lone surrogate halves and keeps pairs', () => {
    expect(wellFormed('a\uD83D b')).toBe('a\uFFFD b')
    expect(wellFormed('\uDE00x')).toBe('\uFFFDx')
    expect(wellFormed('hui 😀 Whakatāne')).toBe('hui 😀 Whakatāne')
  })

  it('guards replaceText, so every device holds the same text', () => {
    const text = textIn(new Y.Doc(), 'kia ora')
    replaceText(text, 'kia \uD83D ora')
    expect(text.toString()).toBe('kia \uFFFD ora')
  })
})
