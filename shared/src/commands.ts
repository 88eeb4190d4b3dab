import { z } from 'zod'
import { HuiEndResult, NoContent } from './api-responses'
import type { CommandName } from './command-routes'
import { ActionStatus } from './domain'
import { AgreementPosition, AgreementRecord, AgreementTarget } from './plan/agreements'
import { CommentMessage, CommentTarget, MAX_COMMENT_LENGTH, type CommentThreadView } from './plan/comments'
import { FacilitatorFocus, ParkedTopic } from './plan/hui'
import { CommitmentResult } from './plan/commitments'
import { EngagementResult } from './plan/engagement'
import { ReleaseResult, WithheldResult } from './plan/withheld-records'

/**
 * Governance commands: small HTTP requests by which people record what the plan's
 * governance roots hold (./plan/writers.ts). The server checks each against the caller's
 * membership, writes it into the plan document with a server origin (so everyone sees it
 * live, in history, in snapshots and offline), and answers only once the write is durable.
 * Names, partner and organisation always come from the server's membership record.
 *
 * Every command accepts an `Idempotency-Key` header (8 to 128 characters of [A-Za-z0-9_-]):
 * the same key from the same person applies once, however often it is retried, and the
 * retry gets the first answer. Keys are kept at least 90 days (a device may stay offline
 * that long with commands in its outbox).
 */

export { IDEMPOTENCY_HEADER } from './command-routes'
export const IdempotencyKey = z.string().regex(/^[A-Za-z0-9_-]{8,128}$/, 'An idempotency key is 8 to 128 letters, digits, - or _')
/** How long the server keeps an idempotency key and its answer. */
export const IDEMPOTENCY_RETENTION_MS = 90 * 24 * 60 * 60 * 1000

const text = (max: number) => z.string().trim().min(1).max(max)

// --- Positions -----------------------------------------------------------------------------

/** PUT /api/plans/:id/positions: the caller's partner's position on an item. */
export const PositionBody = z.object({
  target: AgreementTarget,
  position: AgreementPosition,
  comment: z.string().trim().max(2000).optional(),
  /**
   * The version of the item the person saw when they chose (AgreementRecord.fingerprint).
   * A position given on an earlier version is stored against that version: it shows as
   * "on an earlier version", never as agreement to the new text.
   */
  fingerprint: z.string().min(1).max(32),
})
export type PositionBody = z.infer<typeof PositionBody>

export const PositionResult = z.object({
  target: AgreementTarget,
  /** The partner key the position was recorded for (the caller's partner). */
  partner: z.string(),
  record: AgreementRecord,
  /** The item changed since the version the person saw: the position stands for that earlier version. */
  earlierVersion: z.boolean(),
})
export type PositionResult = z.infer<typeof PositionResult>

// --- The hui -------------------------------------------------------------------------------

/** POST /api/plans/:id/hui/start. `agenda: 'default'` fills the usual agenda when it is empty. */
export const HuiStartBody = z.object({
  agenda: z.enum(['keep', 'default']).optional(),
  /** A scheduled hui (issue 14) whose agenda the hui takes; it is then marked started. */
  scheduledHuiId: z.string().min(1).max(64).optional(),
})
export type HuiStartBody = z.infer<typeof HuiStartBody>

/** POST /api/plans/:id/hui/advance: make an agenda item current (restarts its timer). */
export const HuiAdvanceBody = z.object({ itemId: z.string().min(1).max(64) })
export type HuiAdvanceBody = z.infer<typeof HuiAdvanceBody>

/** POST /api/plans/:id/hui/timer: pause, resume, or extend the current item by `minutes` (default 5). */
export const HuiTimerBody = z.object({
  action: z.enum(['pause', 'resume', 'extend']),
  minutes: z.number().int().min(1).max(120).optional(),
})
export type HuiTimerBody = z.infer<typeof HuiTimerBody>

/** POST /api/plans/:id/hui/focus: where the facilitator is, for those who follow (null: nowhere in particular). */
export const HuiFocusBody = z.object({ focus: FacilitatorFocus.pick({ step: true, target: true }).nullable() })
export type HuiFocusBody = z.infer<typeof HuiFocusBody>

/** The hui as the server left it after a command (shared getHuiState). */
export const HuiStateResult = z.object({
  huiId: z.string().nullable(),
  active: z.boolean(),
  startedAt: z.number().nullable(),
  currentItemId: z.string().nullable(),
  currentItemStartedAt: z.number().nullable(),
  timerPausedAt: z.number().nullable(),
  timerExtraMs: z.number(),
})
export type HuiStateResult = z.infer<typeof HuiStateResult>

// --- Parking lot -----------------------------------------------------------------------------

/** POST /api/plans/:id/parking-lot. */
export const ParkBody = z.object({ text: text(1000) })
export type ParkBody = z.infer<typeof ParkBody>

/** PATCH /api/plans/:id/parking-lot/:topicId. `owner` is a member's user id (null to clear). */
export const ParkPatchBody = z
  .object({
    owner: z.string().min(1).max(64).nullable().optional(),
    resolved: z.boolean().optional(),
    actionId: z.string().min(1).max(64).nullable().optional(),
  })
  .refine((b) => b.owner !== undefined || b.resolved !== undefined || b.actionId !== undefined, { message: 'Nothing to change' })
export type ParkPatchBody = z.infer<typeof ParkPatchBody>

export const ParkResult = ParkedTopic
export type ParkResult = ParkedTopic

/**
 * POST /api/plans/:id/parking-lot/:topicId/promote (no body): the topic becomes a priority
 * action (its text the title, its owner the lead) and is linked to it, in one write.
 */
export const PromoteResult = z.object({ actionId: z.string(), topic: ParkedTopic })
export type PromoteResult = z.infer<typeof PromoteResult>

// --- Comments --------------------------------------------------------------------------------

/** POST /api/plans/:id/comments: a new thread with its first message. */
export const CommentBody = z.object({ target: CommentTarget, body: text(MAX_COMMENT_LENGTH) })
export type CommentBody = z.infer<typeof CommentBody>

/** POST /api/plans/:id/comments/:threadId/replies. */
export const ReplyBody = z.object({ body: text(MAX_COMMENT_LENGTH) })
export type ReplyBody = z.infer<typeof ReplyBody>

/** PATCH /api/plans/:id/comments/:threadId. */
export const ThreadPatchBody = z.object({ resolved: z.boolean() })
export type ThreadPatchBody = z.infer<typeof ThreadPatchBody>

/** A comment thread as the server answers it: the shared view without the live map. */
export type ThreadResult = Omit<CommentThreadView, 'map'>
/** The schema of {@link ThreadResult}; the annotation keeps it in step with the view's type. */
export const ThreadResult: z.ZodType<ThreadResult> = z.object({
  id: z.string(),
  target: CommentTarget,
  createdBy: z.string(),
  createdByName: z.string(),
  createdAt: z.number(),
  resolved: z.boolean(),
  resolvedBy: z.string().nullable(),
  messages: z.array(CommentMessage),
})

export const ReplyResult = CommentMessage
export type ReplyResult = CommentMessage

// --- Progress reports --------------------------------------------------------------------------

/** POST /api/plans/:id/actions/:actionId/progress: a progress report, in the caller's name. */
export const ProgressBody = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** Measure id to the value reported. */
  values: z.record(z.string().max(64), z.number().finite()).refine((v) => Object.keys(v).length <= 200, { message: 'Too many values' }),
  status: ActionStatus.nullable().optional(),
  note: z.string().trim().max(4000).optional(),
})
export type ProgressBody = z.infer<typeof ProgressBody>

export const ProgressResult = z.object({
  id: z.string(),
  actionId: z.string(),
  date: z.string(),
  values: z.record(z.string(), z.number()),
  status: ActionStatus.nullable(),
  note: z.string(),
  authorId: z.string(),
  authorName: z.string(),
  createdAt: z.number(),
})
export type ProgressResult = z.infer<typeof ProgressResult>

// --- Restores ------------------------------------------------------------------------------------

/** What the server writes into the `restores` root on every restore; clients clear their undo history on a new one. */
export const RestoreRecord = z.object({
  id: z.string(),
  snapshotId: z.string(),
  label: z.string(),
  /** The snapshot kept of the plan just before the restore (to compare, or to undo the restore). */
  beforeSnapshotId: z.string(),
  by: z.string(),
  byName: z.string(),
  at: z.number().finite(),
})
export type RestoreRecord = z.infer<typeof RestoreRecord>

export { COMMAND_ROUTES, type CommandName } from './command-routes'

// Kept out of ./command-routes.ts, which must stay free of zod for the client's first page.
const commandResults = {
  putPosition: PositionResult,
  withdrawPosition: NoContent,
  huiStart: HuiStateResult,
  huiAdvance: HuiStateResult,
  huiTimer: HuiStateResult,
  huiFocus: HuiStateResult,
  huiEnd: HuiEndResult,
  park: ParkResult,
  patchTopic: ParkResult,
  deleteTopic: NoContent,
  promoteTopic: PromoteResult,
  startThread: ThreadResult,
  reply: ReplyResult,
  patchThread: ThreadResult,
  deleteThread: NoContent,
  deleteReply: NoContent,
  addProgress: ProgressResult,
  deleteProgress: NoContent,
  putEngagement: EngagementResult,
  clearEngagement: NoContent,
  putCommitment: CommitmentResult,
  withdrawCommitment: NoContent,
  putWithheld: WithheldResult,
  withdrawWithheld: NoContent,
  requestRelease: ReleaseResult,
  decideRelease: ReleaseResult,
} satisfies Record<CommandName, z.core.$ZodType>

/** The answer of command `N`, as {@link COMMAND_RESULTS} parses it. */
export type CommandResult<N extends CommandName> = z.output<(typeof commandResults)[N]>

/**
 * What each command answers (NoContent: `204`), for the client to parse the answer with;
 * typed so that `COMMAND_RESULTS[name]` parses to `CommandResult<name>`.
 */
export const COMMAND_RESULTS: { readonly [N in CommandName]: z.core.$ZodType<CommandResult<N>> } = commandResults
