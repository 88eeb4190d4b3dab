import type * as access from '../db/access-log'
import type * as audit from '../db/audit'
import type * as authTokens from '../db/auth-tokens'
import type * as districts from '../db/districts'
import type { DbExecutor } from '../db/executor'
import type * as idempotency from '../db/idempotency'
import type * as invites from '../db/invites'
import type * as joinCodes from '../db/join-codes'
import type * as mail from '../db/mail'
import type * as members from '../db/members'
import type * as notifications from '../db/notifications'
import type * as plans from '../db/plans'
import type * as quarantine from '../db/quarantine'
import type * as quota from '../db/quota'
import type * as scheduledHui from '../db/scheduled-hui'
import type * as sessions from '../db/sessions'
import type * as settings from '../db/settings'
import type * as throttles from '../db/throttles'
import type * as tickets from '../db/tickets'
import type * as tracker from '../db/tracker'
import type * as users from '../db/users'

/**
 * The data layer as the rest of the server sees it: asynchronous repositories, one per
 * concern, with an implementation on SQLite (repos/sqlite.ts, wrapping the synchronous store
 * functions in db/) and one on PostgreSQL (repos/pg/). Each repository method is the db/
 * function of the same name without its first argument, returning a promise; so the SQLite
 * functions are the reference, and the PostgreSQL ones are type-checked against them. One
 * contract suite runs against both (tests/integration/repos-*.test.ts).
 */
type Method<F> = F extends (db: DbExecutor, ...args: infer A) => infer R ? (...args: A) => Promise<R> : never
type Repo<M, K extends keyof M> = { readonly [P in K]: Method<M[P]> }

export type UsersRepo = Repo<typeof users, 'findUserByEmail' | 'insertUser' | 'findUserNames'>
export type SessionsRepo = Repo<typeof sessions, 'createSession' | 'lookupSession' | 'extendSession' | 'deleteSession'>
export type TicketsRepo = Repo<typeof tickets, 'issueTicket' | 'consumeTicket' | 'revokeTickets'>
export type PlansRepo = Repo<
  typeof plans,
  | 'insertPlan'
  | 'deletePlan'
  | 'listPlansForUser'
  | 'getPlanForMember'
  | 'getPlanHeading'
  | 'updatePlanHeading'
  | 'getPlanLifecycle'
  | 'isPlanLocked'
  | 'setPlanArchived'
  | 'setPlanDeletion'
  | 'plansDueForPurge'
  | 'deletePlanRows'
  | 'markPlanPurged'
>
export type TrackerRepo = Repo<
  typeof tracker,
  'refreshTrackedActions' | 'stalePlansForUser' | 'trackedActionsForUser' | 'organisationsOfUser'
>
export type MembersRepo = Repo<
  typeof members,
  'findMembership' | 'findMember' | 'listMembers' | 'insertMember' | 'updateMember' | 'deleteMember' | 'countFacilitators'
>
export type InvitesRepo = Repo<typeof invites, 'insertInvite' | 'findInvite' | 'listInvites' | 'revokeInvite' | 'takeInviteUse'>
export type JoinCodesRepo = Repo<
  typeof joinCodes,
  | 'insertJoinCode'
  | 'findJoinCodeByHash'
  | 'findShownJoinCode'
  | 'stopJoinCodes'
  | 'takeJoinCodeUse'
  | 'insertJoinRequest'
  | 'findJoinRequest'
  | 'findPendingJoinRequest'
  | 'listPendingJoinRequests'
  | 'decideJoinRequest'
>
export type AuditRepo = Repo<typeof audit, 'recordAudit' | 'listAudit'>
export type AccessRepo = Repo<typeof access, 'recordAccess' | 'listAccess' | 'pruneAccess'>
export type QuarantineRepo = Repo<typeof quarantine, 'quarantineUpdate' | 'listQuarantined'>
export type QuotaRepo = Repo<typeof quota, 'quotaUsage'>
export type IdempotencyRepo = Repo<typeof idempotency, 'pruneIdempotencyKeys'>
/** District groups, partners' consent and raised items (issue 13 §6). */
export type DistrictsRepo = Repo<
  typeof districts,
  | 'isInstanceAdmin'
  | 'grantAdmin'
  | 'revokeAdmin'
  | 'listAdmins'
  | 'insertDistrictGroup'
  | 'findDistrictGroup'
  | 'listDistrictGroups'
  | 'listDistrictMembers'
  | 'isDistrictMember'
  | 'addDistrictMember'
  | 'removeDistrictMember'
  | 'findDistrictShare'
  | 'setDistrictShare'
  | 'deleteDistrictShare'
  | 'listSharedPlans'
  | 'listConsents'
  | 'giveConsent'
  | 'withdrawConsent'
  | 'clearConsents'
  | 'insertRaisedItem'
  | 'findRaisedItem'
  | 'listRaisedItems'
  | 'answerRaisedItem'
>
/** In-app notifications and their email preferences (issue 14). */
export type NotificationsRepo = Repo<
  typeof notifications,
  | 'insertNotification'
  | 'listNotifications'
  | 'markNotificationsRead'
  | 'getNotificationPrefs'
  | 'setNotificationPref'
  | 'notificationsDueForEmail'
  | 'markNotificationsEmailed'
  | 'reminderActions'
  | 'reminderPlans'
>
/** Password-reset and verification links, and the account reads and writes they need (issue 14). */
export type AuthTokensRepo = Repo<
  typeof authTokens,
  | 'createAuthToken'
  | 'findAuthToken'
  | 'takeAuthToken'
  | 'purgeAuthTokens'
  | 'findAccountByEmail'
  | 'findAccountById'
  | 'setPasswordHash'
  | 'endUserSessions'
  | 'markEmailVerified'
>
export type ThrottlesRepo = Repo<typeof throttles, 'recentThrottleEvents' | 'recordThrottleEvent' | 'clearThrottleKey'>
/** Instance settings (the instance secret), organisation sign-in identities and SSO domains (issue 14). */
export type SettingsRepo = Repo<
  typeof settings,
  | 'getSetting'
  | 'insertSettingIfAbsent'
  | 'findOidcIdentity'
  | 'linkOidcIdentity'
  | 'insertOidcUser'
  | 'findAccountForLink'
  | 'findSsoDomain'
  | 'listSsoDomains'
  | 'setSsoDomain'
  | 'deleteSsoDomain'
>
/** Scheduled hui, members' answers and calendar feeds (issue 14). */
export type ScheduledHuiRepo = Repo<
  typeof scheduledHui,
  | 'insertScheduledHui'
  | 'findScheduledHui'
  | 'updateScheduledHui'
  | 'cancelScheduledHui'
  | 'markScheduledHuiStarted'
  | 'listPlanScheduledHui'
  | 'scheduledHuiForUser'
  | 'planReviewDatesForUser'
  | 'listHuiInvitees'
  | 'upsertHuiResponse'
  | 'listHuiResponses'
  | 'createCalendarFeed'
  | 'revokeCalendarFeeds'
  | 'findCalendarFeed'
>

/** The durable email outbox, unsubscribes and each person's language (issue 14). */
export type MailRepo = Repo<
  typeof mail,
  | 'enqueueMail'
  | 'claimDueMail'
  | 'markMailSent'
  | 'markMailFailed'
  | 'findOutboxMail'
  | 'listOutboxFor'
  | 'unsubscribeKind'
  | 'findMailRecipient'
  | 'setUserLanguage'
>

/** Every repository, bound to the database or to one transaction on it. */
export interface Repos {
  readonly users: UsersRepo
  readonly sessions: SessionsRepo
  readonly tickets: TicketsRepo
  readonly plans: PlansRepo
  readonly tracker: TrackerRepo
  readonly members: MembersRepo
  readonly invites: InvitesRepo
  readonly joinCodes: JoinCodesRepo
  readonly audit: AuditRepo
  readonly access: AccessRepo
  readonly quarantine: QuarantineRepo
  readonly quota: QuotaRepo
  readonly idempotency: IdempotencyRepo
  readonly throttles: ThrottlesRepo
  readonly districts: DistrictsRepo
  readonly mail: MailRepo
  readonly authTokens: AuthTokensRepo
  readonly notifications: NotificationsRepo
  readonly settings: SettingsRepo
  readonly scheduledHui: ScheduledHuiRepo
}

export interface Repositories extends Repos {
  readonly dialect: 'sqlite' | 'postgresql'
  /**
   * Runs `work` in one transaction: every call on `tx` commits together, or none does when
   * `work` throws (its error is rethrown). Await only `tx` calls inside: other work (hashing a
   * password, a socket) belongs before or after, since the transaction holds the database.
   */
  transaction<T>(work: (tx: Repos) => Promise<T>): Promise<T>
  /** Answers when the database does (the health check). */
  ping(): Promise<void>
}
