/**
 * Which te reo Māori strings a fluent speaker has reviewed (./mi/review.json), and the
 * catalogue filtering built on it. Pure functions over the catalogues, with no DOM and no
 * i18next, so the client (./index.ts), the unit tests and `pnpm i18n:coverage`
 * (scripts/i18n-coverage.ts) all count the same way.
 *
 * A Māori string is a draft until review.json records it under `reviewed` as `ns:key`
 * (a plural form is its own key: `count_one`, `count_other`). The record keeps a short hash
 * of the English and Māori texts as reviewed: if either changes afterwards the string counts
 * as a draft again, so a reviewer never vouches for words they did not read. A record written
 * by hand without a hash counts as reviewed until `pnpm i18n:coverage --stamp` adds it (the
 * catalogue test asks for it). A reviewed string is shown only once every string it is shown
 * with is reviewed too (its plural forms, its list, {@link REVIEWED_TOGETHER}).
 */

/** A catalogue: nested objects whose leaves are strings. */
export type Tree = { [key: string]: string | Tree }

/** One reviewed string: who reviewed it, when (YYYY-MM-DD), and the hash of what they read. */
export interface ReviewRecord {
  by: string
  on: string
  hash?: string
}

/** The shape of mi/review.json. */
export interface ReviewFile {
  _about?: string | string[]
  reviewed: Record<string, ReviewRecord>
}

/** What a fluent speaker's review says of one English key's Māori text. */
export type ReviewState = 'reviewed' | 'draft' | 'missing'

/** Every leaf of a catalogue as dotted key → text, in catalogue order. */
export function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(prefix + key, value)
    else for (const [inner, text] of leaves(value, `${prefix}${key}.`)) out.set(inner, text)
  }
  return out
}

/** i18next plural forms share one base key (`count_one`, `count_other`). */
export function pluralBase(key: string): string {
  return key.replace(/_(zero|one|two|few|many|other)$/, '')
}

/** The `{{variables}}` a string interpolates, sorted and deduplicated (i18next's `{{name, format}}` counts as `name`). */
export function variables(text: string): string[] {
  const names = [...text.matchAll(/\{\{\s*([^},\s]+)[^}]*\}\}/g)].map((match) => match[1] ?? '')
  return [...new Set(names)].sort()
}

/** The `<0>`-style component tags a `<Trans>` string uses, sorted. */
export function tags(text: string): string[] {
  return [...text.matchAll(/<\/?(\d+)\s*\/?>/g)].map((match) => match[0].replace(/\s/g, '')).sort()
}

/**
 * A short, stable hash (FNV-1a, 32 bits, 8 hex digits) of the English and Māori texts of a
 * string, stored when it is reviewed. Not security: it only notices that a text changed.
 */
export function reviewHash(english: string, maori: string): string {
  let hash = 0x811c9dc5
  for (const char of `${english}\u0000${maori}`) {
    const code = char.codePointAt(0) ?? 0
    hash ^= code
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash.toString(16).padStart(8, '0')
}

/** Whether the review of `ns:key` still holds for these texts. */
function holds(record: ReviewRecord | undefined, english: string, maori: string): boolean {
  return record !== undefined && (record.hash === undefined || record.hash === reviewHash(english, maori))
}

/** The review state of one key of namespace `ns`, given that namespace's two catalogues. */
export function reviewState(
  ns: string,
  key: string,
  english: Map<string, string>,
  maori: Map<string, string>,
  review: ReviewFile,
): ReviewState {
  const en = english.get(key)
  const mi = maori.get(key)
  if (en === undefined || mi === undefined) return 'missing'
  return holds(review.reviewed[`${ns}:${key}`], en, mi) ? 'reviewed' : 'draft'
}

/**
 * Strings one sentence is built from (an interpolated `t()` inside another, a heading and its
 * count): shown in Māori only when all of them are reviewed, so no sentence mixes the two
 * languages. `ns:key`, or `ns:prefix*` for every key that starts so. Plural forms of one key and
 * the items of one list are grouped without being listed here.
 */
export const REVIEWED_TOGETHER: readonly (readonly string[])[] = [
  ['workspace:presence.title', 'workspace:presence.count_*'],
  ['hui:minutes.attended', 'hui:minutes.attendedCount_*'],
  ['hui:joinCode.requestsTitle', 'hui:joinCode.waiting_*'],
  ['hui:agenda.hoursShort_*', 'hui:agenda.minutesShort_*'],
  ['hui:bar.now', 'hui:bar.position'],
  ['hui:bar.goTo', 'hui:bar.currentItem'],
  ['hui:timer.paused', 'hui:timer.left', 'hui:timer.over', 'hui:timer.elapsed'],
  ['hui:parking.listHeading', 'hui:parking.counts'],
  ['hui:minutes.started', 'hui:minutes.ended', 'hui:minutes.notEnded'],
  ['hui:minutes.kinds.*', 'hui:minutes.agreedBy', 'hui:minutes.changedSince', 'hui:minutes.concernBy'],
  ['hui:joinCode.admitted', 'common:roles.*'],
  ['agreement:record.sent', 'agreement:positions.*'],
  ['agreement:recordedBy', 'agreement:someone'],
  ['comments:threadBy_*', 'comments:someone'],
  ['tracker:progressBy', 'tracker:someone'],
  ['steps:progress.errorValue', 'steps:progress.valueFor', 'steps:monitoring.unnamed'],
  ['steps:progress.by', 'steps:progress.someone'],
  ['people:partners.option', 'common:affiliations.*'],
  ['people:invite.createdSummary', 'common:roles.*', 'common:affiliations.*'],
  ['history:preview.measuresOf', 'history:preview.untitled'],
  ['history:preview.facts', 'steps:status.*'],
]

/** The English ids (`ns:key`) a {@link REVIEWED_TOGETHER} pattern names. */
export function matching(pattern: string, ids: Iterable<string>): string[] {
  const prefix = pattern.endsWith('*') ? pattern.slice(0, -1) : undefined
  return [...ids].filter((id) => (prefix === undefined ? id === pattern : id.startsWith(prefix)))
}

/** What a string must be reviewed with: its plural siblings, its list, and its {@link REVIEWED_TOGETHER} groups. */
function groupOf(id: string): string {
  const [ns = '', key = ''] = id.split(/:(.*)/s)
  return `${ns}:${pluralBase(key).replace(/\.\d+$/, '.[]')}`
}

/**
 * The Māori catalogues with only the strings that may be shown when drafts are hidden: each
 * reviewed, and reviewed together with every string it is shown with (plural forms, a list's
 * items, {@link REVIEWED_TOGETHER}). Loaded instead of the full catalogues, so every other key
 * falls back to English as a whole sentence (i18next's `fallbackLng`).
 */
export function reviewedOnly(
  english: Record<string, Tree>,
  maori: Record<string, Tree>,
  review: ReviewFile,
  together: readonly (readonly string[])[] = REVIEWED_TOGETHER,
): Record<string, Tree> {
  const en = new Map(Object.entries(english).map(([ns, tree]) => [ns, leaves(tree)]))
  const mi = new Map(Object.entries(maori).map(([ns, tree]) => [ns, leaves(tree)]))
  const ids: string[] = []
  const reviewed = new Set<string>()
  for (const [ns, keys] of en) {
    for (const key of keys.keys()) {
      const id = `${ns}:${key}`
      ids.push(id)
      if (reviewState(ns, key, keys, mi.get(ns) ?? new Map(), review) === 'reviewed') reviewed.add(id)
    }
  }
  // Union-find over groups: a string is shown only if its whole component is reviewed.
  const parent = new Map<string, string>()
  const find = (x: string): string => {
    let root = x
    for (let next = parent.get(root); next !== undefined && next !== root; next = parent.get(root)) root = next
    parent.set(x, root)
    return root
  }
  const union = (a: string, b: string) => parent.set(find(a), find(b))
  for (const id of ids) union(id, groupOf(id))
  for (const group of together) {
    const members = group.flatMap((pattern) => matching(pattern, ids))
    for (const member of members) union(member, members[0] ?? member)
  }
  const blocked = new Set(ids.filter((id) => !reviewed.has(id)).map(find))
  const shown = (id: string) => reviewed.has(id) && !blocked.has(find(id))

  const walk = (ns: string, node: Tree, prefix: string): Tree | undefined => {
    const out: Tree = {}
    for (const [key, value] of Object.entries(node)) {
      const path = prefix + key
      if (typeof value === 'string') {
        if (shown(`${ns}:${path}`)) out[key] = value
      } else if (Array.isArray(value)) {
        if ([...leaves(value as Tree, `${path}.`).keys()].every((item) => shown(`${ns}:${item}`))) out[key] = value
      } else {
        const inner = walk(ns, value, `${path}.`)
        if (inner) out[key] = inner
      }
    }
    return Object.keys(out).length > 0 ? out : undefined
  }
  return Object.fromEntries(Object.entries(maori).map(([ns, tree]) => [ns, walk(ns, tree, '') ?? {}]))
}

/** One namespace's line of the coverage table. */
export interface CoverageRow {
  namespace: string
  english: number
  reviewed: number
  draft: number
  missing: number
}

/** Review coverage of one namespace, counted over its English keys. */
export function coverageOf(ns: string, english: Tree, maori: Tree, review: ReviewFile): CoverageRow {
  const en = leaves(english)
  const mi = leaves(maori)
  const row: CoverageRow = { namespace: ns, english: en.size, reviewed: 0, draft: 0, missing: 0 }
  for (const key of en.keys()) row[reviewState(ns, key, en, mi, review)] += 1
  return row
}
