import { z as zc } from 'zod'
import { z } from 'zod/mini'
import { displayName } from './api'
import { AgreementTarget } from './plan/agreements'
import { ENGAGEMENT_LEVELS } from './plan/engagement-levels'
import { ACTION_STATUSES, AFFILIATIONS } from './vocabulary'

/**
 * District groups (issue 13 §6): the request bodies and response shapes of the district routes
 * (README "HTTP contract"). A plan's summary reaches its district group only while every partner
 * of the plan consents; a district member who is not a plan member sees the roll-up, never the plan.
 *
 * Request bodies use the full zod (the server validates with them, as ./api.ts does); responses use
 * `zod/mini` (as ./api-responses.ts does) so the client's district screen stays small.
 */

// --- Request bodies ---------------------------------------------------------------------------

/** The longest district group name. */
export const MAX_DISTRICT_NAME_CHARS = 120
/** The longest note on a raised item ("what is asked of the district"). */
export const MAX_RAISED_NOTE_CHARS = 1000
/** The longest answer a district gives to a raised item. */
export const MAX_RAISED_ANSWER_CHARS = 2000

/** `POST /api/admin/districts`: a new district group. */
export const CreateDistrictBody = zc.object({ name: displayName(1, MAX_DISTRICT_NAME_CHARS) })
export type CreateDistrictBody = zc.infer<typeof CreateDistrictBody>

/** `POST /api/admin/districts/:groupId/members`: add a person (by their account's email). */
export const AddDistrictMemberBody = zc.object({ email: zc.string().trim().min(3).max(320) })
export type AddDistrictMemberBody = zc.infer<typeof AddDistrictMemberBody>

/** `PUT /api/plans/:id/district`: a facilitator asks to share the plan's summary with a group. */
export const ShareWithDistrictBody = zc.object({ groupId: zc.string().min(1).max(64) })
export type ShareWithDistrictBody = zc.infer<typeof ShareWithDistrictBody>

/** `POST /api/plans/:id/district/raised`: raise an item of the plan to its district, with what is asked. */
export const RaiseItemBody = zc.object({
  target: AgreementTarget,
  note: zc.string().trim().min(1).max(MAX_RAISED_NOTE_CHARS),
})
export type RaiseItemBody = zc.infer<typeof RaiseItemBody>

/** `POST /api/districts/:groupId/raised/:raisedId/answer`: the district answers (or closes) a raised item. */
export const AnswerRaisedBody = zc.object({
  answer: zc.string().trim().max(MAX_RAISED_ANSWER_CHARS),
  status: zc.enum(['answered', 'closed']),
})
export type AnswerRaisedBody = zc.infer<typeof AnswerRaisedBody>

/** Query of `GET /api/districts/:groupId/rollup`: status, overdue only, focus-area keyword. */
export const RollupQuery = zc.object({
  status: zc.enum(ACTION_STATUSES).optional(),
  overdue: zc
    .enum(['1', '0', 'true', 'false'])
    .optional()
    .transform((value) => value === '1' || value === 'true'),
  q: zc.string().trim().max(200).optional(),
})
export type RollupQuery = zc.infer<typeof RollupQuery>

// --- Responses --------------------------------------------------------------------------------

const Affiliation = z.enum(AFFILIATIONS)
const ActionStatus = z.enum(ACTION_STATUSES)
const EngagementLevel = z.nullable(z.enum(ENGAGEMENT_LEVELS))

export const RAISED_STATUSES = ['open', 'answered', 'closed'] as const
export const RaisedStatus = z.enum(RAISED_STATUSES)
export type RaisedStatus = z.infer<typeof RaisedStatus>

/** A district group as its members (or an administrator) list it. */
export const DistrictGroupSummary = z.object({ id: z.string(), name: z.string(), memberCount: z.number() })
export type DistrictGroupSummary = z.infer<typeof DistrictGroupSummary>

/** `GET /api/districts`: the groups the caller is in (all of them for an administrator). */
export const DistrictList = z.object({ admin: z.boolean(), groups: z.array(DistrictGroupSummary) })
export type DistrictList = z.infer<typeof DistrictList>

/** A member of a district group, as an administrator sees them. */
export const DistrictMember = z.object({ userId: z.string(), name: z.string(), email: z.string() })
export type DistrictMember = z.infer<typeof DistrictMember>

/** `GET /api/admin/districts`: every group with its members. */
export const AdminDistricts = z.object({
  groups: z.array(z.object({ id: z.string(), name: z.string(), members: z.array(DistrictMember) })),
})
export type AdminDistricts = z.infer<typeof AdminDistricts>

/** `POST /api/admin/districts`: the group created. */
export const DistrictGroupCreated = z.object({ id: z.string(), name: z.string() })
export type DistrictGroupCreated = z.infer<typeof DistrictGroupCreated>

/** An item raised to the district, its note, and the district's answer (ISO times). */
export const RaisedItem = z.object({
  id: z.string(),
  planId: z.string(),
  groupId: z.string(),
  target: z.object({ kind: z.enum(['focusArea', 'condition', 'action', 'monitoring']), id: z.string() }),
  /** The item's title when it was raised. */
  title: z.string(),
  note: z.string(),
  raisedByName: z.nullable(z.string()),
  raisedAt: z.string(),
  status: RaisedStatus,
  answer: z.nullable(z.string()),
  answeredByName: z.nullable(z.string()),
  answeredAt: z.nullable(z.string()),
})
export type RaisedItem = z.infer<typeof RaisedItem>

/** One partner of a plan and its consent to a subject (the summary, or one raised item), or null. */
export const PartnerConsentState = z.object({
  /** The partner key (`affiliation:organisation`). */
  partner: z.string(),
  affiliation: Affiliation,
  organisation: z.nullable(z.string()),
  consent: z.nullable(z.object({ givenByName: z.nullable(z.string()), givenAt: z.string() })),
})
export type PartnerConsentState = z.infer<typeof PartnerConsentState>

/** A raised item as the plan sees it: in effect only when every current partner consents. */
export const PlanRaisedItem = z.extend(RaisedItem, { inEffect: z.boolean(), partners: z.array(PartnerConsentState) })
export type PlanRaisedItem = z.infer<typeof PlanRaisedItem>

/** `GET /api/plans/:id/district`: the plan's sharing with its district, and who has consented. */
export const PlanDistrict = z.object({
  share: z.nullable(
    z.object({ groupId: z.string(), groupName: z.string(), requestedByName: z.nullable(z.string()), requestedAt: z.string() }),
  ),
  /** The summary reaches the group: a share exists and every current partner consents. */
  inEffect: z.boolean(),
  partners: z.array(PartnerConsentState),
  /** The groups a facilitator may share with. */
  groups: z.array(z.object({ id: z.string(), name: z.string() })),
  raised: z.array(PlanRaisedItem),
  /** The caller speaks for a partner, so may give or withdraw its consent. */
  canConsent: z.boolean(),
  /** The caller's partner key (from their membership), or null when they are not a member. */
  callerPartner: z.nullable(z.string()),
})
export type PlanDistrict = z.infer<typeof PlanDistrict>

/** The last progress on an action, title-level only: the date and status, never the note. */
export const RollupProgress = z.object({ date: z.string(), status: z.nullable(ActionStatus) })
export type RollupProgress = z.infer<typeof RollupProgress>

export const RollupFocusArea = z.object({ id: z.string(), title: z.string(), engagement: EngagementLevel })
export type RollupFocusArea = z.infer<typeof RollupFocusArea>

export const RollupAction = z.object({
  id: z.string(),
  title: z.string(),
  lead: z.string(),
  status: ActionStatus,
  dueDate: z.nullable(z.string()),
  lastProgress: z.nullable(RollupProgress),
  agreed: z.boolean(),
  changedSinceAgreed: z.boolean(),
  /** The engagement level agreed for the action (issue 13 §4), or null. */
  engagement: EngagementLevel,
  overdue: z.boolean(),
  focusAreaIds: z.array(z.string()),
})
export type RollupAction = z.infer<typeof RollupAction>

/** A review due within 14 days or past: the plan's, or an action's. */
export const RollupReview = z.object({
  kind: z.enum(['plan', 'action']),
  /** The action's id, or null for the plan's review. */
  actionId: z.nullable(z.string()),
  title: z.string(),
  date: z.string(),
  overdue: z.boolean(),
})
export type RollupReview = z.infer<typeof RollupReview>

/** One measure's chart data. */
export const RollupMeasure = z.object({
  actionId: z.string(),
  id: z.string(),
  name: z.string(),
  unit: z.string(),
  baseline: z.nullable(z.number()),
  target: z.nullable(z.number()),
  points: z.array(z.object({ date: z.string(), value: z.number() })),
})
export type RollupMeasure = z.infer<typeof RollupMeasure>

/** Something a partner withheld: the district is told what kind of item and whose, never what it is. */
export const RollupWithheld = z.object({
  kind: z.enum(['focusArea', 'condition', 'action', 'monitoring']),
  /** The partner key. */
  partner: z.string(),
  /** The partner as people name it ("Ngāti Awa"). */
  partnerLabel: z.string(),
})
export type RollupWithheld = z.infer<typeof RollupWithheld>

/** One shared plan in the roll-up: titles, statuses and numbers; no rich text, no comments. */
export const RollupPlan = z.object({
  planId: z.string(),
  title: z.string(),
  community: z.string(),
  focusAreas: z.array(RollupFocusArea),
  actions: z.array(RollupAction),
  reviewsDue: z.array(RollupReview),
  measures: z.array(RollupMeasure),
  withheld: z.array(RollupWithheld),
  raised: z.array(RaisedItem),
})
export type RollupPlan = z.infer<typeof RollupPlan>

/** `GET /api/districts/:groupId/rollup`: every plan shared with the group and in effect, filtered. */
export const DistrictRollup = z.object({
  group: z.object({ id: z.string(), name: z.string() }),
  /** Date the server used for overdue and reviews due (YYYY-MM-DD, Pacific/Auckland). */
  today: z.string(),
  plans: z.array(RollupPlan),
})
export type DistrictRollup = z.infer<typeof DistrictRollup>
