import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PlanSession } from '../sync/planSession'

/**
 * Undo and redo of this person's own changes to the plan: adding, moving, removing items,
 * titles, fields and rich text, in one history (the session's) that outlives any editor.
 * Never anyone else's: the undo manager only tracks local changes. Ctrl/Cmd+Z outside a text
 * field does the same; inside one, the field sends it to the same history.
 */
export function UndoButtons({ session }: { session: PlanSession }) {
  const { t } = useTranslation('workspace')
  const manager = session.undoManager
  const [stacks, setStacks] = useState({ undo: manager.canUndo(), redo: manager.canRedo() })
  useEffect(() => {
    const update = () => setStacks({ undo: manager.canUndo(), redo: manager.canRedo() })
    manager.on('stack-item-added', update)
    manager.on('stack-item-popped', update)
    manager.on('stack-cleared', update)
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null
      if (target && (target.closest('input, textarea, select, [contenteditable="true"]') || target.isContentEditable)) return
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return
      const key = event.key.toLowerCase()
      if (key === 'z' && !event.shiftKey) {
        event.preventDefault()
        manager.undo()
      } else if ((key === 'z' && event.shiftKey) || key === 'y') {
        event.preventDefault()
        manager.redo()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => {
      manager.off('stack-item-added', update)
      manager.off('stack-item-popped', update)
      manager.off('stack-cleared', update)
      window.removeEventListener('keydown', onKey)
    }
  }, [manager])
  return (
    <>
      <button type="button" className="btn" onClick={() => manager.undo()} disabled={!stacks.undo}>
        <span aria-hidden="true">↶ </span>
        {/* Where room is short, "Undo" on screen; the full words stay its accessible name. */}
        <span className="undo-label-long">{t('undo')}</span>
        <span className="undo-label-short" aria-hidden="true">
          {t('undoShort')}
        </span>
      </button>
      <button type="button" className="btn" onClick={() => manager.redo()} disabled={!stacks.redo}>
        <span aria-hidden="true">↷ </span>
        {t('redo')}
      </button>
    </>
  )
}
