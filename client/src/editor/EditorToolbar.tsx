import { useRef, useState, type KeyboardEvent, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useEditorState, type Editor } from '@tiptap/react'
import type * as Y from 'yjs'

interface ToolbarButton {
  key: 'bold' | 'italic' | 'bulletList' | 'orderedList' | 'undo' | 'redo'
  glyph: ReactNode
  /** Toggles have aria-pressed; undo/redo do not. */
  pressed?: boolean
  disabled?: boolean
  run: () => void
}

/** A 16px line icon (decorative: the button's name says what it does). */
function Icon({ path }: { path: string }) {
  return (
    <svg
      viewBox="0 0 16 16"
      width="16"
      height="16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
      strokeLinecap="round"
      strokeLinejoin="round"
      focusable="false"
    >
      <path d={path} />
    </svg>
  )
}

const ICONS = {
  bulletList: 'M6 4h8M6 8h8M6 12h8M2.5 4h.01M2.5 8h.01M2.5 12h.01',
  orderedList: 'M7 4h7M7 8h7M7 12h7M2 2.5l1-.5v4M1.8 9.2c.4-.6 1.9-.6 1.9.4 0 .7-1.9 1.6-1.9 2.4h2',
  undo: 'M5.5 3.5 2.5 6.5l3 3M2.5 6.5h7a4 4 0 0 1 0 8h-2',
  redo: 'M10.5 3.5l3 3-3 3M13.5 6.5h-7a4 4 0 0 0 0 8h2',
}

/**
 * Formatting and undo for one rich text editor. A single tab stop (WAI-ARIA toolbar pattern):
 * arrow keys, Home and End move between buttons. Undo and redo act on this person's own
 * edits, in the one history they have for the whole plan (`undoManager`, the session's).
 */
export function EditorToolbar({
  editor,
  undoManager,
  label,
  controls,
}: {
  editor: Editor
  undoManager: Y.UndoManager
  label: string
  controls: string
}) {
  const { t } = useTranslation('steps')
  const [active, setActive] = useState(0)
  const refs = useRef<(HTMLButtonElement | null)[]>([])
  const state = useEditorState({
    editor,
    selector: ({ editor: current }) => ({
      bold: current.isActive('bold'),
      italic: current.isActive('italic'),
      bulletList: current.isActive('bulletList'),
      orderedList: current.isActive('orderedList'),
      canUndo: undoManager.canUndo(),
      canRedo: undoManager.canRedo(),
    }),
  })

  const buttons: ToolbarButton[] = [
    { key: 'bold', glyph: 'B', pressed: state.bold, run: () => editor.chain().focus().toggleBold().run() },
    { key: 'italic', glyph: 'I', pressed: state.italic, run: () => editor.chain().focus().toggleItalic().run() },
    {
      key: 'bulletList',
      glyph: <Icon path={ICONS.bulletList} />,
      pressed: state.bulletList,
      run: () => editor.chain().focus().toggleBulletList().run(),
    },
    {
      key: 'orderedList',
      glyph: <Icon path={ICONS.orderedList} />,
      pressed: state.orderedList,
      run: () => editor.chain().focus().toggleOrderedList().run(),
    },
    { key: 'undo', glyph: <Icon path={ICONS.undo} />, disabled: !state.canUndo, run: () => undoManager.undo() },
    { key: 'redo', glyph: <Icon path={ICONS.redo} />, disabled: !state.canRedo, run: () => undoManager.redo() },
  ]

  const handleKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const last = buttons.length - 1
    const next =
      event.key === 'ArrowRight'
        ? active === last
          ? 0
          : active + 1
        : event.key === 'ArrowLeft'
          ? active === 0
            ? last
            : active - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null
    if (next === null) return
    event.preventDefault()
    setActive(next)
    refs.current[next]?.focus()
  }

  return (
    <div
      role="toolbar"
      aria-label={t('editor.toolbar', { label })}
      aria-controls={controls}
      className="rich-text-toolbar"
      onKeyDown={handleKeyDown}
    >
      {buttons.map((button, index) => (
        <button
          key={button.key}
          ref={(element) => {
            refs.current[index] = element
          }}
          type="button"
          className={`rich-text-tool tool-${button.key}`}
          tabIndex={index === active ? 0 : -1}
          aria-label={t(`editor.${button.key}`)}
          title={t(`editor.${button.key}`)}
          aria-pressed={button.pressed}
          // Disabled buttons stay focusable in a toolbar, so arrow keys do not skip them.
          aria-disabled={button.disabled ? true : undefined}
          onFocus={() => setActive(index)}
          // Keeps the editor's selection while the pointer presses a button.
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => {
            if (!button.disabled) button.run()
          }}
        >
          <span aria-hidden="true">{button.glyph}</span>
        </button>
      ))}
    </div>
  )
}
