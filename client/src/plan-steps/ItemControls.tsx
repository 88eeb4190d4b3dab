import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../ui/Button'

export type MoveDirection = 'up' | 'down'

/**
 * Move up, Move down and Remove for one item of an ordered list. The buttons are described
 * by the item's heading, so "Remove" is never ambiguous to a screen-reader user. After a
 * move the item's DOM node changes place and the browser drops focus: `restoreFocus` puts it
 * back on the button that was pressed (or the other one, at the ends of the list).
 */
export function ItemControls({
  index,
  total,
  describedBy,
  restoreFocus,
  onFocusRestored,
  onMove,
  onRemove,
}: {
  index: number
  total: number
  /** The id of the item's heading. */
  describedBy: string
  restoreFocus: MoveDirection | null
  onFocusRestored: () => void
  onMove: (direction: MoveDirection) => void
  onRemove: () => void
}) {
  const { t } = useTranslation('steps')
  const upRef = useRef<HTMLButtonElement>(null)
  const downRef = useRef<HTMLButtonElement>(null)
  const isFirst = index === 0
  const isLast = index === total - 1

  useEffect(() => {
    if (!restoreFocus) return
    const preferred = restoreFocus === 'up' ? (isFirst ? downRef : upRef) : isLast ? upRef : downRef
    preferred.current?.focus()
    onFocusRestored()
  }, [restoreFocus, isFirst, isLast, onFocusRestored])

  return (
    <div className="item-controls">
      {total > 1 && (
        <>
          {/* Plain buttons: they need refs, which the shared Button does not pass on. */}
          <button
            ref={upRef}
            type="button"
            className="btn btn-secondary btn-small"
            aria-describedby={describedBy}
            disabled={isFirst}
            onClick={() => onMove('up')}
          >
            <span aria-hidden="true">↑</span> {t('common.moveUp')}
          </button>
          <button
            ref={downRef}
            type="button"
            className="btn btn-secondary btn-small"
            aria-describedby={describedBy}
            disabled={isLast}
            onClick={() => onMove('down')}
          >
            <span aria-hidden="true">↓</span> {t('common.moveDown')}
          </button>
        </>
      )}
      <Button variant="quiet" className="btn-small btn-remove" aria-describedby={describedBy} onClick={onRemove}>
        {t('common.remove')}
      </Button>
    </div>
  )
}
