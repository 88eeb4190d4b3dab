import { useEffect, useId, useLayoutEffect, useMemo, useRef, type FocusEvent, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Extension, type EditorEvents } from '@tiptap/core'
import { TextSelection } from '@tiptap/pm/state'
import { EditorContent, useEditor } from '@tiptap/react'
import Collaboration from '@tiptap/extension-collaboration'
import CollaborationCaret from '@tiptap/extension-collaboration-caret'
import { ySyncPluginKey } from '@tiptap/y-tiptap'
import * as Y from 'yjs'
import { historyThatRecordsNothing, richTextExtensions } from '@hononga/shared'
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

/**
 * Where the caret goes when an editor opens in place of the text shown as it is: at the
 * start (Tab), at the end (the label), or where the pointer pressed, as an offset from the
 * top left of the text (the editor shows the same text in the same place); or, for a mouse
 * pointer arriving over the text, nowhere yet: the editor is ready before the press, so the
 * press, a double click or a drag selects as in any editor.
 */
export type OpenAt = { at: 'start' | 'end' } | { at: 'point'; x: number; y: number } | { at: 'hover' }

interface OpenEditorProps extends RichTextEditorProps {
  /** Focus the editor as it mounts, with the caret here. */
  openAt?: OpenAt
  /** Focus went somewhere outside this editor and its toolbar. */
  onLeave?: () => void
  /** Focus came back into this editor or its toolbar. */
  onEnter?: () => void
  /** A pointer came over the editor, or left it. */
  onPointerEnter?: () => void
  onPointerLeave?: () => void
}

/**
 * Undo and redo go to the person's one history for the whole plan (the session's), which
 * outlives this editor. Above Collaboration's own shortcuts, whose history is kept empty.
 */
function sessionUndo(session: PlanSession) {
  return Extension.create({
    name: 'hononga-session-undo',
    priority: 1000,
    addKeyboardShortcuts() {
      const undo = () => {
        session.undoManager.undo()
        return true
      }
      const redo = () => {
        session.undoManager.redo()
        return true
      }
      return { 'Mod-z': undo, 'Mod-y': redo, 'Shift-Mod-z': redo }
    },
  })
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
 * labelled by name in their colour. Undo and redo (toolbar, Ctrl/Cmd+Z) go to the person's
 * one history for the whole plan: only their own changes, and it survives the editor
 * closing. The editor never writes on mount: an empty fragment stays empty until someone
 * types. Read-only for viewers, who still see others' carets. Plan steps show
 * {@link RichTextField} instead, which mounts this editor only while the text is worked on.
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
  openAt,
  onLeave,
  onEnter,
  onPointerEnter,
  onPointerLeave,
}: OpenEditorProps) {
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
      // The editor's own history is a manager of an unused document: it records nothing, so
      // every change goes to the session's history alone (planSession.ts tracks y-tiptap's origin).
      Collaboration.configure({ fragment, yUndoOptions: { undoManager: historyThatRecordsNothing() } }),
      sessionUndo(session),
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

  // What the person writes here, kept outside the document in case the item is removed.
  const writing = useWritingReporter(typeof visibleLabel === 'string' ? visibleLabel : label)
  // Before the editor takes focus on mounting (below), so that the focus is reported.
  useLayoutEffect(() => {
    const text = () => editor.getText({ blockSeparator: '\n\n' })
    const handleFocus = () => {
      // Typing here is a change of its own in the person's history, apart from the last field's.
      session.undoManager.stopCapturing()
      writing.focused(text())
    }
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
  }, [editor, writing, session])

  // Opened in place of the static text: take focus now, in the same task as the key or press
  // that opened it, so that nothing typed next is lost.
  const openedAt = useRef(openAt)
  useLayoutEffect(() => {
    const at = openedAt.current
    if (!at || at.at === 'hover' || editor.isDestroyed) return
    const view = editor.view
    const doc = view.state.doc
    let selection = at.at === 'end' ? TextSelection.atEnd(doc) : TextSelection.atStart(doc)
    if (at.at === 'point') {
      const box = view.dom.getBoundingClientRect()
      const found = view.posAtCoords({ left: box.left + at.x, top: box.top + at.y })
      if (found) selection = TextSelection.near(doc.resolve(found.pos))
    }
    view.dispatch(view.state.tr.setSelection(selection))
    view.focus()
  }, [editor])

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

  const handleFocus = () => onEnter?.()
  const handleBlur = (event: FocusEvent<HTMLDivElement>) => {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) onLeave?.()
  }

  return (
    <div
      className={['rich-text', editable ? 'is-editable' : 'is-readonly'].join(' ')}
      onFocus={handleFocus}
      onBlur={handleBlur}
      onPointerEnter={onPointerEnter}
      onPointerLeave={onPointerLeave}
    >
      {!hideLabel && (
        // Not a <label>: a contenteditable is not labelable. The name comes from aria-label.
        <div className="rich-text-label" onClick={handleLabelClick}>
          {visibleLabel ?? label}
        </div>
      )}
      {editable && <EditorToolbar editor={editor} undoManager={session.undoManager} label={label} controls={editorId} />}
      <EditorContent editor={editor} className="rich-text-content" />
    </div>
  )
}
