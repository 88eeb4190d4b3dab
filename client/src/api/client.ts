import {
  COMMAND_ROUTES,
  IDEMPOTENCY_HEADER,
  type CommandName,
  type CommentBody,
  type HuiAdvanceBody,
  type HuiFocusBody,
  type HuiStartBody,
  type HuiStateResult,
  type HuiTimerBody,
  type ParkBody,
  type ParkPatchBody,
  type ParkResult,
  type PositionBody,
  type PositionResult,
  type ProgressBody,
  type ProgressResult,
  type ReplyBody,
  type ReplyResult,
  type ThreadPatchBody,
  type ThreadResult,
} from '@hononga/shared'
import type {
  AgreementTarget,
  AuditEvent,
  HuiEndResult,
  MarkAgreedResult,
  PlanDiff,
  TrackerQuery,
  TrackerResponse,
  CreateInviteBody,
  CreatePlanBody,
  Invite,
  InviteAccepted,
  InvitePreview,
  Me,
  Member,
  Partner,
  PlanDetail,
  PlanJson,
  PlanSummary,
  SnapshotSummary,
  UpdateMemberBody,
} from '@hononga/shared'

/** An HTTP error from the API: its status, stable code and the server's message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** How long the server asked us to wait before trying again (`Retry-After`, on 429 and 503). */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

/** The network failed (offline, server down): distinct from an answer from the server. */
export class NetworkError extends Error {
  constructor() {
    super('network unavailable')
    this.name = 'NetworkError'
  }
}

/** `Retry-After` in milliseconds: seconds, or an HTTP date; null when absent or unreadable. */
function retryAfter(header: string | null): number | null {
  if (!header) return null
  const seconds = Number(header)
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
  const at = Date.parse(header)
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now())
}

async function request<T>(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<T> {
  let response: Response
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...extraHeaders },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  } catch {
    throw new NetworkError()
  }
  if (response.status === 204) return undefined as T
  const data = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null
  if (!response.ok) {
    throw new ApiError(
      response.status,
      data?.error?.code ?? 'internal',
      data?.error?.message ?? response.statusText,
      retryAfter(response.headers.get('retry-after')),
    )
  }
  return data as T
}

const enc = encodeURIComponent

/** Path parameters of a command other than the plan (`:id`), e.g. `{ threadId }`. */
export type CommandParams = Readonly<Record<string, string>>

/** The address of a command: COMMAND_ROUTES' path with the plan and the other parameters filled in. */
export function commandPath(name: CommandName, planId: string, params: CommandParams = {}): string {
  return COMMAND_ROUTES[name].path.replace(/:([A-Za-z]+)/g, (_whole, param: string) => {
    const value = param === 'id' ? planId : params[param]
    if (value === undefined) throw new Error(`Command ${name} needs the parameter ${param}`)
    return enc(value)
  })
}

/**
 * Sends one governance command (shared/src/commands.ts) with its idempotency key: the same
 * key applies once on the server however often it is sent, so a retry is always safe.
 */
export function sendCommand<T = unknown>(name: CommandName, planId: string, key: string, params: CommandParams = {}, body?: unknown): Promise<T> {
  return request<T>(COMMAND_ROUTES[name].method, commandPath(name, planId, params), body, { [IDEMPOTENCY_HEADER]: key })
}

/**
 * One method per governance command (COMMAND_ROUTES), each taking the idempotency key made
 * when the person acted. Queueable commands normally go through the outbox (sync/outbox.ts),
 * which calls {@link sendCommand}; the hui controls, which need a connection, call these.
 */
export const commands = {
  putPosition: (planId: string, body: PositionBody, key: string) => sendCommand<PositionResult>('putPosition', planId, key, {}, body),
  withdrawPosition: (planId: string, target: AgreementTarget, key: string) =>
    sendCommand<void>('withdrawPosition', planId, key, { kind: target.kind, targetId: target.id }),
  huiStart: (planId: string, body: HuiStartBody, key: string) => sendCommand<HuiStateResult>('huiStart', planId, key, {}, body),
  huiAdvance: (planId: string, body: HuiAdvanceBody, key: string) => sendCommand<HuiStateResult>('huiAdvance', planId, key, {}, body),
  huiTimer: (planId: string, body: HuiTimerBody, key: string) => sendCommand<HuiStateResult>('huiTimer', planId, key, {}, body),
  huiFocus: (planId: string, body: HuiFocusBody, key: string) => sendCommand<HuiStateResult>('huiFocus', planId, key, {}, body),
  huiEnd: (planId: string, key: string) => sendCommand<HuiEndResult>('huiEnd', planId, key),
  park: (planId: string, body: ParkBody, key: string) => sendCommand<ParkResult>('park', planId, key, {}, body),
  patchTopic: (planId: string, topicId: string, body: ParkPatchBody, key: string) => sendCommand<ParkResult>('patchTopic', planId, key, { topicId }, body),
  deleteTopic: (planId: string, topicId: string, key: string) => sendCommand<void>('deleteTopic', planId, key, { topicId }),
  startThread: (planId: string, body: CommentBody, key: string) => sendCommand<ThreadResult>('startThread', planId, key, {}, body),
  reply: (planId: string, threadId: string, body: ReplyBody, key: string) => sendCommand<ReplyResult>('reply', planId, key, { threadId }, body),
  patchThread: (planId: string, threadId: string, body: ThreadPatchBody, key: string) => sendCommand<ThreadResult>('patchThread', planId, key, { threadId }, body),
  deleteThread: (planId: string, threadId: string, key: string) => sendCommand<void>('deleteThread', planId, key, { threadId }),
  deleteReply: (planId: string, threadId: string, replyId: string, key: string) => sendCommand<void>('deleteReply', planId, key, { threadId, replyId }),
  addProgress: (planId: string, actionId: string, body: ProgressBody, key: string) => sendCommand<ProgressResult>('addProgress', planId, key, { actionId }, body),
  deleteProgress: (planId: string, actionId: string, entryId: string, key: string) => sendCommand<void>('deleteProgress', planId, key, { actionId, entryId }),
} satisfies Record<CommandName, (...args: never[]) => Promise<unknown>>

/** The server's HTTP contract (README), typed with the shapes from `@hononga/shared`. */
export const api = {
  me: () => request<Me>('GET', '/api/me'),
  register: (body: { email: string; name: string; password: string }) => request<Me>('POST', '/api/auth/register', body),
  login: (body: { email: string; password: string }) => request<Me>('POST', '/api/auth/login', body),
  logout: () => request<void>('POST', '/api/auth/logout'),

  listPlans: () => request<PlanSummary[]>('GET', '/api/plans'),
  createPlan: (body: CreatePlanBody) => request<PlanSummary>('POST', '/api/plans', body),
  getPlan: (planId: string) => request<PlanDetail>('GET', `/api/plans/${enc(planId)}`),
  getDocument: (planId: string) => request<PlanJson>('GET', `/api/plans/${enc(planId)}/document`),

  updateMember: (planId: string, userId: string, body: UpdateMemberBody) =>
    request<Member>('PATCH', `/api/plans/${enc(planId)}/members/${enc(userId)}`, body),
  removeMember: (planId: string, userId: string) => request<void>('DELETE', `/api/plans/${enc(planId)}/members/${enc(userId)}`),

  /** The plan's partners (from its members and live invites), to choose from when inviting. */
  partners: (planId: string) => request<Partner[]>('GET', `/api/plans/${enc(planId)}/partners`),
  createInvite: (planId: string, body: CreateInviteBody) => request<Invite>('POST', `/api/plans/${enc(planId)}/invites`, body),
  listInvites: (planId: string) => request<Invite[]>('GET', `/api/plans/${enc(planId)}/invites`),
  revokeInvite: (planId: string, code: string) => request<void>('DELETE', `/api/plans/${enc(planId)}/invites/${enc(code)}`),
  previewInvite: (code: string) => request<InvitePreview>('GET', `/api/invites/${enc(code)}`),
  acceptInvite: (code: string) => request<InviteAccepted>('POST', `/api/invites/${enc(code)}/accept`),

  listSnapshots: (planId: string) => request<SnapshotSummary[]>('GET', `/api/plans/${enc(planId)}/snapshots`),
  createSnapshot: (planId: string, label: string) => request<SnapshotSummary>('POST', `/api/plans/${enc(planId)}/snapshots`, { label }),
  getSnapshot: (planId: string, snapshotId: string) => request<PlanJson>('GET', `/api/plans/${enc(planId)}/snapshots/${enc(snapshotId)}`),
  restoreSnapshot: (planId: string, snapshotId: string) =>
    request<{ restored: string; before: SnapshotSummary }>('POST', `/api/plans/${enc(planId)}/snapshots/${enc(snapshotId)}/restore`),

  audit: (planId: string) => request<AuditEvent[]>('GET', `/api/plans/${enc(planId)}/audit`),

  markAgreed: (planId: string, target: AgreementTarget, label?: string) =>
    request<MarkAgreedResult>('POST', `/api/plans/${enc(planId)}/agreements/mark`, { target, ...(label ? { label } : {}) }),
  tracker: (query: TrackerQuery = {}) => {
    const params = new URLSearchParams()
    for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, String(value))
    const search = params.toString()
    return request<TrackerResponse>('GET', `/api/tracker${search ? `?${search}` : ''}`)
  },
  /** `to` defaults to the plan as it is now. */
  diff: (planId: string, from: string, to?: string) =>
    request<PlanDiff>('GET', `/api/plans/${enc(planId)}/diff?from=${enc(from)}${to ? `&to=${enc(to)}` : ''}`),
  importPlan: (exported: unknown) => request<PlanSummary>('POST', '/api/plans/import', exported),
}

/** Addresses of a plan's downloads (the browser fetches them with the session cookie). */
export const exportUrls = (planId: string) => ({
  json: `/api/plans/${enc(planId)}/export.json`,
  actionsCsv: `/api/plans/${enc(planId)}/export/actions.csv`,
  monitoringCsv: `/api/plans/${enc(planId)}/export/monitoring.csv`,
})
