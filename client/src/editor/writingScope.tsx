import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react'

/** How long after the last keystroke a field still counts as being written in. */
export const RECENT_WRITING_MS = 8_000

/** What a person had in one field of a plan item, as they last wrote it. */
export interface FieldWriting {
  /** The field's name as the person sees it ("Title", "Outcome"...). */
  field: string
  /** How to name it when it is not the item's own field ("Measure 2 — Target"); `field` otherwise. */
  label?: string
  text: string
  /** When they last typed in it (ms), or 0 if they only had it focused. */
  typedAt: number
  focused: boolean
}

/**
 * What the person is writing in each plan item on screen, kept outside the document: when
 * someone else removes the item, its texts are deleted with it, and this is what lets the
 * person keep theirs. One per list of items; fields report through {@link WritingScope}.
 */
export class WritingTracker {
  private readonly fields = new Map<string, Map<string, FieldWriting>>()
  private readonly titles = new Map<string, string>()

  report(itemId: string, writing: FieldWriting): void {
    let item = this.fields.get(itemId)
    if (!item) this.fields.set(itemId, (item = new Map()))
    const before = item.get(writing.field)
    item.set(writing.field, { ...writing, typedAt: Math.max(writing.typedAt, before?.typedAt ?? 0) })
  }

  blur(itemId: string, field: string): void {
    const writing = this.fields.get(itemId)?.get(field)
    if (writing) writing.focused = false
  }

  setTitle(itemId: string, title: string): void {
    this.titles.set(itemId, title)
  }

  titleOf(itemId: string): string {
    return this.titles.get(itemId) ?? ''
  }

  /**
   * The fields of an item the person is writing in: focused now, or typed in within
   * `windowMs`. Empty when they were not writing there (nothing to tell them).
   */
  writingIn(itemId: string, now = Date.now(), windowMs = RECENT_WRITING_MS): FieldWriting[] {
    const item = this.fields.get(itemId)
    if (!item) return []
    const writing = [...item.values()].filter((field) => field.focused || (field.typedAt > 0 && now - field.typedAt <= windowMs))
    return writing.some((field) => field.text.trim() !== '') ? writing.filter((field) => field.text.trim() !== '') : []
  }

  forget(itemId: string): void {
    this.fields.delete(itemId)
    this.titles.delete(itemId)
  }
}

interface Scope {
  tracker: WritingTracker
  itemId: string
  /** The item this one is part of (a measure's action), which is told too: removing it removes this. */
  parent: Scope | null
}

const ScopeContext = createContext<Scope | null>(null)

/**
 * Marks everything inside as the fields of one plan item, reporting to `tracker`. Scopes
 * nest: a field inside a measure inside an action reports to both, so whichever of them
 * someone else removes, what the person wrote is kept.
 */
export function WritingScope({
  tracker,
  itemId,
  title,
  children,
}: {
  tracker: WritingTracker
  itemId: string
  title: string
  children: ReactNode
}) {
  const parent = useContext(ScopeContext)
  const scope = useMemo(() => ({ tracker, itemId, parent }), [tracker, itemId, parent])
  useEffect(() => tracker.setTitle(itemId, title), [tracker, itemId, title])
  return <ScopeContext.Provider value={scope}>{children}</ScopeContext.Provider>
}

/** How a field tells its item's tracker what the person writes in it; no-ops outside a scope. */
export interface WritingReporter {
  focused(text: string): void
  typed(text: string): void
  blurred(): void
}

const NO_REPORTER: WritingReporter = { focused: () => {}, typed: () => {}, blurred: () => {} }

/**
 * The scopes a field is in, innermost first. An enclosing item keys the field by the inner
 * item's id (titles change as people type) and names it after the inner item ("Measure 2 — Target").
 */
export function scopesOf(scope: Scope | null, field: string): { tracker: WritingTracker; itemId: string; field: string; label: string }[] {
  const found: { tracker: WritingTracker; itemId: string; field: string; label: string }[] = []
  let key = field
  let label = field
  for (let at = scope; at !== null; at = at.parent) {
    found.push({ tracker: at.tracker, itemId: at.itemId, field: key, label })
    const title = at.tracker.titleOf(at.itemId).trim()
    key = `${at.itemId}/${key}`
    if (title !== '') label = `${title} — ${label}`
  }
  return found
}

export function useWritingReporter(field: string): WritingReporter {
  const scope = useContext(ScopeContext)
  return useMemo(() => {
    if (!scope) return NO_REPORTER
    const report = (text: string, typedAt: number) => {
      for (const at of scopesOf(scope, field))
        at.tracker.report(at.itemId, { field: at.field, label: at.label, text, typedAt, focused: true })
    }
    return {
      focused: (text) => report(text, 0),
      typed: (text) => report(text, Date.now()),
      blurred: () => {
        for (const at of scopesOf(scope, field)) at.tracker.blur(at.itemId, at.field)
      },
    }
  }, [scope, field])
}
