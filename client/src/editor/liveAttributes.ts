import { Extension } from '@tiptap/core'
import type { Node as ProseMirrorNode } from '@tiptap/pm/model'
import { Plugin, PluginKey } from '@tiptap/pm/state'

/** What the editable area says about itself; read on every state update. */
export interface LiveAttributeValues {
  label: string
  editable: boolean
  /** Shown when the text is empty: a prompt when editable, "nothing yet" when not. */
  placeholder: string
  /** Ids of elements that describe the text (e.g. "what it directly produces"). */
  describedBy?: string
}

/** Whether a document holds nothing a person wrote (one empty paragraph, as Tiptap shows an empty fragment). */
export function isEmptyDoc(doc: ProseMirrorNode): boolean {
  if (doc.childCount === 0) return true
  const first = doc.firstChild
  return doc.childCount === 1 && first !== null && first.isTextblock && first.content.size === 0
}

/**
 * Attributes of the editable area that change while it lives: its accessible name (which
 * includes the title of the item it belongs to), read-only state and placeholder, plus an
 * `is-empty` class for the placeholder's CSS. A plugin prop, so ProseMirror keeps them in
 * step with every update; no extra package and no inline styles.
 */
export const LiveAttributes = Extension.create<{ read: () => LiveAttributeValues }>({
  name: 'hononga-live-attributes',
  addOptions() {
    return { read: () => ({ label: '', editable: false, placeholder: '' }) }
  },
  addProseMirrorPlugins() {
    const read = this.options.read
    return [
      new Plugin({
        key: new PluginKey('hononga-live-attributes'),
        props: {
          attributes: (state) => {
            const { label, editable, placeholder, describedBy } = read()
            const empty = isEmptyDoc(state.doc)
            const attributes: Record<string, string> = { 'aria-label': label, 'data-placeholder': placeholder }
            if (describedBy) attributes['aria-describedby'] = describedBy
            if (!editable) attributes['aria-readonly'] = 'true'
            if (editable && placeholder) attributes['aria-placeholder'] = placeholder
            if (empty) attributes.class = 'is-empty'
            return attributes
          },
        },
      }),
    ]
  },
})
