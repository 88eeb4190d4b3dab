import { Node as ProseMirrorNode } from '@tiptap/pm/model'
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import type { RichTextJson } from './json'
import { appendParagraph, fragmentToJSON, fragmentToPlainText, richTextSchema, setFragmentFromJSON } from './richtext'

function fragment(): Y.XmlFragment {
  return new Y.Doc().getXmlFragment('f')
}

const rich: RichTextJson = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Ngā take' }] },
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Whānau ' },
        { type: 'text', text: 'at the centre', marks: [{ type: 'bold' }] },
        { type: 'hardBreak' },
        { type: 'text', text: 'kōrero', marks: [{ type: 'link', attrs: { href: 'https://example.org' } }] },
      ],
    },
    {
      type: 'bulletList',
      content: [
        { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Counselling' }] }] },
        { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Tikanga-based programmes' }] }] },
      ],
    },
    { type: 'paragraph' },
  ],
}

describe('fragmentToJSON', () => {
  it('renders an empty fragment as a doc with no content', () => {
    expect(fragmentToJSON(fragment())).toEqual({ type: 'doc', content: [] })
  })

  it('round-trips rich text set from JSON', () => {
    const f = fragment()
    setFragmentFromJSON(f, rich)
    const json = fragmentToJSON(f)
    expect(json.content?.[0]).toEqual({ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Ngā take' }] })
    expect(json.content?.[1]?.content?.[1]).toEqual({ type: 'text', text: 'at the centre', marks: [{ type: 'bold' }] })
    expect(json.content?.[1]?.content?.[3]?.marks?.[0]).toMatchObject({ type: 'link', attrs: { href: 'https://example.org' } })
    expect(json.content?.[3]).toEqual({ type: 'paragraph' })
    expect(() => ProseMirrorNode.fromJSON(richTextSchema, json).check()).not.toThrow()
  })

  // With a foreign type inside, y-tiptap throws and the lenient reader takes over.
  it.each([false, true])('leaves out what the schema does not know, and never throws (foreign type: %s)', (withHook) => {
    const f = fragment()
    const doc = f.doc!
    doc.transact(() => {
      const unknown = new Y.XmlElement('marquee')
      unknown.insert(0, [new Y.XmlText('blink')])
      const paragraph = new Y.XmlElement('paragraph')
      paragraph.setAttribute('weird', { nested: true } as never)
      paragraph.setAttribute('fine', 'yes')
      const text = new Y.XmlText()
      text.insert(0, 'kept ')
      text.insert(5, 'styled', { bold: {}, sparkle: {}, 'italic--AAAAAAAA': {} })
      text.insertEmbed(11, { image: 'x' })
      paragraph.insert(0, [text])
      f.insert(0, [unknown, paragraph])
      if (withHook) f.insert(1, [new Y.XmlHook('hook') as never])
    })
    const json = fragmentToJSON(f)
    expect(json).toEqual({
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          attrs: { fine: 'yes' },
          content: [
            { type: 'text', text: 'kept ' },
            { type: 'text', text: 'styled', marks: [{ type: 'bold' }, { type: 'italic' }] },
          ],
        },
      ],
    })
    expect(() => ProseMirrorNode.fromJSON(richTextSchema, json)).not.toThrow()
  })

  it('cuts off absurd nesting instead of overflowing the stack', () => {
    const f = fragment()
    f.doc!.transact(() => {
      let outer = new Y.XmlElement('blockquote')
      f.insert(0, [outer])
      for (let i = 0; i < 5000; i++) {
        const inner = new Y.XmlElement('blockquote')
        outer.insert(0, [inner])
        outer = inner
      }
    })
    expect(() => fragmentToJSON(f)).not.toThrow()
    expect(fragmentToJSON(f).content).toHaveLength(1)
  })
})

describe('fragmentToPlainText', () => {
  it('puts each block on its own line', () => {
    const f = fragment()
    setFragmentFromJSON(f, rich)
    expect(fragmentToPlainText(f)).toBe('Ngā take\nWhānau at the centre\nkōrero\nCounselling\nTikanga-based programmes\n')
  })

  it('is empty for an empty fragment', () => {
    expect(fragmentToPlainText(fragment())).toBe('')
  })
})

describe('setFragmentFromJSON', () => {
  it('replaces what was there', () => {
    const f = fragment()
    appendParagraph(f, 'old')
    setFragmentFromJSON(f, { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'new' }] }] })
    expect(fragmentToPlainText(f)).toBe('new')
  })

  it('refuses JSON outside the schema', () => {
    const f = fragment()
    expect(() => setFragmentFromJSON(f, { type: 'doc', content: [{ type: 'marquee' }] })).toThrow()
    expect(() => setFragmentFromJSON(f, { type: 'paragraph' })).toThrow(/doc/)
    expect(() => setFragmentFromJSON(f, { type: 'doc', content: [{ type: 'text', text: 'bare' }] })).toThrow()
    expect(f.length).toBe(0)
  })
})

describe('appendParagraph', () => {
  it('appends plain paragraphs, macrons intact', () => {
    const f = fragment()
    appendParagraph(f, 'Kia ora koutou')
    appendParagraph(f, '')
    appendParagraph(f, 'Ōpōtiki')
    expect(fragmentToJSON(f)).toEqual({
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'Kia ora koutou' }] },
        { type: 'paragraph' },
        { type: 'paragraph', content: [{ type: 'text', text: 'Ōpōtiki' }] },
      ],
    })
    expect(fragmentToPlainText(f)).toBe('Kia ora koutou\n\nŌpōtiki')
  })
})
