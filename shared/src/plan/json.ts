import type * as Y from 'yjs'
import { z } from 'zod'
import { ActionStatus, MeasureFrequency } from '../domain'
import { SCHEMA_VERSION } from '../protocol'
import { focusAreaOrder, linkedFocusAreaIds } from './actions'
import { orderedEntries } from './collection'
import { ACTION_KEYS, META_KEYS, RESULTS_CHAIN, SECTION_ITEM_KEYS } from './keys'
import { measuresOfAction, progressOfAction } from './monitoring'
import { emptyRichText, fragmentToJSON } from './richtext'
import { getPlanRoots } from './roots'
import {
  asArray,
  asFragment,
  isIsoDate,
  readDate,
  readIsoTime,
  readNames,
  readNullableString,
  readNumber,
  readStatus,
  readString,
  readText,
} from './values'

/**
 * A plan as plain JSON: what the server sends for exports, reports and snapshot previews.
 * The zod schemas describe it for validation; {@link toPlanJson} renders a document to it.
 */

const AttrValue = z.union([z.string(), z.number(), z.boolean(), z.null()])

/** A mark on a run of text (bold, link...), as ProseMirror writes it. */
export const RichTextMarkJson = z.object({
  type: z.string(),
  attrs: z.record(z.string(), AttrValue).optional(),
})
export type RichTextMarkJson = z.infer<typeof RichTextMarkJson>

/** A ProseMirror node as JSON; a whole rich text is a node of type `doc`. */
export interface RichTextJson {
  type: string
  attrs?: Record<string, string | number | boolean | null>
  content?: RichTextJson[]
  marks?: RichTextMarkJson[]
  text?: string
}
export const RichTextJson: z.ZodType<RichTextJson> = z.object({
  type: z.string(),
  attrs: z.record(z.string(), AttrValue).optional(),
  get content() {
    return z.array(RichTextJson).optional()
  },
  marks: z.array(RichTextMarkJson).optional(),
  text: z.string().optional(),
})

/** `YYYY-MM-DD`, a real calendar date. */
export const IsoDate = z.string().refine(isIsoDate, { message: 'Expected a date written YYYY-MM-DD' })

export const PlanMetaJson = z.object({
  title: z.string(),
  community: z.string(),
  district: z.string().nullable(),
  createdAt: z.iso.datetime(),
})
export type PlanMetaJson = z.infer<typeof PlanMetaJson>

export const FocusAreaJson = z.object({ id: z.string(), title: z.string(), description: RichTextJson })
export type FocusAreaJson = z.infer<typeof FocusAreaJson>

export const ConditionJson = z.object({ id: z.string(), title: z.string(), description: RichTextJson })
export type ConditionJson = z.infer<typeof ConditionJson>

export const MonitoringMeasureJson = z.object({
  id: z.string(),
  name: z.string(),
  baseline: z.number().nullable(),
  target: z.number().nullable(),
  unit: z.string(),
  frequency: MeasureFrequency,
  reporter: z.string(),
})
export type MonitoringMeasureJson = z.infer<typeof MonitoringMeasureJson>

export const ProgressEntryJson = z.object({
  id: z.string(),
  date: IsoDate,
  values: z.record(z.string(), z.number()),
  status: ActionStatus.nullable(),
  note: z.string(),
  authorId: z.string().nullable(),
  authorName: z.string(),
  createdAt: z.iso.datetime(),
})
export type ProgressEntryJson = z.infer<typeof ProgressEntryJson>

export const PriorityActionJson = z.object({
  id: z.string(),
  title: z.string(),
  focusAreaIds: z.array(z.string()),
  activity: RichTextJson,
  output: RichTextJson,
  outcome: RichTextJson,
  impact: RichTextJson,
  lead: z.string(),
  leadUserId: z.string().nullable(),
  partners: z.array(z.string()),
  dueDate: IsoDate.nullable(),
  status: ActionStatus,
  measures: z.array(MonitoringMeasureJson),
  progress: z.array(ProgressEntryJson),
})
export type PriorityActionJson = z.infer<typeof PriorityActionJson>

/** A whole plan; every list in display order. */
export const PlanJson = z.object({
  schemaVersion: z.number().int().nonnegative(),
  meta: PlanMetaJson,
  focusAreas: z.array(FocusAreaJson),
  environment: RichTextJson,
  conditions: z.array(ConditionJson),
  actions: z.array(PriorityActionJson),
})
export type PlanJson = z.infer<typeof PlanJson>

function richText(value: unknown): RichTextJson {
  const fragment = asFragment(value)
  return fragment ? fragmentToJSON(fragment) : emptyRichText()
}

function sectionItems(collection: Y.Map<unknown>): FocusAreaJson[] {
  return orderedEntries(collection).map(({ id, map }) => ({
    id,
    title: readText(map.get(SECTION_ITEM_KEYS.title)),
    description: richText(map.get(SECTION_ITEM_KEYS.description)),
  }))
}

function priorityAction(order: readonly string[], id: string, map: Y.Map<unknown>): PriorityActionJson {
  const [activity, output, outcome, impact] = RESULTS_CHAIN.map((step) => richText(map.get(ACTION_KEYS[step])))
  return {
    id,
    title: readText(map.get(ACTION_KEYS.title)),
    focusAreaIds: linkedFocusAreaIds(order, map.get(ACTION_KEYS.focusAreaIds)),
    activity: activity ?? emptyRichText(),
    output: output ?? emptyRichText(),
    outcome: outcome ?? emptyRichText(),
    impact: impact ?? emptyRichText(),
    lead: readString(map.get(ACTION_KEYS.lead)),
    leadUserId: readNullableString(map.get(ACTION_KEYS.leadUserId)),
    partners: readNames(asArray(map.get(ACTION_KEYS.partners))?.toArray() ?? []),
    dueDate: readDate(map.get(ACTION_KEYS.dueDate)),
    status: readStatus(map.get(ACTION_KEYS.status)),
    measures: measuresOfAction(map).map((measure) => ({
      id: measure.id,
      name: measure.name,
      baseline: measure.baseline,
      target: measure.target,
      unit: measure.unit,
      frequency: measure.frequency,
      reporter: measure.reporter,
    })),
    progress: progressOfAction(map).map((entry) => ({
      id: entry.id,
      date: entry.date,
      values: entry.values,
      status: entry.status,
      note: entry.note,
      authorId: entry.authorId,
      authorName: entry.authorName,
      createdAt: readIsoTime(entry.createdAt),
    })),
  }
}

/**
 * Renders a plan document as {@link PlanJson}.
 *
 * Lenient and total: the document holds whatever clients wrote, and a misbehaving one can
 * write anything. Missing or foreign values fall back to defaults (status `proposed`,
 * frequency `other`, `null` numbers, `''` strings), entries that are not maps are left out,
 * links to removed focus areas are left out, and the result always passes `PlanJson.parse`.
 */
export function toPlanJson(doc: Y.Doc): PlanJson {
  const roots = getPlanRoots(doc)
  const order = focusAreaOrder(doc)
  const schemaVersion = roots.meta.get(META_KEYS.schemaVersion)
  return {
    schemaVersion: Number.isSafeInteger(schemaVersion) && (schemaVersion as number) >= 0 ? (schemaVersion as number) : SCHEMA_VERSION,
    meta: {
      title: readText(roots.meta.get(META_KEYS.title)),
      community: readText(roots.meta.get(META_KEYS.community)),
      district: readNullableString(roots.meta.get(META_KEYS.district)),
      createdAt: readIsoTime(readNumber(roots.meta.get(META_KEYS.createdAt))),
    },
    focusAreas: sectionItems(roots.focusAreas),
    environment: fragmentToJSON(roots.environment),
    conditions: sectionItems(roots.conditions),
    actions: orderedEntries(roots.actions).map(({ id, map }) => priorityAction(order, id, map)),
  }
}
