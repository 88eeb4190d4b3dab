import { memo, useCallback, useEffect, useRef, useState, useSyncExternalStore, type MouseEvent, type PointerEvent } from 'react'
import { flushSync } from 'react-dom'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { fragmentToJSON } from '@hononga/shared'
import { RichTextEditor, type OpenAt, type RichTextEditorProps } from './RichTextEditor'
import { isEmptyRichText, richTextToHtml } from './staticRichText'
import './editor.css'

/** How long an editor stays open after focus leaves it (coming back within this is instant). */
export const CLOSE_EDITOR_AFTER_MS = 3_000

/** A fragment's content as HTML, kept up to date with the document (here or from others). */
function useFragmentHtml(fragment: Y.XmlFragment): { html: string; empty: boolean } {
  const cache = useRef<{ fragment: Y.XmlFragment; value: { html: string; empty: boolean } } | null>(null)
  const subscribe = useCallback(
    (onChange: () => void) => {
      const handleChange = () => {
        cache.current = null
        onChange()
      }
      fragment.observeDeep(handleChange)
      return () => fragment.unobserveDeep(handleChange)
    },
    [fragment],
  )
  const read = () => {
    if (cache.current?.fragment !== fragment) {
      const json = fragmentToJSON(fragment)
      cache.current = { fragment, value: { html: richTextToHtml(json), empty: isEmptyRichText(json) } }
    }
    return cache.current.value
  }
  return useSyncExternalStore(subscribe, read)
}

/**
 * A rich text of the plan as the plan steps show it: the text as it is (static HTML from the
 * document) until a mouse comes over it or the person focuses or presses it, then a Tiptap
 * editor in its place (with the caret at the start, arriving by Tab; where they pressed, by
 * touch), closed again a few seconds after focus and pointer have left it. A plan of 40 actions has 160 of these; only the one being written in
 * costs an editor. The static text is a focusable textbox with the field's name, so Tab,
 * screen readers, find-in-page and print treat it as the field it is. Viewers only ever get
 * the static text. Others' carets show in open editors only.
 */
export const RichTextField = memo(function RichTextField(props: RichTextEditorProps) {
  const { editable } = props
  const [openAt, setOpenAt] = useState<OpenAt | null>(null)
  const closeTimer = useRef<ReturnType<typeof setTimeout> | null>(null)
  // The editor stays open while it has focus or a mouse pointer is over it.
  const focused = useRef(false)
  const pointerOver = useRef(false)

  const cancelClose = () => {
    if (closeTimer.current !== null) clearTimeout(closeTimer.current)
    closeTimer.current = null
  }
  useEffect(() => cancelClose, [])
  useEffect(() => {
    if (!editable) setOpenAt(null)
  }, [editable])

  // Synchronously, inside the event that asked: the editor has focus before the next key.
  const open = (at: OpenAt) => {
    cancelClose()
    flushSync(() => setOpenAt(at))
  }
  const closeSoon = () => {
    cancelClose()
    if (focused.current || pointerOver.current) return
    closeTimer.current = setTimeout(() => setOpenAt(null), CLOSE_EDITOR_AFTER_MS)
  }
  const handleEnter = () => {
    focused.current = true
    cancelClose()
  }
  const handleLeave = () => {
    focused.current = false
    closeSoon()
  }
  const handlePointerEnter = () => {
    pointerOver.current = true
    cancelClose()
  }
  const handlePointerLeave = () => {
    pointerOver.current = false
    closeSoon()
  }
  // A mouse arriving over the text: the editor is there before the press lands.
  const openForPointer = () => {
    pointerOver.current = true
    open({ at: 'hover' })
  }

  if (editable && openAt)
    return (
      <RichTextEditor
        {...props}
        openAt={openAt}
        onLeave={handleLeave}
        onEnter={handleEnter}
        onPointerEnter={handlePointerEnter}
        onPointerLeave={handlePointerLeave}
      />
    )
  return <StaticRichText {...props} onOpen={editable ? open : undefined} onPointer={editable ? openForPointer : undefined} />
})

function StaticRichText({
  fragment,
  label,
  editable,
  placeholder,
  visibleLabel,
  hideLabel,
  describedBy,
  onOpen,
  onPointer,
}: RichTextEditorProps & { onOpen?: (at: OpenAt) => void; onPointer?: () => void }) {
  const { t } = useTranslation('steps')
  const { html, empty } = useFragmentHtml(fragment)
  const shownPlaceholder = editable ? (placeholder ?? t('editor.placeholder')) : t('editor.emptyReadOnly')

  // A mouse opens the editor as it arrives (see OpenAt); a touch or pen opens it on the press.
  const handlePointerEnter = (event: PointerEvent<HTMLDivElement>) => {
    if (event.pointerType === 'mouse') onPointer?.()
  }
  const handleMouseDown = (event: MouseEvent<HTMLDivElement>) => {
    if (!onOpen || event.button !== 0) return
    // Not the browser's focus: the editor takes it, with the caret where the person pressed.
    event.preventDefault()
    const box = event.currentTarget.getBoundingClientRect()
    onOpen({ at: 'point', x: event.clientX - box.left, y: event.clientY - box.top })
  }
  // Tab (or anything else that focuses it): the editor, caret at the start, as in a textarea.
  const handleFocus = () => onOpen?.({ at: 'start' })

  return (
    <div className={['rich-text', editable ? 'is-editable' : 'is-readonly'].join(' ')}>
      {!hideLabel && (
        <div className="rich-text-label" onClick={() => onOpen?.({ at: 'end' })}>
          {visibleLabel ?? label}
        </div>
      )}
      {/* Keeps the toolbar's place, so that the text does not move when the editor opens. */}
      {editable && <div className="rich-text-toolbar-space" aria-hidden="true" />}
      <div className="rich-text-content">
        <div
          role="textbox"
          aria-multiline="true"
          aria-label={label}
          aria-describedby={describedBy}
          aria-readonly={editable ? undefined : 'true'}
          aria-placeholder={editable ? shownPlaceholder : undefined}
          data-placeholder={shownPlaceholder}
          tabIndex={editable ? 0 : undefined}
          className={['rich-text-input', 'rich-text-static', empty ? 'is-empty' : ''].filter(Boolean).join(' ')}
          onPointerEnter={handlePointerEnter}
          onMouseDown={handleMouseDown}
          onFocus={handleFocus}
          dangerouslySetInnerHTML={{ __html: html }}
        />
      </div>
    </div>
  )
}
