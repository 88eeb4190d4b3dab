import type { AccessEntry, AccessKind } from '@hononga/shared'

/**
 * The words for each kind of access, as keys of the `access` catalogue: `kinds.*` names a kind
 * in the filter ("Opening the plan"), `what.*` says what a person did ("opened the plan").
 * Kinds are dotted (`plan.opened`) and i18next reads dots as nesting, hence this map.
 */
export const KIND_KEYS = {
  'plan.opened': 'planOpened',
  'snapshot.viewed': 'snapshotViewed',
  'diff.viewed': 'diffViewed',
  'export.csv': 'exportCsv',
  'export.json': 'exportJson',
  'export.minutes': 'exportMinutes',
  'export.snapshot': 'exportSnapshot',
  'export.template': 'exportTemplate',
  'access-log.downloaded': 'logDownloaded',
  'export.contributions': 'exportContributions',
  'plan.printed': 'planPrinted',
  'plan.imported': 'planImported',
  'release.requested': 'releaseRequested',
  'release.decided': 'releaseDecided',
  'district.viewed': 'districtViewed',
  'district.raised': 'districtRaised',
  'message.sent': 'messageSent',
} as const satisfies Record<AccessKind, string>

type KindKey = (typeof KIND_KEYS)[AccessKind]
/** Kinds whose sentence can name the snapshot or minutes concerned, when the server recorded its label. */
type LabelledKey = 'snapshotViewed' | 'exportMinutes' | 'exportSnapshot'

/** A sentence of the `access` catalogue and what it interpolates. */
export type WhatSentence = { key: `what.${KindKey}` | 'what.exportCsvMonitoring' } | { key: `what.${LabelledKey}Label`; label: string }

const LABELLED: ReadonlySet<KindKey> = new Set<KindKey>(['snapshotViewed', 'exportMinutes', 'exportSnapshot'])

/**
 * What an entry says the person did, as a catalogue key: "viewed the snapshot “Agreed at hui”"
 * when the entry's details carry a label, "downloaded the monitoring as CSV" for that file, else
 * the kind's plain sentence ("viewed a snapshot", "downloaded the actions as CSV").
 */
export function whatSentence(entry: Pick<AccessEntry, 'kind' | 'details'>): WhatSentence {
  const key = KIND_KEYS[entry.kind]
  if (entry.kind === 'export.csv' && entry.details.file === 'monitoring') return { key: 'what.exportCsvMonitoring' }
  const label = entry.details.label
  if (LABELLED.has(key) && typeof label === 'string' && label.trim() !== '') {
    return { key: `what.${key as LabelledKey}Label`, label: label.trim() }
  }
  return { key: `what.${key}` }
}

/**
 * The next list after loading a page: the first page replaces what was shown, a later one
 * (loaded with `before`) is added below it. Entries already shown are not repeated, should
 * the log have moved on between pages.
 */
export function mergePage(shown: readonly AccessEntry[], page: readonly AccessEntry[], appending: boolean): AccessEntry[] {
  if (!appending) return [...page]
  const seen = new Set(shown.map((entry) => entry.id))
  return [...shown, ...page.filter((entry) => !seen.has(entry.id))]
}
