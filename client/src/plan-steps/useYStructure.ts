import { useEffect, useReducer } from 'react'
import * as Y from 'yjs'
import { ITEM_KEYS } from '@hononga/shared'

type AnyEvent = Y.YEvent<Y.AbstractType<unknown>>

/** Whether an event is typing inside a text (a title, a rich text): text editors handle those. */
function isTextEvent(event: AnyEvent): boolean {
  return event.target instanceof Y.Text || event.target instanceof Y.XmlFragment
}

/**
 * Re-renders when anything inside `type` changes except text: values, links, nested
 * collections. Typing in a title or an editor inside it does not re-render the component
 * (the text fields update themselves), so a card stays cheap however fast people type.
 */
export function useYStructure<Event>(type: Y.AbstractType<Event> | null | undefined): void {
  const [, bump] = useReducer((n: number) => n + 1, 0)
  useEffect(() => {
    if (!type) return
    const handleChange = (events: AnyEvent[]) => {
      if (events.some((event) => !isTextEvent(event))) bump()
    }
    type.observeDeep(handleChange)
    return () => type.unobserveDeep(handleChange)
  }, [type])
}

/**
 * Re-renders when an ordered collection (focus areas, conditions, actions, measures) gains
 * or loses items or is reordered: its membership, or an item's order key. Edits inside the
 * items leave the list alone; each card observes its own item.
 */
export function useCollectionOrder(collection: Y.Map<unknown> | null | undefined): void {
  const [, bump] = useReducer((n: number) => n + 1, 0)
  useEffect(() => {
    if (!collection) return
    const handleChange = (events: AnyEvent[]) => {
      const reordered = events.some(
        (event) =>
          event.target === collection ||
          (event.target.parent === collection && event instanceof Y.YMapEvent && event.keysChanged.has(ITEM_KEYS.order)),
      )
      if (reordered) bump()
    }
    collection.observeDeep(handleChange)
    return () => collection.unobserveDeep(handleChange)
  }, [collection])
}
