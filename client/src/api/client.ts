import type {
  AccessKind,
  AdmitJoinRequestBody,
  AgreementTarget,
  AnswerRaisedBody,
  CreateInviteBody,
  CreateJoinCodeBody,
  CreatePlanBody,
  ImportPlanOptions,
  JoinRequestBody,
  RaiseItemBody,
  TrackerQuery,
  HuiResponse,
  ScheduledHuiBody,
  ScheduledHuiPatchBody,
  UpdateMemberBody,
  UpdatePlanBody,
} from '@hononga/shared'
import { request } from './request'

export { ApiError, BAD_RESPONSE, NetworkError } from './request'
export { commandPath, commands, sendCommand, type CommandParams } from './commands'

const enc = encodeURIComponent

/** The plan as JSON, whose schema loads with the plan's chunk (./planSchemas.ts). */
const planJson = () => import('./planSchemas').then((plan) => plan.PlanJson)
/** Scheduled hui and calendar feed answers (../schedule/schemas.ts), loaded with the first such request. */
const scheduleSchemas = () => import('../schedule/schemas')

/**
 * The server's HTTP contract (README), each answer parsed with its schema from
 * `@hononga/shared` (shared/src/api-responses.ts): a caller gets the promised shape or an
 * ApiError (`bad_response`), never an unchecked cast.
 */
export const api = {
  me: () => request('GET', '/api/me', (s) => s.Me),
  register: (body: { email: string; name: string; password: string; language?: 'en' | 'mi' }) =>
    request('POST', '/api/auth/register', (s) => s.Me, body),
  /** The person's language for email (issue 14). */
  updateMe: (body: { language: 'en' | 'mi' }) => request('PATCH', '/api/me', (s) => s.Me, body),
  login: (body: { email: string; password: string }) => request('POST', '/api/auth/login', (s) => s.Me, body),
  logout: () => request('POST', '/api/auth/logout', (s) => s.NoContent),
  /** Password reset and email verification (issue 14): the same answer whether or not the email has an account. */
  requestPasswordReset: (email: string) => request('POST', '/api/auth/password-reset', (s) => s.PasswordResetRequested, { email }),
  completePasswordReset: (body: { token: string; password: string }) =>
    request('POST', '/api/auth/password-reset/complete', (s) => s.Me, body),
  verifyEmail: (token: string) => request('POST', '/api/auth/verify-email', (s) => s.NoContent, { token }),
  resendVerification: () => request('POST', '/api/auth/verify-email/resend', (s) => s.NoContent),
  /** Organisation sign-in providers (issue 14): one "Sign in with …" button each, linking to `oidcStartPath`. */
  oidcProviders: () => request('GET', '/api/auth/oidc/providers', (s) => s.OidcProviderList),

  listPlans: () => request('GET', '/api/plans', (s) => s.PlanSummaryList),
  createPlan: (body: CreatePlanBody) => request('POST', '/api/plans', (s) => s.PlanSummary, body),
  getPlan: (planId: string) => request('GET', `/api/plans/${enc(planId)}`, (s) => s.PlanDetail),
  /** Rename or re-describe a plan (facilitators); the change reaches everyone through the document. */
  updatePlan: (planId: string, body: UpdatePlanBody) => request('PATCH', `/api/plans/${enc(planId)}`, (s) => s.PlanSummary, body),
  archivePlan: (planId: string) => request('POST', `/api/plans/${enc(planId)}/archive`, (s) => s.PlanSummary),
  restorePlan: (planId: string) => request('DELETE', `/api/plans/${enc(planId)}/archive`, (s) => s.PlanSummary),
  /** Deletes a plan: its content is removed after 30 days unless a facilitator undoes it. */
  deletePlan: (planId: string, confirmTitle: string) =>
    request('POST', `/api/plans/${enc(planId)}/deletion`, (s) => s.PlanSummary, { confirmTitle }),
  undoDeletePlan: (planId: string) => request('DELETE', `/api/plans/${enc(planId)}/deletion`, (s) => s.PlanSummary),
  getDocument: (planId: string) => request('GET', `/api/plans/${enc(planId)}/document`, planJson),
  /** The plan to print, from the server's copy: the print is logged and withheld items are left out. */
  printable: (planId: string) =>
    request('GET', `/api/plans/${enc(planId)}/printable`, () => import('./planSchemas').then((plan) => plan.PrintablePlan)),
  /** The plan as a template file (logged, withheld items left out), for the browser to save. */
  templateFile: (planId: string) =>
    request('GET', `/api/plans/${enc(planId)}/export/template`, () => import('./planSchemas').then((plan) => plan.TemplateFile)),

  updateMember: (planId: string, userId: string, body: UpdateMemberBody) =>
    request('PATCH', `/api/plans/${enc(planId)}/members/${enc(userId)}`, (s) => s.Member, body),
  removeMember: (planId: string, userId: string) =>
    request('DELETE', `/api/plans/${enc(planId)}/members/${enc(userId)}`, (s) => s.NoContent),

  /** The plan's partners (from its members and live invites), to choose from when inviting. */
  partners: (planId: string) => request('GET', `/api/plans/${enc(planId)}/partners`, (s) => s.PartnerList),
  createInvite: (planId: string, body: CreateInviteBody) => request('POST', `/api/plans/${enc(planId)}/invites`, (s) => s.Invite, body),
  listInvites: (planId: string) => request('GET', `/api/plans/${enc(planId)}/invites`, (s) => s.InviteList),
  revokeInvite: (planId: string, code: string) => request('DELETE', `/api/plans/${enc(planId)}/invites/${enc(code)}`, (s) => s.NoContent),
  previewInvite: (code: string) => request('GET', `/api/invites/${enc(code)}`, (s) => s.InvitePreview),
  acceptInvite: (code: string) => request('POST', `/api/invites/${enc(code)}/accept`, (s) => s.InviteAccepted),

  /** Join at the hui: a facilitator shows a join code (a new one each time) and stops it. */
  showJoinCode: (planId: string, body: CreateJoinCodeBody = {}) =>
    request('POST', `/api/plans/${enc(planId)}/join-code`, (s) => s.JoinCode, body),
  /** Stops the code given (the one this dialog showed), or every code of the plan. */
  stopJoinCode: (planId: string, code?: string) =>
    request('DELETE', `/api/plans/${enc(planId)}/join-code${code ? `?code=${enc(code)}` : ''}`, (s) => s.NoContent),
  joinRequests: (planId: string) => request('GET', `/api/plans/${enc(planId)}/join-requests`, (s) => s.JoinRequestList),
  admitJoinRequest: (planId: string, requestId: string, body: AdmitJoinRequestBody) =>
    request('POST', `/api/plans/${enc(planId)}/join-requests/${enc(requestId)}/admit`, (s) => s.Member, body),
  declineJoinRequest: (planId: string, requestId: string) =>
    request('POST', `/api/plans/${enc(planId)}/join-requests/${enc(requestId)}/decline`, (s) => s.NoContent),
  previewJoin: (code: string) => request('GET', `/api/join/${enc(code)}`, (s) => s.JoinPreview),
  askToJoin: (code: string, body: JoinRequestBody = {}) => request('POST', `/api/join/${enc(code)}`, (s) => s.JoinRequestStatus, body),
  joinRequestStatus: (requestId: string) => request('GET', `/api/join-requests/${enc(requestId)}`, (s) => s.JoinRequestStatus),

  listSnapshots: (planId: string) => request('GET', `/api/plans/${enc(planId)}/snapshots`, (s) => s.SnapshotList),
  createSnapshot: (planId: string, label: string) =>
    request('POST', `/api/plans/${enc(planId)}/snapshots`, (s) => s.SnapshotSummary, { label }),
  getSnapshot: (planId: string, snapshotId: string) => request('GET', `/api/plans/${enc(planId)}/snapshots/${enc(snapshotId)}`, planJson),
  /** A snapshot to download, or the minutes it keeps: logged as such, with withheld items left out. */
  exportSnapshot: (planId: string, snapshotId: string, purpose: 'snapshot' | 'minutes') =>
    request('GET', `/api/plans/${enc(planId)}/snapshots/${enc(snapshotId)}/export?purpose=${purpose}`, () =>
      import('./planSchemas').then((plan) => plan.SnapshotExport),
    ),
  restoreSnapshot: (planId: string, snapshotId: string) =>
    request('POST', `/api/plans/${enc(planId)}/snapshots/${enc(snapshotId)}/restore`, (s) => s.RestoreResult),

  audit: (planId: string) => request('GET', `/api/plans/${enc(planId)}/audit`, (s) => s.AuditEventList),
  /** One page of the plan's access log, newest first; pass the page's `nextBefore` as `before` for the next. */
  accessLog: (planId: string, filters: AccessLogFilters = {}) =>
    request('GET', `/api/plans/${enc(planId)}/access-log${accessLogSearch(filters)}`, (s) => s.AccessLogPage),

  markAgreed: (planId: string, target: AgreementTarget, label?: string) =>
    request('POST', `/api/plans/${enc(planId)}/agreements/mark`, () => import('./planSchemas').then((plan) => plan.MarkAgreedResult), {
      target,
      ...(label ? { label } : {}),
    }),
  /** Scheduled hui (issue 14): members list and answer; facilitators schedule, change and cancel. */
  listScheduledHui: (planId: string) =>
    request('GET', `/api/plans/${enc(planId)}/scheduled-hui`, () => scheduleSchemas().then((m) => m.ScheduledHuiList)),
  scheduleHui: (planId: string, body: ScheduledHuiBody) =>
    request('POST', `/api/plans/${enc(planId)}/scheduled-hui`, () => scheduleSchemas().then((m) => m.ScheduledHuiView), body),
  changeScheduledHui: (planId: string, huiId: string, body: ScheduledHuiPatchBody) =>
    request(
      'PATCH',
      `/api/plans/${enc(planId)}/scheduled-hui/${enc(huiId)}`,
      () => scheduleSchemas().then((m) => m.ScheduledHuiView),
      body,
    ),
  cancelScheduledHui: (planId: string, huiId: string) =>
    request('DELETE', `/api/plans/${enc(planId)}/scheduled-hui/${enc(huiId)}`, () => scheduleSchemas().then((m) => m.ScheduledHuiView)),
  answerScheduledHui: (planId: string, huiId: string, response: HuiResponse) =>
    request(
      'PUT',
      `/api/plans/${enc(planId)}/scheduled-hui/${enc(huiId)}/response`,
      () => scheduleSchemas().then((m) => m.ScheduledHuiView),
      { response },
    ),
  /** The private calendar feed: a new address (the old one stops working), or none. */
  createCalendarFeed: () => request('POST', '/api/me/calendar-feed', () => scheduleSchemas().then((m) => m.CalendarFeedCreated)),
  revokeCalendarFeed: () => request('DELETE', '/api/me/calendar-feed', (s) => s.NoContent),
  /** The caller's notifications (issue 14), newest first; their unread count; marking read; email modes per kind. */
  notifications: (before?: string) =>
    request('GET', `/api/notifications${before ? `?before=${enc(before)}` : ''}`, () =>
      import('../notifications/schemas').then((m) => m.NotificationList),
    ),
  markNotificationsRead: (which: { ids: string[] } | { all: true }) =>
    request('POST', '/api/notifications/read', () => import('../notifications/schemas').then((m) => m.NotificationsUnread), which),
  notificationPrefs: () =>
    request('GET', '/api/notifications/prefs', () => import('../notifications/schemas').then((m) => m.NotificationPrefs)),
  setNotificationPref: (kind: string, mode: string) =>
    request('PUT', '/api/notifications/prefs', () => import('../notifications/schemas').then((m) => m.NotificationPrefs), { kind, mode }),

  tracker: (query: TrackerQuery = {}) => {
    const params = new URLSearchParams()
    for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, String(value))
    const search = params.toString()
    return request('GET', `/api/tracker${search ? `?${search}` : ''}`, (s) => s.TrackerResponse)
  },
  /** `to` defaults to the plan as it is now. */
  diff: (planId: string, from: string, to?: string) =>
    request('GET', `/api/plans/${enc(planId)}/diff?from=${enc(from)}${to ? `&to=${enc(to)}` : ''}`, (s) => s.PlanDiff),
  /** A new plan from an exported one; `newPlan` names it and says whom the importer speaks for. */
  importPlan: (exported: unknown, newPlan?: ImportPlanOptions) =>
    request('POST', '/api/plans/import', (s) => s.PlanSummary, newPlan ? { ...(exported as object), newPlan } : exported),

  // District groups (issue 13 §6): the groups I am in, their roll-up, and a plan's sharing and consents.
  districts: () => request('GET', '/api/districts', (s) => s.DistrictList),
  /** The plans shared with a group (every partner consenting), narrowed by `?status=&overdue=1&q=`. */
  districtRollup: (groupId: string, search = '') =>
    request('GET', `/api/districts/${enc(groupId)}/rollup${search ? `?${search}` : ''}`, (s) => s.DistrictRollup),
  answerRaised: (groupId: string, raisedId: string, body: AnswerRaisedBody) =>
    request('POST', `/api/districts/${enc(groupId)}/raised/${enc(raisedId)}/answer`, (s) => s.RaisedItem, body),
  adminDistricts: () => request('GET', '/api/admin/districts', (s) => s.AdminDistricts),
  createDistrict: (name: string) => request('POST', '/api/admin/districts', (s) => s.DistrictGroupCreated, { name }),
  addDistrictMember: (groupId: string, email: string) =>
    request('POST', `/api/admin/districts/${enc(groupId)}/members`, (s) => s.DistrictMember, { email }),
  removeDistrictMember: (groupId: string, userId: string) =>
    request('DELETE', `/api/admin/districts/${enc(groupId)}/members/${enc(userId)}`, (s) => s.NoContent),
  planDistrict: (planId: string) => request('GET', `/api/plans/${enc(planId)}/district`, (s) => s.PlanDistrict),
  /** Facilitators: share the plan's summary with a group (a new group asks every partner to consent again). */
  shareWithDistrict: (planId: string, groupId: string) =>
    request('PUT', `/api/plans/${enc(planId)}/district`, (s) => s.PlanDistrict, { groupId }),
  stopSharingWithDistrict: (planId: string) => request('DELETE', `/api/plans/${enc(planId)}/district`, (s) => s.NoContent),
  /** My partner's consent to sharing (`give` false withdraws it). */
  districtConsent: (planId: string, give: boolean) =>
    request(give ? 'PUT' : 'DELETE', `/api/plans/${enc(planId)}/district/consent`, (s) => s.PlanDistrict),
  raiseToDistrict: (planId: string, body: RaiseItemBody) =>
    request('POST', `/api/plans/${enc(planId)}/district/raised`, (s) => s.RaisedItem, body),
  /** My partner's consent to one raised item (`give` false withdraws it). */
  raisedConsent: (planId: string, raisedId: string, give: boolean) =>
    request(give ? 'PUT' : 'DELETE', `/api/plans/${enc(planId)}/district/raised/${enc(raisedId)}/consent`, (s) => s.PlanDistrict),
}

/** Addresses of a plan's downloads (the browser fetches them with the session cookie). */
export const exportUrls = (planId: string) => ({
  json: `/api/plans/${enc(planId)}/export.json`,
  actionsCsv: `/api/plans/${enc(planId)}/export/actions.csv`,
  monitoringCsv: `/api/plans/${enc(planId)}/export/monitoring.csv`,
  /** My partner's own positions, comments, progress reports and parked topics. */
  contributions: `/api/plans/${enc(planId)}/contributions.json`,
})

/**
 * What the access log is narrowed to: a partner (its key, `affiliation:organisation`), a kind of
 * access, and for paging, entries older than `before` (an entry id), at most `limit` of them.
 */
export interface AccessLogFilters {
  partner?: string
  kind?: AccessKind
  before?: number
  limit?: number
}

/** `?partner=…&kind=…` for the filters given (empty when none), in a fixed order. */
export function accessLogSearch(filters: AccessLogFilters): string {
  const params = new URLSearchParams()
  if (filters.partner) params.set('partner', filters.partner)
  if (filters.kind) params.set('kind', filters.kind)
  if (filters.before !== undefined) params.set('before', String(filters.before))
  if (filters.limit !== undefined) params.set('limit', String(filters.limit))
  const search = params.toString()
  return search ? `?${search}` : ''
}

/** The whole access log as a CSV download, narrowed by partner and kind as the panel shows it (no paging). */
export const accessLogCsvUrl = (planId: string, filters: Pick<AccessLogFilters, 'partner' | 'kind'> = {}) =>
  `/api/plans/${enc(planId)}/access-log.csv${accessLogSearch({ partner: filters.partner, kind: filters.kind })}`
