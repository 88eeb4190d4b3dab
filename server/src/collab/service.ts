import type { WebSocket } from 'ws'
import type * as Y from 'yjs'
import type {
  Affiliation,
  CloseCode,
  AgreementTarget,
  CommandName,
  CommentBody,
  CommitmentBody,
  CommitmentId,
  EngagementBody,
  EngagementTarget,
  HuiAdvanceBody,
  HuiFocusBody,
  HuiStartBody,
  HuiTimerBody,
  ScheduledAgendaItem,
  MarkAgreedBody,
  ParkBody,
  ParkPatchBody,
  Partner,
  PlanJson,
  PositionBody,
  ProgressBody,
  ReplyBody,
  Role,
  SnapshotSummary,
  ThreadPatchBody,
  ReleaseBody,
  ReleaseDecisionBody,
  WithheldBody,
  Contributor,
} from '@hononga/shared'
import type { SocketIdentity } from './connection'

/** The outcome of authenticating an upgrade request, decided before any document byte is sent. */
export type SocketAccess = { ok: true; planId: string; identity: SocketIdentity; wantsAcks: boolean } | { ok: false; code: CloseCode }

/** Live counters, for /api/metrics, tests and benchmarks. */
export interface EngineStats {
  plansInMemory: number
  connections: number
  updatesAppended: number
  bytesAppended: number
  writeBatches: number
  compactions: number
  compactionBytes: number
}

/** Initial values of a new plan's document; the server creates its structure once. */
export interface NewPlanInit {
  title: string
  community: string
  district: string | null
}

/**
 * What the HTTP routes need from the sync engine (server/src/collab). Every method goes
 * through the live, in-memory plan when it is loaded, so connected people see the effect at once.
 */
export interface CollabService {
  /**
   * Creates and stores the document of a new plan. Call inside plan creation. With a
   * `template` (an imported plan) its content is written in before the document is first
   * stored (shared importPlanContent), so nobody ever sees the plan half filled.
   * The imported items are the `importer`'s contribution (their origins, issue 13 §1).
   */
  createPlanDocument(planId: string, init: NewPlanInit, template?: PlanJson, importer?: Contributor): Promise<void>
  /** The current plan as JSON (throws AppError 'plan_unavailable' if it cannot be loaded). */
  renderPlan(planId: string): Promise<PlanJson>
  /** Re-derives the tables computed from the plan's document (the action tracker), loading it if needed. */
  refreshDerived(planId: string): Promise<void>
  /** People connected to the plan right now (0 when it is not loaded). */
  activeCount(planId: string): number
  /** Re-reads the membership of connected sockets: a removed member is disconnected, a new role applies at once. */
  membershipChanged(planId: string, userId: string): void
  /**
   * Re-reads the membership of every connected socket of a plan: the plan was archived,
   * deleted or restored, so its sockets become read-only or writable again at once.
   */
  planAccessChanged(planId: string): void
  /**
   * Changes the plan's heading in its document, as the server (a facilitator renamed it):
   * everyone connected sees it at once; resolves once the change is stored.
   */
  updatePlanMeta(planId: string, change: Partial<NewPlanInit>): Promise<void>
  /** Reads the live plan document (loading it if needed); `read` must not change it. */
  readPlan<T>(planId: string, read: (doc: Y.Doc) => T): Promise<T>
  /**
   * Removes a plan's stored document, updates and snapshots for good (a deletion's purge):
   * its sockets are closed with 4404 and its copy in memory is dropped without being stored.
   */
  forgetPlan(planId: string): Promise<void>
  /** Closes every socket a session opened (by cookie, or with a ticket it minted) with 4401: the person signed out. */
  closeSession(sessionId: string): void
  createSnapshot(planId: string, label: string, userId: string): Promise<SnapshotSummary>
  listSnapshots(planId: string): Promise<SnapshotSummary[]>
  renderSnapshot(planId: string, snapshotId: string): Promise<PlanJson | null>
  /**
   * Restores a snapshot as a new forward change, with a RestoreRecord written into the plan
   * in the same transaction; returns the snapshot kept of the state before.
   */
  restoreSnapshot(planId: string, snapshotId: string, userId: string): Promise<{ before: SnapshotSummary } | null>
  /**
   * Runs a governance command (collab/commands/): checks it against the plan, writes it in
   * one transaction with a command origin, answers once it is durable. With an
   * Idempotency-Key the same key applies once and a retry gets the first answer.
   * Throws AppError (404 no such target, 403 not theirs to change, 409 conflict...).
   */
  command<T = unknown>(planId: string, request: CommandRequest): Promise<CommandAnswer<T>>
  /** Takes over an upgraded WebSocket whose access was decided on the upgrade request. */
  acceptSocket(socket: WebSocket, access: SocketAccess): void
  /** Live counters (plans in memory, sockets, bytes written). */
  stats(): EngineStats
}

/** Who runs a command: the server's own record of them (users and members tables), never the body. */
export interface CommandCaller {
  userId: string
  name: string
  role: Role
  affiliation: Affiliation
  organisation: string | null
  /** Records their partner's position and comments for it (viewers too). */
  speaksFor: boolean
}

/**
 * Whose agreement can count (for marking an item agreed), from the members table: the
 * members who speak for their partner, and the partners that have such a member or not.
 */
export interface PartnerVoices {
  /** User ids of members who speak for their partner. */
  speakers: ReadonlySet<string>
  /** Partners with at least one member who speaks for them. */
  voiced: readonly Partner[]
  /** Partners whose members do not speak for them (their agreement cannot be recorded). */
  silent: readonly Partner[]
}

/** Every governance command, with what its route parsed (bodies validated by the shared zod schemas). */
export type GovernanceCommand =
  | { name: 'putPosition'; body: PositionBody }
  | { name: 'withdrawPosition'; target: AgreementTarget }
  /** `agenda`: a scheduled hui's agenda (read by the route from its row), which replaces the hui's agenda. */
  | { name: 'huiStart'; body: HuiStartBody; agenda?: readonly ScheduledAgendaItem[] }
  | { name: 'huiAdvance'; body: HuiAdvanceBody }
  | { name: 'huiTimer'; body: HuiTimerBody }
  | { name: 'huiFocus'; body: HuiFocusBody }
  | { name: 'huiEnd' }
  | { name: 'park'; body: ParkBody }
  /** `owner` is the member named by body.owner, looked up by the route (null clears it). */
  | { name: 'patchTopic'; topicId: string; body: ParkPatchBody; owner?: { id: string; name: string } | null }
  | { name: 'deleteTopic'; topicId: string }
  | { name: 'promoteTopic'; topicId: string }
  | { name: 'startThread'; body: CommentBody }
  | { name: 'reply'; threadId: string; body: ReplyBody }
  | { name: 'patchThread'; threadId: string; body: ThreadPatchBody }
  | { name: 'deleteThread'; threadId: string }
  | { name: 'deleteReply'; threadId: string; replyId: string }
  | { name: 'addProgress'; actionId: string; body: ProgressBody }
  | { name: 'deleteProgress'; actionId: string; entryId: string }
  | { name: 'markAgreed'; body: MarkAgreedBody; voices: PartnerVoices }
  | { name: 'putEngagement'; body: EngagementBody }
  | { name: 'clearEngagement'; target: EngagementTarget }
  | { name: 'putCommitment'; commitment: CommitmentId; body: CommitmentBody }
  | { name: 'withdrawCommitment'; commitment: CommitmentId }
  | { name: 'putWithheld'; body: WithheldBody }
  | { name: 'withdrawWithheld'; target: AgreementTarget }
  | { name: 'requestRelease'; body: ReleaseBody }
  | { name: 'decideRelease'; requestId: string; body: ReleaseDecisionBody }

/** Names of the commands (those of shared COMMAND_ROUTES, and marking agreed). */
export type GovernanceCommandName = GovernanceCommand['name'] & (CommandName | 'markAgreed')

export interface CommandRequest {
  caller: CommandCaller
  command: GovernanceCommand
  /** The Idempotency-Key header, if any (already validated). */
  key: string | null
  /** `METHOD path` of the request: the same key on another request is refused (409). */
  signature: string
  at: number
}

/** A command's answer: the HTTP status and JSON body (null for 204). */
export interface CommandAnswer<T = unknown> {
  status: 200 | 201 | 204
  body: T | null
  /** The answer was stored under the key by an earlier request (nothing was applied now). */
  replayed?: boolean
}
