import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { appendParagraph, setFragmentFromJSON, type RichTextJson } from '@hononga/shared'
import { fragmentToHtml, isEmptyRichText, isSafeHref, richTextToHtml } from './staticRichText'

const doc = (...content: RichTextJson[]): RichTextJson => ({ type: 'doc', content })
const paragraph = (...content: RichTextJson[]): RichTextJson => ({ type: 'paragraph', content })
const text = (value: string, marks?: RichTextJson['marks']): RichTextJson =>
  marks ? { type: 'text', text: value, marks } : { type: 'text', text: value }

function newFragment(): Y.XmlFragment {
  return new Y.Doc().getXmlFragment('text')
}

describe('static rich text', () => {
  it('renders a fragment as the editor shows it: paragraphs, marks, lists', () => {
    const fragment = newFragment()
    setFragmentFromJSON(
      fragment,
      doc(
        paragraph(text('Kia '), text('kaha', [{ type: 'bold' }]), text(' te '), text('hapori', [{ type: 'italic' }])),
        {
          type: 'bulletList',
          content: [
            { type: 'listItem', content: [paragraph(text('Whānau'))] },
            { type: 'listItem', content: [paragraph(text('Iwi'))] },
          ],
        },
        { type: 'orderedList', attrs: { start: 3 }, content: [{ type: 'listItem', content: [paragraph(text('Third'))] }] },
      ),
    )
    const html = fragmentToHtml(fragment)
    expect(html).toBe(
      '<p>Kia <strong>kaha</strong> te <em>hapori</em></p>' +
        '<ul><li><p>Whānau</p></li><li><p>Iwi</p></li></ul>' +
        '<ol start="3"><li><p>Third</p></li></ol>',
    )
  })

  it('nests overlapping marks the way ProseMirror does', () => {
    const html = richTextToHtml(doc(paragraph(text('a', [{ type: 'bold' }]), text('b', [{ type: 'bold' }, { type: 'italic' }]))))
    expect(html).toBe('<p><strong>a<em>b</em></strong></p>')
  })

  it('escapes text, so what people typed is never markup', () => {
    const fragment = newFragment()
    appendParagraph(fragment, '<script>alert("hi")</script> & <img src=x onerror=alert(1)>')
    expect(fragmentToHtml(fragment)).toBe('<p>&lt;script&gt;alert("hi")&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;</p>')
  })

  it('keeps safe links and escapes their attributes', () => {
    const html = richTextToHtml(doc(paragraph(text('plan', [{ type: 'link', attrs: { href: 'https://example.nz/?a=1&b="2"' } }]))))
    expect(html).toContain('href="https://example.nz/?a=1&amp;b=&quot;2&quot;"')
    expect(html).toContain('>plan</a>')
    expect(html).not.toMatch(/href="[^"]*"[^>]*"2"/)
  })

  it('drops script and data addresses from links, however they are spelt', () => {
    for (const href of ['javascript:alert(1)', ' JavaScript:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<b>x</b>', 'vbscript:x']) {
      const html = richTextToHtml(doc(paragraph(text('click', [{ type: 'link', attrs: { href } }]))))
      // Tiptap's link already empties an unsafe address; the renderer would drop it besides.
      expect(html, href).not.toMatch(/href="[^"]/)
      expect(html, href).not.toMatch(/script|data:/i)
      expect(html, href).toContain('>click</a>')
    }
    for (const href of ['javascript:alert(1)', 'java\nscript:x', 'DATA:text/html,x']) expect(isSafeHref(href), href).toBe(false)
    expect(isSafeHref('mailto:kaiarahi@example.nz')).toBe(true)
    expect(isSafeHref('/plans/abc')).toBe(true)
  })

  it('gives empty paragraphs a line, and nothing for an empty text', () => {
    expect(richTextToHtml(doc(paragraph()))).toBe('<p><br></p>')
    expect(fragmentToHtml(newFragment())).toBe('')
    expect(isEmptyRichText(doc())).toBe(true)
    expect(isEmptyRichText(doc(paragraph()))).toBe(true)
    expect(isEmptyRichText(doc(paragraph(text('x'))))).toBe(false)
  })

  it('renders hard breaks, headings and code', () => {
    const html = richTextToHtml(
      doc(
        { type: 'heading', attrs: { level: 2 }, content: [text('Title')] },
        paragraph(text('one'), { type: 'hardBreak' }, text('two', [{ type: 'code' }])),
      ),
    )
    expect(html).toBe('<h2>Title</h2><p>one<br><code>two</code></p>')
  })

  it('leaves out content outside the schema instead of failing', () => {
    expect(richTextToHtml({ type: 'doc', content: [{ type: 'iframe' }] })).toBe('')
  })
})
