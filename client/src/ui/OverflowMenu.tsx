import { useEffect, useId, useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react'
import { DisclosureButton } from './DisclosureButton'
import './overflowMenu.css'

/** What in the panel can take focus, in order (arrow keys move through these). */
const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled])'

/**
 * A toolbar's secondary actions: shown inline where there is room (`collapsed` false), or behind
 * a "More" disclosure button (the WAI-ARIA disclosure pattern: `aria-expanded`, `aria-controls`)
 * whose panel lists them. In the panel, ↑/↓ (and Home/End) move between the actions, Escape
 * closes it and puts focus back on the button, and so do a click elsewhere and activating an
 * action (a nested disclosure, such as Export, opens in place instead).
 *
 * The panel stays mounted while closed, only hidden: the actions own dialogs of their own
 * (plan settings, the join code) that must survive the panel closing, and a download link
 * removed during its own click would cancel the download. Hidden with `visibility` rather than
 * `display`, so that a modal `<dialog>` inside it can still show itself (see overflowMenu.css).
 * When a dialog opened from the panel closes, focus would go back to its (hidden) button: it
 * goes to the "More" button instead.
 */
export function OverflowMenu({ label, collapsed, children }: { label: string; collapsed: boolean; children: ReactNode }) {
  const [open, setOpen] = useState(false)
  const panelId = useId()
  const button = useRef<HTMLButtonElement>(null)
  const panel = useRef<HTMLDivElement>(null)
  const container = useRef<HTMLDivElement>(null)

  useEffect(() => {
    if (!open) return
    const handlePointerDown = (event: PointerEvent) => {
      const target = event.target as Node
      // A dialog opened from the panel lives inside it in the tree; clicks in it are not "elsewhere".
      if (!container.current?.contains(target)) setOpen(false)
    }
    document.addEventListener('pointerdown', handlePointerDown)
    return () => document.removeEventListener('pointerdown', handlePointerDown)
  }, [open])

  useEffect(() => {
    if (!collapsed) return
    // `close` does not bubble: listen in the capture phase for any dialog on the page.
    const handleDialogClose = () => {
      window.setTimeout(() => {
        const active = document.activeElement
        const lost = !active || active === document.body || (panel.current?.contains(active) && !panel.current.checkVisibility())
        if (lost && panel.current?.dataset.used === 'true') button.current?.focus()
        if (panel.current) delete panel.current.dataset.used
      }, 0)
    }
    document.addEventListener('close', handleDialogClose, true)
    return () => document.removeEventListener('close', handleDialogClose, true)
  }, [collapsed])

  if (!collapsed) return <div className="overflow-inline">{children}</div>

  const items = () => [...(panel.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])].filter((item) => !item.closest('dialog'))

  function handleKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (!open || (event.target as HTMLElement).closest('dialog')) return
    if (event.key === 'Escape') {
      event.stopPropagation()
      setOpen(false)
      button.current?.focus()
      return
    }
    if (!panel.current?.contains(event.target as Node)) return
    // Arrow keys inside a field move its caret or value, not between actions.
    if ((event.target as HTMLElement).matches('input, select, textarea')) return
    const list = items()
    const index = list.indexOf(event.target as HTMLElement)
    const next =
      event.key === 'ArrowDown'
        ? list[(index + 1) % list.length]
        : event.key === 'ArrowUp'
          ? list[(index - 1 + list.length) % list.length]
          : event.key === 'Home'
            ? list[0]
            : event.key === 'End'
              ? list[list.length - 1]
              : undefined
    if (!next) return
    event.preventDefault()
    next.focus()
  }

  function handleClick(event: MouseEvent<HTMLDivElement>) {
    const action = (event.target as HTMLElement).closest('a[href], button')
    if (!action || action.closest('dialog') || action.hasAttribute('aria-expanded')) return
    panel.current!.dataset.used = 'true'
    // A download link stays where it is (hidden) while its download starts.
    setOpen(false)
  }

  return (
    <div className="overflow-menu" ref={container} onKeyDown={handleKeyDown}>
      <DisclosureButton
        ref={button}
        small={false}
        expanded={open}
        controls={panelId}
        onClick={() => {
          const opening = !open
          setOpen(opening)
          // Into the panel at once, so ↓ and Tab go through the actions.
          if (opening) window.requestAnimationFrame(() => items()[0]?.focus())
        }}
      >
        {label}
      </DisclosureButton>
      <div id={panelId} ref={panel} className="overflow-panel" data-open={open} onClick={handleClick}>
        {children}
      </div>
    </div>
  )
}
