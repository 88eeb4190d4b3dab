import type * as Y from 'yjs'
import { z } from 'zod'
import { ActionStatus, MeasureFrequency } from '../domain'
import { SCHEMA_VERSION } from '../protocol'
import { focusAreaOrder, linkedFocusAreaIds } from './actions'
import { orderedEntries } from './collection'
import { AgreementPosition, AgreementTarget, allAgreedMarks, allPositions } from './agreements'
import { CommentTarget, listThreads } from './comments'
import { CommitmentJson, commitmentsJson } from './commitments'
import { EngagementJson, engagementJson } from './engagement'
import { AgendaKind, getHuiState, listAgenda, listAttendance, listParkingLot } from './hui'
import { allAgendaNotes } from './notes'
import { ItemOriginJson, originsJson } from './origins'
import { ACTION_KEYS, META_KEYS, RESULTS_CHAIN, SECTION_ITEM_KEYS } from './keys'
import { isPandaDone, PANDA_PROMPTS, pandaAnswer } from './panda'
import { MAX_TITLE_CHARS } from './limits'
import { measuresOfAction, progressOfAction } from './monitoring'
import { emptyRichText, fragmentToJSON } from './richtext'
import { RichTextJson } from './richtext-json'
import { getPlanRoots } from './roots'
import { ReleaseJson, WithheldMarkJson, withheldJson } from './withheld-records'
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

export { RichTextJson, RichTextMarkJson, richTextProblem } from './richtext-json'

/** A title (the plan's, an item's, a measure's name): the one title limit everywhere. */
const TitleText = z.string().max(MAX_TITLE_CHARS, `Titles hold at most ${MAX_TITLE_CHARS} characters`)

/** A short label stored as a plain value (a lead, a partner, a unit): held to the title limit too. */
const LabelText = TitleText

/** `YYYY-MM-DD`, a real calendar date. */
export const IsoDate = z.string().refine(isIsoDate, { message: 'Expected a date written YYYY-MM-DD' })

export const PlanMetaJson = z.object({
  title: TitleText,
  community: TitleText,
  district: z.string().nullable(),
  createdAt: z.iso.datetime(),
  reviewDate: IsoDate.nullable(),
})
export type PlanMetaJson = z.infer<typeof PlanMetaJson>

export const FocusAreaJson = z.object({ id: z.string(), title: TitleText, description: RichTextJson })
export type FocusAreaJson = z.infer<typeof FocusAreaJson>

export const ConditionJson = z.object({ id: z.string(), title: TitleText, description: RichTextJson })
export type ConditionJson = z.infer<typeof ConditionJson>

export const MonitoringMeasureJson = z.object({
  id: z.string(),
  name: TitleText,
  baseline: z.number().nullable(),
  target: z.number().nullable(),
  unit: LabelText,
  frequency: MeasureFrequency,
  reporter: LabelText,
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
  title: TitleText,
  focusAreaIds: z.array(z.string()),
  activity: RichTextJson,
  output: RichTextJson,
  outcome: RichTextJson,
  impact: RichTextJson,
  lead: LabelText,
  leadUserId: z.string().nullable(),
  partners: z.array(LabelText),
  dueDate: IsoDate.nullable(),
  reviewDate: IsoDate.nullable(),
  status: ActionStatus,
  measures: z.array(MonitoringMeasureJson),
  progress: z.array(ProgressEntryJson),
})
export type PriorityActionJson = z.infer<typeof PriorityActionJson>

const TimeJson = z.iso.datetime()

export const AgreementJson = z.object({
  target: AgreementTarget,
  partner: z.string(),
  position: AgreementPosition,
  comment: z.string(),
  recordedBy: z.string(),
  recordedByName: z.string(),
  recordedAt: TimeJson,
  fingerprint: z.string(),
})
export type AgreementJson = z.infer<typeof AgreementJson>

export const AgreedMarkJson = z.object({
  target: AgreementTarget,
  snapshotId: z.string(),
  label: z.string(),
  at: TimeJson,
  by: z.string(),
  byName: z.string(),
  fingerprint: z.string(),
})
export type AgreedMarkJson = z.infer<typeof AgreedMarkJson>

export const CommentThreadJson = z.object({
  id: z.string(),
  target: CommentTarget,
  createdBy: z.string(),
  createdByName: z.string(),
  createdAt: TimeJson,
  resolved: z.boolean(),
  messages: z.array(z.object({ id: z.string(), authorId: z.string(), authorName: z.string(), text: z.string(), at: TimeJson })),
})
export type CommentThreadJson = z.infer<typeof CommentThreadJson>

export const HuiJson = z.object({
  state: z.object({
    huiId: z.string().nullable(),
    active: z.boolean(),
    startedAt: TimeJson.nullable(),
    endedAt: TimeJson.nullable(),
    currentItemId: z.string().nullable(),
  }),
  agenda: z.array(
    z.object({
      id: z.string(),
      kind: AgendaKind,
      title: z.string(),
      stepId: z.string().nullable(),
      target: AgreementTarget.nullable(),
      durationMinutes: z.number().nullable(),
      /** The karakia's words (karakia and closing items); '' when none. Absent in files made before it existed. */
      karakia: z.string().default(''),
      /** What was said at this item (the `huiNotes` root); '' when nothing was noted. */
      notes: z.string().default(''),
    }),
  ),
  parkingLot: z.array(
    z.object({
      id: z.string(),
      text: z.string(),
      addedByName: z.string(),
      addedAt: TimeJson,
      huiId: z.string().nullable(),
      resolved: z.boolean(),
      /** The priority action the topic became (parking-lot promote), if any. */
      actionId: z.string().nullable().default(null),
    }),
  ),
  attendance: z.array(
    z.object({
      huiId: z.string(),
      userId: z.string(),
      name: z.string(),
      affiliation: z.string(),
      organisation: z.string().nullable(),
      at: TimeJson,
    }),
  ),
})
export type HuiJson = z.infer<typeof HuiJson>

export const PandaJson = z.record(z.string(), z.object({ done: z.boolean(), answer: z.string() }))
export type PandaJson = z.infer<typeof PandaJson>

/** A whole plan; every list in display order. */
export const PlanJson = z.object({
  schemaVersion: z.number().int().nonnegative(),
  meta: PlanMetaJson,
  focusAreas: z.array(FocusAreaJson),
  environment: RichTextJson,
  conditions: z.array(ConditionJson),
  actions: z.array(PriorityActionJson),
  /** Each partner's position on each item. */
  agreements: z.array(AgreementJson),
  /** Items a facilitator marked agreed at a hui. */
  agreedMarks: z.array(AgreedMarkJson),
  comments: z.array(CommentThreadJson),
  hui: HuiJson,
  /** Answers to the problem-solving (PANDA) prompts, by prompt id. */
  panda: PandaJson,
  /** The engagement level agreed for focus areas and actions (issue 13 §4); absent in older files. */
  engagement: z.array(EngagementJson).default([]),
  /** Police's account and each partner's assessment of the co-design commitments (issue 13 §5); absent in older files. */
  commitments: z.array(CommitmentJson).default([]),
  /** Items a partner must approve before they leave the plan (issue 13 §3); absent in older files. */
  withheld: z.array(WithheldMarkJson).default([]),
  /** Requests to release withheld items, with each owning partner's decision; absent in older files. */
  releases: z.array(ReleaseJson).default([]),
  /** Who added (and removed) each item, recorded by the server (issue 13 §1); absent in older files. */
  origins: z.array(ItemOriginJson).default([]),
})
export type PlanJson = z.infer<typeof PlanJson>

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * A plan as the server rendered it (toPlanJson), read back by a device: its shape is checked,
 * not today's write limits. {@link PlanJson} is for what is written (an import); a plan stored
 * before a limit existed (a title over 300 characters) must still show, and a person's "not
 * saved" copy of it must not be thrown away for it.
 */
export const RenderedPlanJson = z.custom<PlanJson>(
  (value) =>
    isObject(value) &&
    typeof value.schemaVersion === 'number' &&
    isObject(value.meta) &&
    isObject(value.environment) &&
    isObject(value.hui) &&
    isObject(value.panda) &&
    ['focusAreas', 'conditions', 'actions', 'agreements', 'agreedMarks', 'comments'].every((key) => Array.isArray(value[key])),
  { message: 'Expected a plan as the server renders it' },
)

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
    reviewDate: readDate(map.get(ACTION_KEYS.reviewDate)),
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
 * links to removed focus areas are left out, and the result passes `PlanJson.parse` whenever
 * the document keeps to the plan's limits (shared/src/plan/limits.ts; a plan stored before
 * they were enforced may hold a longer title, which import then refuses).
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
      reviewDate: readDate(roots.meta.get(META_KEYS.reviewDate)),
    },
    focusAreas: sectionItems(roots.focusAreas),
    environment: fragmentToJSON(roots.environment),
    conditions: sectionItems(roots.conditions),
    actions: orderedEntries(roots.actions).map(({ id, map }) => priorityAction(order, id, map)),
    ...collaborationJson(doc),
    engagement: engagementJson(doc),
    commitments: commitmentsJson(doc),
    origins: originsJson(doc),
  }
}

const iso = (ms: number | null) => (ms === null ? null : readIsoTime(ms))

/** Agreement, discussion, the hui and the problem-solving guide, rendered leniently. */
function collaborationJson(
  doc: Y.Doc,
): Pick<PlanJson, 'agreements' | 'agreedMarks' | 'comments' | 'hui' | 'panda' | 'withheld' | 'releases'> {
  const state = getHuiState(doc)
  const notes = allAgendaNotes(doc)
  const panda: PandaJson = {}
  for (const prompt of PANDA_PROMPTS) {
    const answer = pandaAnswer(doc, prompt).toString()
    const done = isPandaDone(doc, prompt)
    if (answer !== '' || done) panda[prompt] = { done, answer }
  }
  return {
    agreements: allPositions(doc).map(({ target, partner, record }) => ({
      target,
      partner,
      ...record,
      recordedAt: readIsoTime(record.recordedAt),
    })),
    agreedMarks: allAgreedMarks(doc).map(({ target, mark }) => ({ target, ...mark, at: readIsoTime(mark.at) })),
    comments: listThreads(doc).map((thread) => ({
      id: thread.id,
      target: thread.target,
      createdBy: thread.createdBy,
      createdByName: thread.createdByName,
      createdAt: readIsoTime(thread.createdAt),
      resolved: thread.resolved,
      messages: thread.messages.map((m) => ({ ...m, at: readIsoTime(m.at) })),
    })),
    hui: {
      state: {
        huiId: state.huiId,
        active: state.active,
        startedAt: iso(state.startedAt),
        endedAt: iso(state.endedAt),
        currentItemId: state.currentItemId,
      },
      agenda: listAgenda(doc).map(({ id, kind, title, stepId, target, durationMinutes, karakia }) => ({
        id,
        kind,
        title,
        stepId,
        target,
        durationMinutes,
        karakia,
        notes: notes[id] ?? '',
      })),
      parkingLot: listParkingLot(doc).map(({ id, text, addedByName, addedAt, huiId, resolved, actionId }) => ({
        id,
        text,
        addedByName,
        addedAt: readIsoTime(addedAt),
        huiId,
        resolved,
        actionId: actionId ?? null,
      })),
      attendance: listAttendance(doc).map((a) => ({ ...a, at: readIsoTime(a.at) })),
    },
    panda,
    ...withheldJson(doc),
  }
}
