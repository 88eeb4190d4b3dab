import { z } from 'zod/mini'
import { ENGAGEMENT_LEVELS } from './plan/engagement-levels'
import type { Partner } from './plan/partners'
import { ACTION_STATUSES, AFFILIATIONS, ROLES } from './vocabulary'

/**
 * The HTTP contract's response shapes (README "HTTP contract"), as zod schemas with their
 * types inferred from them: the server builds these objects, and the client parses every
 * answer with them (client/src/api/) instead of trusting a cast. Unknown fields are
 * stripped rather than refused, so a server that adds a field does not break an older
 * client still kept on a device.
 *
 * Written with `zod/mini` and importing only dependency-free modules, because the client's
 * first page (sign-in, plan list) loads this file: the full zod and the plan's schemas stay
 * in the chunks that open a plan. Responses that carry the plan itself (PlanJson, marks,
 * command results) are parsed with schemas beside their domain types (./plan/json.ts,
 * ./api.ts, ./commands.ts), which the client loads only with a plan.
 */

const Role = z.enum(ROLES)
const Affiliation = z.enum(AFFILIATIONS)
const ActionStatus = z.enum(ACTION_STATUSES)
/** Who did something: a member's id and name, or null for the system (or a removed account). */
const Person = z.nullable(z.object({ id: z.string(), name: z.string() }))

/** A schema any zod flavour builds (mini here, classic for the plan), as the client parses with it. */
export type ResponseSchema<T> = z.core.$ZodType<T>

/** The outcome of {@link parseResponse}: the value, or what was wrong with it in words. */
export type ParsedResponse<T> = { ok: true; value: T } | { ok: false; problem: string }

/** Checks a decoded response body against its schema; never throws. */
export function parseResponse<T>(schema: ResponseSchema<T>, data: unknown): ParsedResponse<T> {
  const parsed = z.safeParse(schema, data)
  if (parsed.success) return { ok: true, value: parsed.data }
  const issue = parsed.error.issues[0]
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : ''
  return { ok: false, problem: `${issue?.message ?? 'unexpected shape'}${where}` }
}

/** The person signed in (`GET /api/me`, register, login). */
export const Me = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  /** `GET /api/me` only: whether the address is verified, and whether this server sends mail at all (issue 14). */
  emailVerified: z.optional(z.boolean()),
  mailEnabled: z.optional(z.boolean()),
  /** `GET /api/me` and `PATCH /api/me`: the person's language for email (issue 14). */
  language: z.optional(z.enum(['en', 'mi'])),
})
export type Me = z.infer<typeof Me>

export const Member = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  role: Role,
  affiliation: Affiliation,
  organisation: z.nullable(z.string()),
  /** Records and withdraws their partner's position (viewers too); set on the invite. */
  speaksFor: z.boolean(),
  joinedAt: z.string(),
})
export type Member = z.infer<typeof Member>

export const PlanSummary = z.object({
  id: z.string(),
  title: z.string(),
  community: z.string(),
  district: z.nullable(z.string()),
  role: Role,
  affiliation: Affiliation,
  organisation: z.nullable(z.string()),
  /** I speak for my partner in this plan (record its position). */
  speaksFor: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  memberCount: z.number(),
  /** People connected to the plan right now. */
  activeCount: z.number(),
  /** Archived (read-only, out of the default list) since; null or absent while in use. */
  archivedAt: z.optional(z.nullable(z.string())),
  /** Deleted then, by a facilitator; its content is removed at `purgeAt` unless someone undoes it. */
  deletedAt: z.optional(z.nullable(z.string())),
  purgeAt: z.optional(z.nullable(z.string())),
})
export type PlanSummary = z.infer<typeof PlanSummary>

export const PlanDetail = z.extend(PlanSummary, { members: z.array(Member) })
export type PlanDetail = z.infer<typeof PlanDetail>

/** A plan's partner (`GET /api/plans/:id/partners`); the type is the domain's {@link Partner}. */
export const PartnerResponse: z.ZodMiniType<Partner> = z.object({
  key: z.string(),
  affiliation: Affiliation,
  organisation: z.nullable(z.string()),
})

export const Invite = z.object({
  code: z.string(),
  url: z.string(),
  planId: z.string(),
  role: Role,
  affiliation: Affiliation,
  organisation: z.nullable(z.string()),
  speaksFor: z.boolean(),
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.nullable(z.string()),
  maxUses: z.nullable(z.number()),
  uses: z.number(),
})
export type Invite = z.infer<typeof Invite>

/** What anyone holding an invite code may learn before accepting it. */
export const InvitePreview = z.object({
  planId: z.string(),
  planTitle: z.string(),
  community: z.string(),
  role: Role,
  affiliation: Affiliation,
  organisation: z.nullable(z.string()),
  expiresAt: z.string(),
  invitedBy: z.string(),
})
export type InvitePreview = z.infer<typeof InvitePreview>

/** Answer to accepting an invite: the plan joined and the role held there. */
export const InviteAccepted = z.object({ planId: z.string(), role: Role })
export type InviteAccepted = z.infer<typeof InviteAccepted>

// --- Join at the hui by QR code ------------------------------------------------------------

/** A join code as shown (`POST /api/plans/:id/join-code`): the code itself is given only here, once. */
export const JoinCode = z.object({
  code: z.string(),
  /** The join page on the public origin: what the QR code holds. */
  url: z.string(),
  expiresAt: z.string(),
  maxUses: z.number(),
  uses: z.number(),
})
export type JoinCode = z.infer<typeof JoinCode>

/** What anyone holding a live join code may learn: the plan's title and community, nothing else. */
export const JoinPreview = z.object({ planTitle: z.string(), community: z.string() })
export type JoinPreview = z.infer<typeof JoinPreview>

export const JOIN_REQUEST_STATUSES = ['pending', 'admitted', 'declined'] as const
export type JoinRequestStatusName = (typeof JOIN_REQUEST_STATUSES)[number]

/**
 * Where a person's request to join stands (the requester's own view); `planId` once admitted.
 * `requestId` is null when the person was already a member (then `status` is `admitted`).
 */
export const JoinRequestStatus = z.object({
  requestId: z.nullable(z.string()),
  status: z.enum(JOIN_REQUEST_STATUSES),
  planId: z.nullable(z.string()),
})
export type JoinRequestStatus = z.infer<typeof JoinRequestStatus>

/** A pending request to join, as facilitators see it. */
export const JoinRequest = z.object({
  id: z.string(),
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  /** Whom they said they speak for; null when they did not say. */
  affiliation: z.nullable(Affiliation),
  organisation: z.nullable(z.string()),
  requestedAt: z.string(),
})
export type JoinRequest = z.infer<typeof JoinRequest>

/** `GET /api/plans/:id/join-requests`: pending requests, oldest first, and the live join code's counts (null when none is shown). */
export const JoinRequestList = z.object({
  requests: z.array(JoinRequest),
  joinCode: z.nullable(z.object({ expiresAt: z.string(), maxUses: z.number(), uses: z.number() })),
})
export type JoinRequestList = z.infer<typeof JoinRequestList>

/** A single-use WebSocket ticket (`?ticket=`) for clients that cannot send the session cookie. */
export const WsTicket = z.object({ ticket: z.string(), expiresAt: z.string() })
export type WsTicket = z.infer<typeof WsTicket>

export const SNAPSHOT_KINDS = ['named', 'auto', 'pre-restore', 'shutdown'] as const
export type SnapshotKind = (typeof SNAPSHOT_KINDS)[number]

export const SnapshotSummary = z.object({
  id: z.string(),
  label: z.string(),
  kind: z.enum(SNAPSHOT_KINDS),
  createdAt: z.string(),
  createdBy: Person,
})
export type SnapshotSummary = z.infer<typeof SnapshotSummary>

/** Answer to a restore: the snapshot restored, and the one kept of the plan just before. */
export const RestoreResult = z.object({ restored: z.string(), before: SnapshotSummary })
export type RestoreResult = z.infer<typeof RestoreResult>

export const AUDIT_EVENTS = [
  'plan.created',
  'member.joined',
  'member.updated',
  'member.removed',
  'invite.created',
  'invite.revoked',
  'snapshot.created',
  'snapshot.restored',
  /** A facilitator marked an item agreed at a hui (details: target, snapshotId, label, partners). */
  'item.agreed',
  /** A plan's stored state could not be loaded and was recovered (details: how, snapshotId, quarantined). */
  'plan.recovered',
  /** An update that Yjs could not apply was set aside (details: quarantineId, bytes). */
  'update.quarantined',
  /** A facilitator ended a hui (details: huiId, snapshotId). */
  'hui.ended',
  /** A facilitator changed the plan's title, community or district (details: from, to). */
  'plan.updated',
  'plan.archived',
  /** An archived plan was restored to use. */
  'plan.unarchived',
  /** A facilitator deleted the plan (details: title, purgeAt). */
  'plan.deleted',
  /** A facilitator undid a pending deletion. */
  'plan.undeleted',
  /** The server removed a deleted plan's content after the grace period (actor: null). */
  'plan.purged',
  /** A facilitator showed a join code at a hui (details: huiId, maxUses, expiresAt; never the code). */
  'joincode.shown',
  /** A join code stopped being shown (details: uses). */
  'joincode.stopped',
  /** Someone asked to join with a join code (details: requestId, userId, name); admitting them is `member.joined`. */
  'join.requested',
  /** A facilitator declined a request to join (details: requestId, userId, name). */
  'join.declined',
  /** A facilitator asked to share the plan's summary with a district group (details: groupId, groupName), or stopped (groupId null). */
  'district.share.requested',
  /** A partner consented to a district subject (details: subject 'share' | 'raise:<id>', partner). */
  'district.consent.given',
  /** A partner withdrew its consent (details: subject, partner). */
  'district.consent.withdrawn',
  /** An item was raised to the district group (details: raisedId, groupId, target). */
  'district.raised',
  /** The district answered or closed a raised item (details: raisedId, groupId, status). */
  'district.answered',
] as const
export type AuditEventType = (typeof AUDIT_EVENTS)[number]

export const AuditEvent = z.object({
  id: z.number(),
  event: z.enum(AUDIT_EVENTS),
  actor: Person,
  details: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
})
export type AuditEvent = z.infer<typeof AuditEvent>

// --- Access log (issue 13) --------------------------------------------------------------

/**
 * Kinds of access the server records in a plan's access log (written by the server from its own
 * record of the caller, never by a device): opening the plan (once per person per Aotearoa day),
 * viewing a snapshot or a comparison, and every download.
 */
export const ACCESS_KINDS = [
  /** Opened the plan (its live document), once per person per day however often they reconnect. */
  'plan.opened',
  /** Viewed a snapshot (details: snapshotId, label). */
  'snapshot.viewed',
  /** Compared two versions (details: from, to). */
  'diff.viewed',
  /** Downloaded the actions as CSV. */
  'export.csv',
  /** Downloaded the plan as JSON (the export file another plan can be made from). */
  'export.json',
  /** Printed or downloaded a hui's minutes (details: snapshotId, label, releaseId, withheld: how many items left out). */
  'export.minutes',
  /** Downloaded a snapshot (details: snapshotId, label, releaseId, withheld). */
  'export.snapshot',
  /** Downloaded the plan as a template file (details: releaseId, withheld). */
  'export.template',
  /** Downloaded this access log as CSV. */
  'access-log.downloaded',
  /** Downloaded their partner's own contributions (the file kept while a deleted plan waits). */
  'export.contributions',
  /** Printed the plan (the printable plan, rendered from the server's copy; details: releaseId, withheld). */
  'plan.printed',
  /** Made a plan from this plan's export file (details: the new plan's id). */
  'plan.imported',
  /** Asked for withheld items to be released (details: requestId, items, audience). */
  'release.requested',
  /** A partner approved or declined a release (details: requestId, decision). */
  'release.decided',
  /** A district group member viewed this plan's summary in the district roll-up (details: groupId). */
  'district.viewed',
  /** An item of this plan was raised to its district group, or the district answered (details: raisedId). */
  'district.raised',
  /** An email or calendar entry carrying item titles was sent or served (details: what). */
  'message.sent',
] as const
export type AccessKind = (typeof ACCESS_KINDS)[number]

/** One access, as the server recorded it: who, for which partner (at the time), what, when. */
export const AccessEntry = z.object({
  id: z.number(),
  kind: z.enum(ACCESS_KINDS),
  person: Person,
  /** The partner the person was a member for when they accessed the plan. */
  partner: z.object({ affiliation: Affiliation, organisation: z.nullable(z.string()) }),
  details: z.record(z.string(), z.unknown()),
  at: z.string(),
})
export type AccessEntry = z.infer<typeof AccessEntry>

/** `GET /api/plans/:id/access-log`: newest first; `nextBefore` pages on (null at the end). */
export const AccessLogPage = z.object({ entries: z.array(AccessEntry), nextBefore: z.nullable(z.number()) })
export type AccessLogPage = z.infer<typeof AccessLogPage>

export const HuiEndResult = z.object({
  /** The named snapshot that keeps the minutes ("Minutes of hui, <date>"). */
  snapshot: SnapshotSummary,
  huiId: z.nullable(z.string()),
})
export type HuiEndResult = z.infer<typeof HuiEndResult>

// --- Tracker -----------------------------------------------------------------------------

/** The latest progress entry on an action, as the tracker shows it. */
export const TrackerProgress = z.object({
  date: z.string(),
  note: z.string(),
  authorName: z.string(),
  status: z.nullable(ActionStatus),
})
export type TrackerProgress = z.infer<typeof TrackerProgress>

export const TrackerRow = z.object({
  planId: z.string(),
  planTitle: z.string(),
  community: z.string(),
  district: z.nullable(z.string()),
  actionId: z.string(),
  title: z.string(),
  lead: z.string(),
  leadUserId: z.nullable(z.string()),
  partners: z.array(z.string()),
  dueDate: z.nullable(z.string()),
  /** The action's review date, or the plan's when the action has none. */
  reviewDate: z.nullable(z.string()),
  status: ActionStatus,
  /** Marked agreed at a hui. */
  agreed: z.boolean(),
  changedSinceAgreed: z.boolean(),
  overdue: z.boolean(),
  reviewDue: z.boolean(),
  lastProgress: z.nullable(TrackerProgress),
  /** The engagement level agreed for the action (issue 13 §4), or null. */
  engagement: z.nullable(z.enum(ENGAGEMENT_LEVELS)),
})
export type TrackerRow = z.infer<typeof TrackerRow>

export const TrackerResponse = z.object({
  /** Reviews due (today or earlier) first, then the rest in the requested order. */
  rows: z.array(TrackerRow),
  /**
   * Actions left out only because nobody has agreed them yet (the default view shows agreed
   * actions): what `all=1` would add. Zero when `all=1` was asked for.
   */
  notYetAgreed: z.number(),
  /** Date the server used for "today", overdue and due reviews (YYYY-MM-DD, Pacific/Auckland). */
  today: z.string(),
})
export type TrackerResponse = z.infer<typeof TrackerResponse>

// --- Diff --------------------------------------------------------------------------------

/** One run of text in a word diff. */
export const DiffPart = z.object({ kind: z.enum(['same', 'added', 'removed']), text: z.string() })
export type DiffPart = z.infer<typeof DiffPart>

export const FieldDiff = z.object({
  /** 'title', 'description', 'activity', 'output', 'outcome', 'impact', 'lead', 'partners', 'dueDate', 'status', 'measures', 'environment', ... */
  field: z.string(),
  before: z.string(),
  after: z.string(),
  parts: z.array(DiffPart),
})
export type FieldDiff = z.infer<typeof FieldDiff>

export const ItemDiff = z.object({
  id: z.string(),
  title: z.string(),
  change: z.enum(['added', 'removed', 'changed']),
  fields: z.array(FieldDiff),
})
export type ItemDiff = z.infer<typeof ItemDiff>

export const SectionDiff = z.object({
  section: z.enum(['meta', 'focusAreas', 'environment', 'conditions', 'actions', 'monitoring']),
  items: z.array(ItemDiff),
})
export type SectionDiff = z.infer<typeof SectionDiff>

const DiffEnd = z.object({ snapshotId: z.nullable(z.string()), label: z.string(), at: z.string() })

export const PlanDiff = z.object({
  from: DiffEnd,
  to: DiffEnd,
  sections: z.array(SectionDiff),
  unchanged: z.boolean(),
})
export type PlanDiff = z.infer<typeof PlanDiff>

/** The answer of a request that answers `204 No Content`: nothing. */
export const NoContent = z.undefined()
export type NoContent = z.infer<typeof NoContent>

/**
 * An error body as the client reads it: `{ error: { code, message } }` (api.ts ErrorBody),
 * read leniently so that a code this client does not know yet still comes through.
 */
export const ErrorResponse = z.object({ error: z.object({ code: z.optional(z.string()), message: z.optional(z.string()) }) })
export type ErrorResponse = z.infer<typeof ErrorResponse>

// --- Lists, as the list routes answer them -----------------------------------------------

export const PlanSummaryList = z.array(PlanSummary)
export const PartnerList = z.array(PartnerResponse)
export const InviteList = z.array(Invite)
export const SnapshotList = z.array(SnapshotSummary)
/** Newest first. */
export const AuditEventList = z.array(AuditEvent)
