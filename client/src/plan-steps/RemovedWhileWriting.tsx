import { useEffect, useId, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { WritingTracker, type FieldWriting } from '../editor/writingScope'
import type { PlanSession } from '../sync/planSession'
import './removedWhileWriting.css'

/** The kinds of item whose removal is told to whoever is writing in them (their strings live under `steps:removedWhileWriting`). */
export type RemovableKind = 'focusAreas' | 'conditions' | 'actions' | 'measures'

/** An item someone else removed while this person was writing in it, with what they had written. */
export interface RemovedWhileWriting {
  id: string
  title: string
  /** Who removed it, when their presence said so; null when it cannot be told. */
  by: string | null
  fields: FieldWriting[]
}

/** Presence field by which a person says which item they are removing (so others can name them). */
const REMOVING_FIELD = 'removing'

/**
 * Tells the others in the plan, through presence, that this person is removing an item,
 * just before removing it: someone writing in it can then be told who removed it. Presence
 * arrives ahead of the edit (the server relays presence at once, edits once stored).
 */
export function announceRemoval(session: PlanSession, itemId: string): void {
  session.provider.awareness.setLocalStateField(REMOVING_FIELD, { id: itemId, at: Date.now() })
}

/** The name (from the server's record, in presence) of whoever announced removing `itemId`. */
function removerOf(session: PlanSession, itemId: string): string | null {
  for (const [clientId, state] of session.provider.awareness.getStates()) {
    if (clientId === session.doc.clientID) continue
    const removing = (state as { removing?: { id?: unknown } }).removing
    const name = (state as { user?: { name?: unknown } }).user?.name
    if (removing?.id === itemId && typeof name === 'string') return name
  }
  return null
}

/**
 * Watches a collection of plan items (focus areas, conditions, actions, an action's measures) for items removed by
 * someone else while this person was writing in them, and keeps what they wrote. Fields
 * inside each item report to `tracker` (via WritingScope); the person's own removals and
 * undos are local transactions and are not reported.
 */
export function useRemovedWhileWriting(session: PlanSession, collection: Y.Map<unknown> | null) {
  const tracker = useMemo(() => new WritingTracker(), [])
  const [removed, setRemoved] = useState<RemovedWhileWriting[]>([])
  useEffect(() => {
    const handleChange = (event: Y.YMapEvent<unknown>) => {
      if (event.transaction.local) return
      const found: RemovedWhileWriting[] = []
      for (const [id, change] of event.changes.keys) {
        if (change.action !== 'delete') continue
        const fields = tracker.writingIn(id)
        if (fields.length > 0) found.push({ id, title: tracker.titleOf(id), by: removerOf(session, id), fields })
        tracker.forget(id)
      }
      if (found.length > 0) setRemoved((before) => [...found, ...before.filter((entry) => !found.some((f) => f.id === entry.id))])
    }
    if (!collection) return
    collection.observe(handleChange)
    return () => collection.unobserve(handleChange)
  }, [collection, session, tracker])

  return {
    tracker,
    removed,
    dismiss: (id: string) => setRemoved((before) => before.filter((entry) => entry.id !== id)),
    /** Call before this person removes an item themselves. */
    removing: (id: string) => {
      announceRemoval(session, id)
      tracker.forget(id)
    },
  }
}

/** Copies text to the clipboard, falling back to the selection where the Clipboard API is not allowed. */
async function copyText(text: string, field: HTMLTextAreaElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    field?.select()
    return document.execCommand('copy')
  }
}

function KeptField({ writing }: { writing: FieldWriting }) {
  const { t } = useTranslation('steps')
  const id = useId()
  const ref = useRef<HTMLTextAreaElement>(null)
  const [copied, setCopied] = useState(false)
  return (
    <div className="kept-field">
      <label htmlFor={id}>{writing.label ?? writing.field}</label>
      <textarea id={id} ref={ref} readOnly value={writing.text} rows={Math.min(8, Math.max(2, writing.text.split('\n').length))} />
      <button type="button" className="btn btn-small" onClick={() => void copyText(writing.text, ref.current).then(setCopied)}>
        {copied ? t('removedWhileWriting.copied') : t('removedWhileWriting.copy', { field: writing.label ?? writing.field })}
      </button>
    </div>
  )
}

/**
 * Tells the person that an item they were writing in was removed (and by whom, when known),
 * with their text kept below, copyable, until they dismiss it. Shown at the top of the list.
 */
export function RemovedWhileWritingNotices({
  kind,
  removed,
  onDismiss,
}: {
  kind: RemovableKind
  removed: RemovedWhileWriting[]
  onDismiss: (id: string) => void
}) {
  const { t } = useTranslation('steps')
  if (removed.length === 0) return null
  return (
    <div className="removed-while-writing-list">
      {removed.map((entry) => (
        <section key={entry.id} className="notice notice-warning removed-while-writing" role="alert" data-item-id={entry.id}>
          <p>
            <strong>
              {entry.by ? t(`removedWhileWriting.${kind}.byName`, { name: entry.by }) : t(`removedWhileWriting.${kind}.bySomeone`)}
            </strong>
          </p>
          {entry.title.trim() !== '' && <p className="removed-title">{t('removedWhileWriting.title', { title: entry.title })}</p>}
          {entry.fields.map((writing) => (
            <KeptField key={writing.field} writing={writing} />
          ))}
          <button type="button" className="btn btn-small" onClick={() => onDismiss(entry.id)}>
            {t('removedWhileWriting.dismiss')}
          </button>
        </section>
      ))}
    </div>
  )
}
