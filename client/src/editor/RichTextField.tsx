import { memo, useCallback, useEffect, useRef, useState, useSyncExternalStore, type MouseEvent } from 'react'
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
 * document) until the person focuses or presses it, then a Tiptap editor in its place, with
 * the caret where they pressed (or at the start, arriving by Tab), closed again a few seconds
 * after they leave it. A plan of 40 actions has 160 of these; only the one being written in
 * costs an editor. The static text is a focusable textbox with the field's name, so Tab,
 * screen readers, find-in-page and print treat it as the field it is. Viewers only ever get
 * the static text. Others' carets show in open editors only.
 */
export const RichTextField = memo(function RichTextField(props: RichTextEditorProps) {
  const { editable } = props
  const [openAt, setOpenAt] = useState<OpenAt | null>(null)
  const closeTimer = useRef<ReturnType<typeof setTimeout> | null>(null)

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
  const handleLeave = () => {
    cancelClose()
    closeTimer.current = setTimeout(() => setOpenAt(null), CLOSE_EDITOR_AFTER_MS)
  }

  if (editable && openAt) return <RichTextEditor {...props} openAt={openAt} onLeave={handleLeave} onEnter={cancelClose} />
  return <StaticRichText {...props} onOpen={editable ? open : undefined} />
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
}: RichTextEditorProps & { onOpen?: (at: OpenAt) => void }) {
  const { t } = useTranslation('steps')
  const { html, empty } = useFragmentHtml(fragment)
  const shownPlaceholder = editable ? (placeholder ?? t('editor.placeholder')) : t('editor.emptyReadOnly')

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
          onMouseDown={handleMouseDown}
          onFocus={handleFocus}
          dangerouslySetInnerHTML={{ __html: html }}
        />
      </div>
    </div>
  )
}
