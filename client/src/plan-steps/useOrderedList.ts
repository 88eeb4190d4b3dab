import { useCallback, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { MoveDirection } from './ItemControls'

/** Where an item goes: right after `after`, or first when `null` (the shared mutators' MoveTo). */
export type MoveItem<Id extends string> = (id: Id, after: Id | null) => void

/**
 * The behaviour an ordered list of plan items shares (focus areas, conditions, actions,
 * measures): moving by one place with ids (so others' concurrent moves and edits survive),
 * putting focus back after a move, focusing a newly added item, confirming removal and
 * telling screen-reader users what happened.
 */
export function useOrderedList<Id extends string>({
  ids,
  titleOf,
  move,
  remove,
}: {
  /** Item ids in display order, as rendered now. */
  ids: readonly Id[]
  /** An item's title as people see it (for announcements). */
  titleOf: (id: Id) => string
  move: MoveItem<Id>
  remove: (id: Id) => void
}) {
  const { t } = useTranslation('steps')
  const [announcement, setAnnouncement] = useState('')
  const [moved, setMoved] = useState<{ id: Id; direction: MoveDirection } | null>(null)
  const [added, setAdded] = useState<Id | null>(null)
  const [removing, setRemoving] = useState<Id | null>(null)
  const addButton = useRef<HTMLButtonElement>(null)

  const handleMove = (id: Id, direction: MoveDirection) => {
    const index = ids.indexOf(id)
    if (index < 0) return
    if (direction === 'up' ? index === 0 : index === ids.length - 1) return
    try {
      move(id, direction === 'up' ? (index >= 2 ? ids[index - 2]! : null) : ids[index + 1]!)
    } catch {
      // Removed on another device a moment ago: the list re-renders without it.
      return
    }
    const position = direction === 'up' ? index : index + 2
    setMoved({ id, direction })
    setAnnouncement(t('common.moved', { title: titleOf(id), position, total: ids.length }))
  }

  const handleFocusRestored = useCallback(() => setMoved(null), [])

  // No announcement: focus moves to the new item's title field, which says what it is.
  const handleAdded = (id: Id) => setAdded(id)

  const handleConfirmRemove = () => {
    if (removing === null) return
    const title = titleOf(removing)
    try {
      remove(removing)
    } catch {
      // Someone else removed it first: it is gone either way.
    }
    setRemoving(null)
    setAnnouncement(t('common.removed', { title }))
    // The dialog hands focus back to the Remove button, which is gone: go to "Add" instead.
    requestAnimationFrame(() => addButton.current?.focus())
  }

  return {
    announcement,
    /** The item whose move button should get focus back, and which one. */
    restoreFocusFor: (id: Id): MoveDirection | null => (moved?.id === id ? moved.direction : null),
    handleFocusRestored,
    handleMove,
    /** The item just added by this person (its title field takes focus). */
    added,
    handleAdded,
    removing,
    askRemove: setRemoving as (id: Id | null) => void,
    handleConfirmRemove,
    addButton,
  }
}

/**
 * What an item card needs from its list to draw its move and remove controls. The same
 * object from render to render (while the number of items stays), so that memoised cards
 * do not re-render when the list does.
 */
export interface ItemListControls<Id extends string> {
  total: number
  onMove: (id: Id, direction: MoveDirection) => void
  onRemove: (id: Id) => void
  onFocusRestored: () => void
}

/** Stable {@link ItemListControls} over the latest `list` (from {@link useOrderedList}). */
export function useItemListControls<Id extends string>(list: ReturnType<typeof useOrderedList<Id>>, total: number): ItemListControls<Id> {
  const latest = useRef(list)
  latest.current = list
  return useMemo(
    () => ({
      total,
      onMove: (id: Id, direction: MoveDirection) => latest.current.handleMove(id, direction),
      onRemove: (id: Id) => latest.current.askRemove(id),
      onFocusRestored: () => latest.current.handleFocusRestored(),
    }),
    [total],
  )
}
