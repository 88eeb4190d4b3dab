import { DOMSerializer, Node as ProseMirrorNode } from '@tiptap/pm/model'
import type * as Y from 'yjs'
import { fragmentToJSON, richTextSchema, type RichTextJson } from '@hononga/shared'

/**
 * Rich text shown as it is, without an editor: the HTML the editor itself would show for the
 * same document (ProseMirror's DOMSerializer over the schema's own `toDOM`), as a string. A
 * plan of 40 actions has 160 rich texts; an editor for each costs memory and work on every
 * keystroke, this costs neither. Find-in-page, print and screen readers read it like the editor.
 *
 * Safe by construction: text and attribute values are escaped, element names come from the
 * schema only, `on…` attributes are never written, and a link keeps its address only when it
 * is http(s), mailto, tel or relative (a misbehaving client may have written `javascript:`).
 */

const VOID_ELEMENTS = new Set(['br', 'hr', 'img'])
// Empty text blocks get a <br> so they keep a line's height, as ProseMirror's own trailing break does.
const TEXT_BLOCKS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre'])
const TAG_NAME = /^[a-z][a-z0-9-]*$/
const ATTRIBUTE_NAME = /^[a-z][a-z0-9-]*$/
const SAFE_URL = /^(?:https?:|mailto:|tel:|[^:]*$)/i

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;').replace(/'/g, '&#39;')
}

/** Whether a link address may be kept: no script or data URLs, whatever the spacing or case. */
export function isSafeHref(href: string): boolean {
  // Browsers ignore control characters and spaces inside a scheme ("java\tscript:").
  const compact = href.replace(/[\u0000-\u0020\u007f-\u009f]/g, '')
  return SAFE_URL.test(compact)
}

/** Just enough of a DOM for DOMSerializer, that prints itself as HTML. */
class HtmlText {
  readonly nodeType = 3
  constructor(readonly text: string) {}
  toHtml(): string {
    return escapeText(this.text)
  }
}

class HtmlElement {
  readonly nodeType = 1
  private readonly attributes: [string, string][] = []
  private readonly children: (HtmlElement | HtmlText)[] = []
  constructor(readonly tagName: string) {
    if (!TAG_NAME.test(tagName)) throw new Error(`Unexpected element <${tagName}>`)
  }
  setAttribute(name: string, value: unknown): void {
    const key = name.toLowerCase()
    if (!ATTRIBUTE_NAME.test(key) || key.startsWith('on') || key === 'style') return
    const text = String(value)
    if ((key === 'href' || key === 'src') && !isSafeHref(text)) return
    this.attributes.push([key, text])
  }
  setAttributeNS(_ns: string, name: string, value: unknown): void {
    this.setAttribute(name, value)
  }
  appendChild(child: HtmlElement | HtmlText): void {
    this.children.push(child)
  }
  toHtml(): string {
    const attributes = this.attributes.map(([key, value]) => ` ${key}="${escapeAttribute(value)}"`).join('')
    if (VOID_ELEMENTS.has(this.tagName)) return `<${this.tagName}${attributes}>`
    const inner =
      this.children.length === 0 && TEXT_BLOCKS.has(this.tagName) ? '<br>' : this.children.map((child) => child.toHtml()).join('')
    return `<${this.tagName}${attributes}>${inner}</${this.tagName}>`
  }
}

class HtmlFragment {
  readonly nodeType = 11
  private readonly children: (HtmlElement | HtmlText)[] = []
  appendChild(child: HtmlElement | HtmlText): void {
    this.children.push(child)
  }
  toHtml(): string {
    return this.children.map((child) => child.toHtml()).join('')
  }
}

const htmlDocument = {
  createDocumentFragment: () => new HtmlFragment(),
  createElement: (tagName: string) => new HtmlElement(tagName.toLowerCase()),
  createElementNS: (_ns: string, tagName: string) => new HtmlElement(tagName.toLowerCase()),
  createTextNode: (text: string) => new HtmlText(text),
}

/** Rich text (ProseMirror JSON of the plan's schema) as HTML; content outside the schema is left out. */
export function richTextToHtml(json: RichTextJson): string {
  let node: ProseMirrorNode
  try {
    node = ProseMirrorNode.fromJSON(richTextSchema, json)
  } catch {
    return ''
  }
  const serializer = DOMSerializer.fromSchema(richTextSchema)
  const target = serializer.serializeFragment(node.content, { document: htmlDocument as unknown as Document }) as unknown as HtmlFragment
  return target.toHtml()
}

/** A shared rich text as HTML, as the editor would show it. */
export function fragmentToHtml(fragment: Y.XmlFragment): string {
  return richTextToHtml(fragmentToJSON(fragment))
}

/** Whether a rich text holds nothing a person wrote (the editor shows its placeholder then). */
export function isEmptyRichText(json: RichTextJson): boolean {
  const content = json.content ?? []
  if (content.length === 0) return true
  const only = content[0]!
  return content.length === 1 && only.type === 'paragraph' && (only.content ?? []).length === 0
}
