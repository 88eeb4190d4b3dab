import { getSchema, type AnyExtension } from '@tiptap/core'
import { Node as ProseMirrorNode } from '@tiptap/pm/model'
import StarterKit from '@tiptap/starter-kit'
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap'
import * as Y from 'yjs'
import { LOCAL_ORIGIN, type TxOrigin } from '../origin'
import { wellFormed } from './text'
import type { RichTextJson, RichTextMarkJson } from './richtext-json'

/**
 * The rich text of a plan (descriptions, the environment, the results chain): one Tiptap
 * schema for the editor in the browser and for the server, which renders plans as JSON.
 */

/**
 * The Tiptap extensions whose schema all rich text follows. The client adds Collaboration
 * to this list, which brings its own undo; hence StarterKit's undo/redo is off. The
 * trailing-node plugin is off too: it appends an empty paragraph whenever a text ends in a
 * list, which would write to the shared document the moment an editor merely opens, from
 * every device at once (content appearing on its own is the seeding failure of LESSONS.md).
 */
export const richTextExtensions: AnyExtension[] = [StarterKit.configure({ undoRedo: false, trailingNode: false })]

/**
 * An undo history that records nothing, for a rich-text editor whose changes belong to a
 * history kept elsewhere (the client's one history per person, which tracks the editor's
 * origin). Tiptap's Collaboration needs a `Y.UndoManager` of its own and destroys it with
 * the editor, so each editor gets a fresh one over a document nothing writes to.
 */
export function historyThatRecordsNothing(): Y.UndoManager {
  return new Y.UndoManager(new Y.Doc().getXmlFragment('nothing-is-written-here'))
}

/** The ProseMirror schema of {@link richTextExtensions}; runs in Node too. */
export const richTextSchema = getSchema(richTextExtensions)

/** An empty rich text, as {@link fragmentToJSON} renders an empty fragment. */
export function emptyRichText(): RichTextJson {
  return { type: 'doc', content: [] }
}

// Deeper nesting than this is not something a person wrote; it is cut off when rendering.
const MAX_DEPTH = 64
// y-prosemirror names a mark that can repeat `name--hash`; the mark is `name`.
const HASHED_MARK_NAME = /(.*)(--[a-zA-Z0-9+/=]{8})$/

type AttrValue = string | number | boolean | null

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Plain attribute values only, keys sorted (a Y.Map hands them out in arrival order). */
function cleanAttrs(raw: unknown): Record<string, AttrValue> | undefined {
  if (!isRecord(raw)) return undefined
  const attrs: Record<string, AttrValue> = {}
  for (const key of Object.keys(raw).sort()) {
    const value = raw[key]
    const plain =
      value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))
    if (plain && key !== '__proto__') attrs[key] = value
  }
  return Object.keys(attrs).length > 0 ? attrs : undefined
}

function cleanMarks(raw: unknown): RichTextMarkJson[] {
  if (!Array.isArray(raw)) return []
  const marks: RichTextMarkJson[] = []
  for (const mark of raw) {
    if (!isRecord(mark) || typeof mark.type !== 'string' || !(mark.type in richTextSchema.marks)) continue
    if (marks.some((kept) => kept.type === mark.type)) continue
    const attrs = cleanAttrs(mark.attrs)
    marks.push(attrs ? { type: mark.type, attrs } : { type: mark.type })
  }
  return marks
}

/**
 * Keeps what a ProseMirror node of our schema can be: known node and mark types, plain
 * attributes, non-empty text. Whatever a misbehaving client wrote, the result parses with
 * `Node.fromJSON(richTextSchema, ...)`.
 */
function cleanNodes(raw: unknown, depth: number): RichTextJson[] {
  if (Array.isArray(raw)) return raw.flatMap((node) => cleanNodes(node, depth))
  if (!isRecord(raw) || typeof raw.type !== 'string' || depth > MAX_DEPTH) return []
  if (raw.type === 'text') {
    if (typeof raw.text !== 'string' || raw.text === '') return []
    const marks = cleanMarks(raw.marks)
    return [marks.length > 0 ? { type: 'text', text: raw.text, marks } : { type: 'text', text: raw.text }]
  }
  if (!(raw.type in richTextSchema.nodes) || raw.type === 'doc') return []
  const node: RichTextJson = { type: raw.type }
  const attrs = cleanAttrs(raw.attrs)
  if (attrs) node.attrs = attrs
  const content = cleanNodes(raw.content ?? [], depth + 1)
  if (content.length > 0) node.content = content
  return [node]
}

/** The fallback reader for fragments y-tiptap refuses (a foreign type inside). */
function readLeniently(item: unknown, depth: number): unknown {
  if (depth > MAX_DEPTH) return []
  if (item instanceof Y.XmlText) {
    return item.toDelta().map((op: { insert?: unknown; attributes?: Record<string, unknown> }) => ({
      type: 'text',
      text: op.insert,
      marks: Object.entries(op.attributes ?? {}).map(([name, attrs]) => ({
        type: HASHED_MARK_NAME.exec(name)?.[1] ?? name,
        attrs,
      })),
    }))
  }
  if (item instanceof Y.XmlElement) {
    return {
      type: item.nodeName,
      attrs: item.getAttributes(),
      content: item.toArray().map((child) => readLeniently(child, depth + 1)),
    }
  }
  return []
}

/**
 * A fragment as ProseMirror JSON: `{ type: 'doc', content: [...] }`; an empty fragment
 * gives `content: []`. Never throws: content outside the schema is left out.
 */
export function fragmentToJSON(fragment: Y.XmlFragment): RichTextJson {
  let raw: unknown
  try {
    raw = yXmlFragmentToProsemirrorJSON(fragment).content
  } catch {
    raw = fragment.toArray().map((child) => readLeniently(child, 1))
  }
  return { type: 'doc', content: cleanNodes(raw, 1) }
}

function isInline(node: RichTextJson): boolean {
  return node.type === 'text' || richTextSchema.nodes[node.type]?.isInline === true
}

/** Lines of a block: its inline runs and its child blocks, each on their own line(s). */
function linesOf(nodes: readonly RichTextJson[]): string[] {
  const lines: string[] = []
  let run: string | null = null
  for (const node of nodes) {
    if (isInline(node)) {
      const text = node.type === 'text' ? (node.text ?? '') : node.type === 'hardBreak' ? '\n' : ''
      run = (run ?? '') + text
      continue
    }
    if (run !== null) lines.push(run)
    run = null
    lines.push(...(node.content?.length ? linesOf(node.content) : ['']))
  }
  if (run !== null) lines.push(run)
  return lines
}

/** The text of a fragment, blocks (paragraphs, list items, headings) separated by `\n`. */
export function fragmentToPlainText(fragment: Y.XmlFragment): string {
  return linesOf(fragmentToJSON(fragment).content ?? []).join('\n')
}

/**
 * Replaces the content of `fragment` with `json` (a ProseMirror `doc` of our schema).
 * Throws when `json` does not fit the schema. For the server and scripts; people edit
 * rich text through the editor.
 */
export function setFragmentFromJSON(fragment: Y.XmlFragment, json: RichTextJson, origin: TxOrigin = LOCAL_ORIGIN): void {
  const node = ProseMirrorNode.fromJSON(richTextSchema, json)
  if (node.type !== richTextSchema.topNodeType) throw new Error(`Rich text must be a "doc", got "${node.type.name}"`)
  node.check()
  const apply = () => void prosemirrorJSONToYXmlFragment(richTextSchema, json, fragment)
  if (fragment.doc) fragment.doc.transact(apply, origin)
  else apply()
}

/** Appends a paragraph of plain text to `fragment`. */
export function appendParagraph(fragment: Y.XmlFragment, text: string, origin: TxOrigin = LOCAL_ORIGIN): void {
  if (typeof text !== 'string') throw new Error('Paragraph text must be a string')
  const apply = () => {
    const paragraph = new Y.XmlElement('paragraph')
    // An empty paragraph has no text child, as the editor writes it.
    if (text !== '') paragraph.insert(0, [new Y.XmlText(wellFormed(text))])
    fragment.insert(fragment.length, [paragraph])
  }
  if (fragment.doc) fragment.doc.transact(apply, origin)
  else apply()
}
