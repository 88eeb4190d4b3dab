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

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  } catch {
    throw new NetworkError()
  }
  if (response.status === 204) return undefined as T
  const data = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null
  if (!response.ok) {
    throw new ApiError(response.status, data?.error?.code ?? 'internal', data?.error?.message ?? response.statusText)
  }
  return data as T
}

const enc = encodeURIComponent

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
  endHui: (planId: string) => request<HuiEndResult>('POST', `/api/plans/${enc(planId)}/hui/end`),
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
