import { useEffect, useId, useMemo, useRef, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { EditorEvents } from '@tiptap/core'
import { EditorContent, useEditor } from '@tiptap/react'
import Collaboration from '@tiptap/extension-collaboration'
import CollaborationCaret from '@tiptap/extension-collaboration-caret'
import { ySyncPluginKey, yUndoPluginKey } from '@tiptap/y-tiptap'
import type * as Y from 'yjs'
import { richTextExtensions } from '@hononga/shared'
import type { PlanSession } from '../sync/planSession'
import { EditorToolbar } from './EditorToolbar'
import { LiveAttributes, type LiveAttributeValues } from './liveAttributes'
import { useWritingReporter } from './writingScope'
import './editor.css'

export interface RichTextEditorProps {
  /** The shared rich text this editor binds to. */
  fragment: Y.XmlFragment
  session: PlanSession
  /** The editable area's accessible name, e.g. "Outcome for Youth mentoring". */
  label: string
  editable: boolean
  /** Prompt shown while the text is empty (editable only). */
  placeholder?: string
  /** The label shown above the editor; defaults to `label`. Keep `label` containing its words. */
  visibleLabel?: ReactNode
  /** Shows no label above (the surrounding heading already says what the text is). */
  hideLabel?: boolean
  /** Ids of elements describing the text, for screen readers. */
  describedBy?: string
}

/** The person's name and caret colour, as the session announced them to others. */
function localUser(session: PlanSession): { name: string; color: string } {
  const user = session.provider.awareness.getLocalState()?.user as { name?: unknown; color?: unknown } | undefined
  return {
    name: typeof user?.name === 'string' ? user.name : '',
    color: typeof user?.color === 'string' ? user.color : '#1b1b1b',
  }
}

/**
 * A rich text editor bound to one shared fragment of the plan, with everyone's carets
 * labelled by name in their colour. Undo and redo (toolbar, Ctrl/Cmd+Z) only ever undo this
 * person's own typing here. The editor never writes on mount: an empty fragment stays empty
 * until someone types. Read-only for viewers, who still see others' carets.
 */
export function RichTextEditor({
  fragment,
  session,
  label,
  editable,
  placeholder,
  visibleLabel,
  hideLabel,
  describedBy,
}: RichTextEditorProps) {
  const { t } = useTranslation('steps')
  const editorId = useId()
  const live = useRef<LiveAttributeValues>({ label, editable, placeholder: '' })
  live.current = {
    label,
    editable,
    describedBy,
    placeholder: editable ? (placeholder ?? t('editor.placeholder')) : t('editor.emptyReadOnly'),
  }

  const extensions = useMemo(
    () => [
      ...richTextExtensions,
      Collaboration.configure({ fragment }),
      CollaborationCaret.configure({ provider: session.provider, user: localUser(session) }),
      LiveAttributes.configure({ read: () => live.current }),
    ],
    [fragment, session],
  )

  const editor = useEditor(
    {
      extensions,
      editable,
      // The page's CSP allows no inline <style>: Tiptap's base styles are in editor.css.
      injectCSS: false,
      editorProps: {
        attributes: { id: editorId, role: 'textbox', 'aria-multiline': 'true', class: 'rich-text-input' },
      },
    },
    [extensions],
  )

  // A restore wrote over this text: undoing what the person typed before it would re-insert
  // that text beside the restored words (for everyone). Undo starts afresh from the restore.
  useEffect(
    () =>
      session.onRestore(() => {
        if (!editor.isDestroyed) yUndoPluginKey.getState(editor.state)?.undoManager.clear()
      }),
    [editor, session],
  )

  // What the person writes here, kept outside the document in case the item is removed.
  const writing = useWritingReporter(typeof visibleLabel === 'string' ? visibleLabel : label)
  useEffect(() => {
    const text = () => editor.getText({ blockSeparator: '\n\n' })
    const handleFocus = () => writing.focused(text())
    const handleBlur = () => writing.blurred()
    const handleUpdate = ({ transaction }: EditorEvents['update']) => {
      // Changes arriving from others are not this person's writing.
      const meta = transaction.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined
      if (meta?.isChangeOrigin) return
      if (editor.isFocused) writing.typed(text())
    }
    editor.on('focus', handleFocus)
    editor.on('blur', handleBlur)
    editor.on('update', handleUpdate)
    return () => {
      editor.off('focus', handleFocus)
      editor.off('blur', handleBlur)
      editor.off('update', handleUpdate)
    }
  }, [editor, writing])

  // Role changes (a viewer made editor, or the other way) apply to the open editor.
  useEffect(() => {
    if (editor.isDestroyed) return
    if (editor.isEditable !== editable) editor.setEditable(editable, false)
    // Re-reads the live attributes (the label follows the item's title).
    else editor.setOptions({})
  }, [editor, editable, label, placeholder, describedBy, t])

  const handleLabelClick = () => {
    if (editable) editor.commands.focus()
  }

  return (
    <div className={['rich-text', editable ? 'is-editable' : 'is-readonly'].join(' ')}>
      {!hideLabel && (
        // Not a <label>: a contenteditable is not labelable. The name comes from aria-label.
        <div className="rich-text-label" onClick={handleLabelClick}>
          {visibleLabel ?? label}
        </div>
      )}
      {editable && <EditorToolbar editor={editor} label={label} controls={editorId} />}
      <EditorContent editor={editor} className="rich-text-content" />
    </div>
  )
}
