import { diffWordsWithSpace } from 'diff'
import type { DiffPart, FieldDiff, ItemDiff, SectionDiff } from '../api-responses'
import type { AgreementTargetKind } from './agreements'
import type { MonitoringMeasureJson, PlanJson, PriorityActionJson, RichTextJson } from './json'

/**
 * What changed between two versions of a plan (two snapshots, or a snapshot and now), for
 * people: word by word, field by field, item by item. Items are matched by id, so an item
 * that was renamed or moved is "changed", not "removed" and "added".
 */

// ---- text ------------------------------------------------------------------------------

const BLANKS_ON_ONE_LINE = /^[^\S\n]+$/
/**
 * Beyond these, two texts count as simply replaced: the word search costs about their
 * length times the edits, and a diff must never hold the server for long.
 */
const MAX_EDIT_LENGTH = 1000
const MAX_COMPARED_LENGTH = 100_000

/**
 * A word-level diff. The parts rebuild both texts exactly: the `same` and `removed` parts
 * give `before`, the `same` and `added` parts give `after`.
 *
 * Built on `diffWordsWithSpace` rather than `diffWords`: the latter ignores whitespace and
 * hands it to neighbouring parts, so its parts do not always rebuild `before` (a trailing
 * space or a newline moves). Blanks between two changes are folded into the changes, so
 * "the cat sat" → "a dog ran" reads as one replacement, as `diffWords` would show it.
 */
export function diffText(before: string, after: string): DiffPart[] {
  if (before === after) return before === '' ? [] : [{ kind: 'same', text: before }]
  const changes =
    before.length + after.length <= MAX_COMPARED_LENGTH ? diffWordsWithSpace(before, after, { maxEditLength: MAX_EDIT_LENGTH }) : undefined
  // Texts too long or too different to compare word by word (a pasted essay replaced by
  // another) read as one replacement.
  if (!changes)
    return [...(before ? [{ kind: 'removed' as const, text: before }] : []), ...(after ? [{ kind: 'added' as const, text: after }] : [])]
  const raw: DiffPart[] = changes.map((change) => ({
    kind: change.added ? 'added' : change.removed ? 'removed' : 'same',
    text: change.value,
  }))
  // Fold blank runs (not line breaks) that sit between two changes into both sides.
  const folded: DiffPart[] = []
  raw.forEach((part, i) => {
    const between = i > 0 && i < raw.length - 1 && raw[i - 1]!.kind !== 'same' && raw[i + 1]!.kind !== 'same'
    if (part.kind === 'same' && between && BLANKS_ON_ONE_LINE.test(part.text)) {
      folded.push({ kind: 'removed', text: part.text }, { kind: 'added', text: part.text })
    } else folded.push(part)
  })
  // Each run of changes becomes one removal followed by one addition.
  const parts: DiffPart[] = []
  let removed = ''
  let added = ''
  const flush = () => {
    if (removed !== '') parts.push({ kind: 'removed', text: removed })
    if (added !== '') parts.push({ kind: 'added', text: added })
    removed = ''
    added = ''
  }
  for (const part of folded) {
    if (part.text === '') continue
    if (part.kind === 'removed') removed += part.text
    else if (part.kind === 'added') added += part.text
    else {
      flush()
      const last = parts[parts.length - 1]
      if (last?.kind === 'same') last.text += part.text
      else parts.push({ ...part })
    }
  }
  flush()
  return parts
}

// ---- rich text as plain text ---------------------------------------------------------

function inlineText(node: RichTextJson): string {
  if (node.type === 'text') return node.text ?? ''
  if (node.type === 'hardBreak') return '\n'
  return (node.content ?? []).map(inlineText).join('')
}

const BLOCK_CONTAINERS = new Set(['doc', 'blockquote'])

/** The lines of a list of blocks, each line prefixed by `indent`. */
function blockLines(nodes: readonly RichTextJson[], indent: string): string[] {
  const lines: string[] = []
  for (const node of nodes) {
    if (node.type === 'bulletList' || node.type === 'orderedList') {
      const start = typeof node.attrs?.start === 'number' ? node.attrs.start : 1
      ;(node.content ?? []).forEach((item, index) => {
        const marker = node.type === 'bulletList' ? '• ' : `${start + index}. `
        const inner = blockLines(item.content ?? [], '')
        const [first = '', ...rest] = inner.length > 0 ? inner : ['']
        lines.push(indent + marker + first, ...rest.map((line) => indent + ' '.repeat(marker.length) + line))
      })
    } else if (node.type === 'horizontalRule') {
      lines.push(indent + '———')
    } else if (BLOCK_CONTAINERS.has(node.type) || node.type === 'listItem') {
      lines.push(...blockLines(node.content ?? [], indent))
    } else {
      // A paragraph, heading or code block: its inline content, hard breaks as new lines.
      lines.push(
        ...inlineText(node)
          .split('\n')
          .map((line) => indent + line),
      )
    }
  }
  return lines
}

/**
 * Rich text as plain text: one line per block (paragraph, heading, list item), list items
 * prefixed "• " or "1. ", nested lists indented. For CSV cells and diffs.
 */
export function richTextToPlain(json: RichTextJson): string {
  return blockLines(json.type === 'doc' ? (json.content ?? []) : [json], '').join('\n')
}

// ---- plans -----------------------------------------------------------------------------

type Fields = Record<string, string>

function fieldDiffs(before: Fields, after: Fields): FieldDiff[] {
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])]
  return names.flatMap((field) => {
    const a = before[field] ?? ''
    const b = after[field] ?? ''
    return a === b ? [] : [{ field, before: a, after: b, parts: diffText(a, b) }]
  })
}

interface Comparable {
  id: string
  title: string
  fields: Fields
}

/** Items matched by id: changed and added in `after`'s order, then removed in `before`'s. */
function diffItems(before: readonly Comparable[], after: readonly Comparable[]): ItemDiff[] {
  const beforeById = new Map(before.map((item) => [item.id, item]))
  const afterIds = new Set(after.map((item) => item.id))
  const items: ItemDiff[] = []
  for (const item of after) {
    const old = beforeById.get(item.id)
    const fields = fieldDiffs(old?.fields ?? {}, item.fields)
    if (!old) items.push({ id: item.id, title: item.title, change: 'added', fields })
    else if (fields.length > 0) items.push({ id: item.id, title: item.title, change: 'changed', fields })
  }
  for (const item of before) {
    if (!afterIds.has(item.id)) items.push({ id: item.id, title: item.title, change: 'removed', fields: fieldDiffs(item.fields, {}) })
  }
  return items
}

/** Drops empty values, so an added item lists what it has and a removed one what it had. */
function present(fields: Fields): Fields {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== ''))
}

function sectionItems(items: PlanJson['focusAreas']): Comparable[] {
  return items.map((item) => ({
    id: item.id,
    title: item.title,
    fields: present({ title: item.title, description: richTextToPlain(item.description) }),
  }))
}

function focusAreaTitles(plan: PlanJson, action: PriorityActionJson): string {
  const titles = new Map(plan.focusAreas.map((f) => [f.id, f.title]))
  return action.focusAreaIds
    .map((id) => titles.get(id) ?? '')
    .filter((title) => title !== '')
    .join(', ')
}

function actionItems(plan: PlanJson): Comparable[] {
  return plan.actions.map((action) => ({
    id: action.id,
    title: action.title,
    fields: present({
      title: action.title,
      activity: richTextToPlain(action.activity),
      output: richTextToPlain(action.output),
      outcome: richTextToPlain(action.outcome),
      impact: richTextToPlain(action.impact),
      lead: action.lead,
      partners: action.partners.join(', '),
      dueDate: action.dueDate ?? '',
      reviewDate: action.reviewDate ?? '',
      status: action.status,
      focusAreas: focusAreaTitles(plan, action),
    }),
  }))
}

const number = (value: number | null) => (value === null ? '' : String(value))

/** One line per measure: "Attendance: 0 → 40 people, monthly, reported by Kaiwhakahaere". */
export function measureLine(measure: MonitoringMeasureJson): string {
  const range = [number(measure.baseline), number(measure.target)]
  const figures = range[0] === '' && range[1] === '' ? '' : `${range[0] || '?'} → ${range[1] || '?'}`
  const amount = [figures, measure.unit].filter((part) => part !== '').join(' ')
  const details = [amount, measure.frequency, measure.reporter === '' ? '' : `reported by ${measure.reporter}`].filter(
    (part) => part !== '',
  )
  return `${measure.name || '(unnamed measure)'}: ${details.join(', ')}`
}

/** Monitoring per action: an action with no measures has no monitoring item. */
function monitoringItems(plan: PlanJson): Comparable[] {
  return plan.actions
    .filter((action) => action.measures.length > 0)
    .map((action) => ({ id: action.id, title: action.title, fields: { measures: action.measures.map(measureLine).join('\n') } }))
}

function metaItems(plan: PlanJson): Comparable[] {
  const { title, community, district, reviewDate } = plan.meta
  return [{ id: 'meta', title, fields: { title, community, district: district ?? '', reviewDate: reviewDate ?? '' } }]
}

function environmentItems(plan: PlanJson): Comparable[] {
  return [{ id: 'environment', title: 'Environment', fields: { environment: richTextToPlain(plan.environment) } }]
}

const SECTIONS: readonly [SectionDiff['section'], (plan: PlanJson) => Comparable[]][] = [
  ['meta', metaItems],
  ['focusAreas', (plan) => sectionItems(plan.focusAreas)],
  ['environment', environmentItems],
  ['conditions', (plan) => sectionItems(plan.conditions)],
  ['actions', actionItems],
  ['monitoring', monitoringItems],
]

/**
 * What changed from `before` to `after`, section by section. Unchanged items, and sections
 * with no change, are left out: an empty list means the two versions read the same.
 * Status, order and progress reports are compared as people read them; agreement records,
 * comments and the hui are not part of the diff.
 */
export function diffPlans(before: PlanJson, after: PlanJson): SectionDiff[] {
  return SECTIONS.flatMap(([section, itemsOf]) => {
    const items = diffItems(itemsOf(before), itemsOf(after))
    return items.length > 0 ? [{ section, items }] : []
  })
}

const ITEMS_OF_KIND: Record<AgreementTargetKind, (plan: PlanJson) => Comparable[]> = {
  focusArea: (plan) => sectionItems(plan.focusAreas),
  condition: (plan) => sectionItems(plan.conditions),
  action: actionItems,
  monitoring: monitoringItems,
}

/**
 * What changed in one item between two versions ("what changed since agreed"): every field
 * that differs; all of its fields when it exists on one side only; `[]` when unchanged.
 */
export function diffItem(kind: AgreementTargetKind, before: PlanJson, after: PlanJson, id: string): FieldDiff[] {
  const find = (plan: PlanJson) => ITEMS_OF_KIND[kind](plan).find((item) => item.id === id)
  return fieldDiffs(find(before)?.fields ?? {}, find(after)?.fields ?? {})
}
