import { useEffect, useId, useLayoutEffect, useRef, type KeyboardEvent } from 'react'
import type * as Y from 'yjs'
import { replaceText } from '@hononga/shared'
import { shiftPosition, type TextDeltaOp } from './caretShift'
import { useYText } from './useYText'
import { useWritingReporter } from './writingScope'
import './editor.css'

export interface YTextInputProps {
  /** The shared text this field edits. */
  text: Y.Text
  /** The field's accessible name (and its visible label unless `hideLabel`). */
  label: string
  editable: boolean
  /** This person's undo history: Ctrl/Cmd+Z and Ctrl+Shift+Z / Ctrl+Y go to it. */
  undoManager?: Y.UndoManager
  placeholder?: string
  multiline?: boolean
  /**
   * One line of text (a title) that wraps onto more lines as it grows instead of scrolling
   * out of sight: a one-row textarea that sizes to its content, where Enter adds nothing
   * and a pasted line break becomes a space.
   */
  wraps?: boolean
  className?: string
  /** Keeps the label for screen readers only (the context already says what the field is). */
  hideLabel?: boolean
  /** How the text is shown when it cannot be edited. */
  readOnlyAs?: 'h3' | 'h4' | 'p' | 'span' | 'div'
  /** Shown, muted, when the text is empty and cannot be edited. */
  emptyText?: string
  autoFocus?: boolean
  /** Most characters a person can type or paste (titles: MAX_TITLE_CHARS, the server's limit). */
  maxLength?: number
}

/**
 * A plain text field bound to a Y.Text: what a person types goes into the shared text by the
 * smallest edit (so someone else typing elsewhere in the same title is not overwritten), and
 * what others type appears while the caret stays where it was relative to the text.
 *
 * The input is uncontrolled: the Y.Text is the source of truth and the observer writes the
 * DOM value directly, so a remote change never re-renders React or moves the caret.
 */
export function YTextInput(props: YTextInputProps) {
  return props.editable ? <EditableYText {...props} /> : <ReadOnlyYText {...props} />
}

function ReadOnlyYText({ text, readOnlyAs: Tag = 'p', emptyText, placeholder, className }: YTextInputProps) {
  const value = useYText(text)
  const classes = ['ytext-readonly', className].filter(Boolean).join(' ')
  if (value.trim() === '') {
    return <Tag className={`${classes} ytext-empty`}>{emptyText ?? placeholder ?? ''}</Tag>
  }
  return <Tag className={classes}>{value}</Tag>
}

/** A value for a one-line field that wraps: each line break (a paste) becomes a space. */
export function asOneLine(text: string): string {
  return text.replace(/\r\n|[\r\n]/g, ' ')
}

function EditableYText({
  text,
  label,
  undoManager,
  placeholder,
  multiline,
  wraps,
  className,
  hideLabel,
  autoFocus,
  maxLength,
}: YTextInputProps) {
  const id = useId()
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null)
  const writing = useWritingReporter(label)

  // Before paint: bind to the text and show its content.
  useLayoutEffect(() => {
    const field = ref.current
    if (!field) return
    field.value = text.toString()
    const handleTextChange = (event: Y.YTextEvent) => {
      const next = text.toString()
      // This person's own typing: the field already shows it.
      if (field.value === next) return
      const focused = document.activeElement === field
      const { selectionStart, selectionEnd, selectionDirection } = field
      const delta = event.delta as TextDeltaOp[]
      field.value = next
      if (focused && selectionStart !== null && selectionEnd !== null) {
        field.setSelectionRange(shiftPosition(selectionStart, delta), shiftPosition(selectionEnd, delta), selectionDirection ?? undefined)
      }
    }
    text.observe(handleTextChange)
    return () => text.unobserve(handleTextChange)
  }, [text])

  // Undo from the browser's menu or a touch gesture arrives as `beforeinput`, not a key.
  useEffect(() => {
    const field = ref.current
    if (!field || !undoManager) return
    const handleBeforeInput = (event: InputEvent) => {
      if (event.inputType === 'historyUndo' || event.inputType === 'historyRedo') {
        event.preventDefault()
        if (event.inputType === 'historyUndo') undoManager.undo()
        else undoManager.redo()
      }
    }
    field.addEventListener('beforeinput', handleBeforeInput)
    return () => field.removeEventListener('beforeinput', handleBeforeInput)
  }, [undoManager])

  const handleInput = () => {
    const field = ref.current
    if (!field) return
    if (wraps && asOneLine(field.value) !== field.value) {
      const caret = field.selectionStart
      field.value = asOneLine(field.value)
      if (caret !== null) field.setSelectionRange(caret, caret)
    }
    replaceText(text, field.value)
    writing.typed(field.value)
  }

  const handleKeyDown = (event: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    // A title is one line, as in the single-line field it replaces.
    if (wraps && event.key === 'Enter') event.preventDefault()
    if (!undoManager || !(event.ctrlKey || event.metaKey) || event.altKey) return
    const key = event.key.toLowerCase()
    // The browser's own undo would restore a value Yjs no longer has, and fight it.
    if (key === 'z' && !event.shiftKey) {
      event.preventDefault()
      undoManager.undo()
    } else if ((key === 'z' && event.shiftKey) || (key === 'y' && !event.shiftKey)) {
      event.preventDefault()
      undoManager.redo()
    }
  }

  const common = {
    id,
    ref,
    className: ['ytext-input', wraps ? 'ytext-wraps' : '', className].filter(Boolean).join(' '),
    placeholder,
    autoFocus,
    spellCheck: true,
    maxLength,
    onInput: handleInput,
    onKeyDown: handleKeyDown,
    onFocus: () => {
      // Typing here is a change of its own in the person's history, apart from the last field's.
      undoManager?.stopCapturing()
      writing.focused(ref.current?.value ?? '')
    },
    onBlur: () => writing.blurred(),
  }
  return (
    <div className="ytext-field">
      <label htmlFor={id} className={hideLabel ? 'visually-hidden' : 'ytext-label'}>
        {label}
      </label>
      {multiline ? (
        <textarea rows={3} {...common} />
      ) : wraps ? (
        <textarea rows={1} autoComplete="off" {...common} />
      ) : (
        <input type="text" autoComplete="off" {...common} />
      )}
    </div>
  )
}
