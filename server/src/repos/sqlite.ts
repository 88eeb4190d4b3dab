import * as access from '../db/access-log'
import * as audit from '../db/audit'
import * as authTokens from '../db/auth-tokens'
import * as districts from '../db/districts'
import type { DbExecutor } from '../db/executor'
import * as idempotency from '../db/idempotency'
import * as invites from '../db/invites'
import * as joinCodes from '../db/join-codes'
import * as mail from '../db/mail'
import * as members from '../db/members'
import * as notifications from '../db/notifications'
import type { Db } from '../db/open'
import * as plans from '../db/plans'
import * as quarantine from '../db/quarantine'
import * as quota from '../db/quota'
import * as scheduledHui from '../db/scheduled-hui'
import * as sessions from '../db/sessions'
import * as settings from '../db/settings'
import * as throttles from '../db/throttles'
import * as tickets from '../db/tickets'
import * as tracker from '../db/tracker'
import * as users from '../db/users'
import type { Repos, Repositories } from './types'

/**
 * Keeps an asynchronous transaction alone on the SQLite connection. better-sqlite3 has one
 * connection and runs each statement at once, so a transaction that awaits between its
 * statements would otherwise take in whatever another request ran meanwhile (and roll it
 * back with its own). Everything that touches the connection goes through the gate: a
 * statement runs at once unless a transaction holds the gate, and then waits for it.
 */
export class SqliteGate {
  private held: Promise<void> | null = null

  /** Runs `fn` now, or once the transaction holding the connection has finished. */
  async run<T>(fn: () => T): Promise<T> {
    while (this.held) await this.held
    // No await between the check and the call: nothing can take the gate in between.
    return fn()
  }

  /** Runs `work` with the connection to itself. */
  async exclusive<T>(work: () => Promise<T>): Promise<T> {
    while (this.held) await this.held
    let release!: () => void
    this.held = new Promise<void>((resolve) => (release = resolve))
    try {
      return await work()
    } finally {
      this.held = null
      release()
    }
  }
}

const gates = new WeakMap<Db, SqliteGate>()

/** The one gate of a database, shared by its repositories and its DocStore. */
export function gateOf(db: Db): SqliteGate {
  let gate = gates.get(db)
  if (!gate) gates.set(db, (gate = new SqliteGate()))
  return gate
}

type Call = <T>(fn: (db: DbExecutor) => T) => Promise<T>

/** The repositories over the db/ functions, each call made through `call`. */
function bindRepos(call: Call): Repos {
  const w =
    <A extends unknown[], R>(fn: (db: DbExecutor, ...args: A) => R) =>
    (...args: A): Promise<R> =>
      call((db) => fn(db, ...args))
  return {
    users: { findUserByEmail: w(users.findUserByEmail), insertUser: w(users.insertUser), findUserNames: w(users.findUserNames) },
    sessions: {
      createSession: w(sessions.createSession),
      lookupSession: w(sessions.lookupSession),
      extendSession: w(sessions.extendSession),
      deleteSession: w(sessions.deleteSession),
    },
    tickets: { issueTicket: w(tickets.issueTicket), consumeTicket: w(tickets.consumeTicket), revokeTickets: w(tickets.revokeTickets) },
    plans: {
      insertPlan: w(plans.insertPlan),
      deletePlan: w(plans.deletePlan),
      listPlansForUser: w(plans.listPlansForUser),
      getPlanForMember: w(plans.getPlanForMember),
      getPlanHeading: w(plans.getPlanHeading),
      updatePlanHeading: w(plans.updatePlanHeading),
      getPlanLifecycle: w(plans.getPlanLifecycle),
      isPlanLocked: w(plans.isPlanLocked),
      setPlanArchived: w(plans.setPlanArchived),
      setPlanDeletion: w(plans.setPlanDeletion),
      plansDueForPurge: w(plans.plansDueForPurge),
      deletePlanRows: w(plans.deletePlanRows),
      markPlanPurged: w(plans.markPlanPurged),
    },
    tracker: {
      refreshTrackedActions: w(tracker.refreshTrackedActions),
      stalePlansForUser: w(tracker.stalePlansForUser),
      trackedActionsForUser: w(tracker.trackedActionsForUser),
      organisationsOfUser: w(tracker.organisationsOfUser),
    },
    members: {
      findMembership: w(members.findMembership),
      findMember: w(members.findMember),
      listMembers: w(members.listMembers),
      insertMember: w(members.insertMember),
      updateMember: w(members.updateMember),
      deleteMember: w(members.deleteMember),
      countFacilitators: w(members.countFacilitators),
    },
    invites: {
      insertInvite: w(invites.insertInvite),
      findInvite: w(invites.findInvite),
      listInvites: w(invites.listInvites),
      revokeInvite: w(invites.revokeInvite),
      takeInviteUse: w(invites.takeInviteUse),
    },
    joinCodes: {
      insertJoinCode: w(joinCodes.insertJoinCode),
      findJoinCodeByHash: w(joinCodes.findJoinCodeByHash),
      findShownJoinCode: w(joinCodes.findShownJoinCode),
      stopJoinCodes: w(joinCodes.stopJoinCodes),
      takeJoinCodeUse: w(joinCodes.takeJoinCodeUse),
      insertJoinRequest: w(joinCodes.insertJoinRequest),
      findJoinRequest: w(joinCodes.findJoinRequest),
      findPendingJoinRequest: w(joinCodes.findPendingJoinRequest),
      listPendingJoinRequests: w(joinCodes.listPendingJoinRequests),
      decideJoinRequest: w(joinCodes.decideJoinRequest),
    },
    audit: { recordAudit: w(audit.recordAudit), listAudit: w(audit.listAudit) },
    access: { recordAccess: w(access.recordAccess), listAccess: w(access.listAccess), pruneAccess: w(access.pruneAccess) },
    quarantine: { quarantineUpdate: w(quarantine.quarantineUpdate), listQuarantined: w(quarantine.listQuarantined) },
    quota: { quotaUsage: w(quota.quotaUsage) },
    idempotency: { pruneIdempotencyKeys: w(idempotency.pruneIdempotencyKeys) },
    throttles: {
      recentThrottleEvents: w(throttles.recentThrottleEvents),
      recordThrottleEvent: w(throttles.recordThrottleEvent),
      clearThrottleKey: w(throttles.clearThrottleKey),
    },
    districts: {
      isInstanceAdmin: w(districts.isInstanceAdmin),
      grantAdmin: w(districts.grantAdmin),
      revokeAdmin: w(districts.revokeAdmin),
      listAdmins: w(districts.listAdmins),
      insertDistrictGroup: w(districts.insertDistrictGroup),
      findDistrictGroup: w(districts.findDistrictGroup),
      listDistrictGroups: w(districts.listDistrictGroups),
      listDistrictMembers: w(districts.listDistrictMembers),
      isDistrictMember: w(districts.isDistrictMember),
      addDistrictMember: w(districts.addDistrictMember),
      removeDistrictMember: w(districts.removeDistrictMember),
      findDistrictShare: w(districts.findDistrictShare),
      setDistrictShare: w(districts.setDistrictShare),
      deleteDistrictShare: w(districts.deleteDistrictShare),
      listSharedPlans: w(districts.listSharedPlans),
      listConsents: w(districts.listConsents),
      giveConsent: w(districts.giveConsent),
      withdrawConsent: w(districts.withdrawConsent),
      clearConsents: w(districts.clearConsents),
      insertRaisedItem: w(districts.insertRaisedItem),
      findRaisedItem: w(districts.findRaisedItem),
      listRaisedItems: w(districts.listRaisedItems),
      answerRaisedItem: w(districts.answerRaisedItem),
    },
    mail: {
      enqueueMail: w(mail.enqueueMail),
      claimDueMail: w(mail.claimDueMail),
      markMailSent: w(mail.markMailSent),
      markMailFailed: w(mail.markMailFailed),
      findOutboxMail: w(mail.findOutboxMail),
      listOutboxFor: w(mail.listOutboxFor),
      unsubscribeKind: w(mail.unsubscribeKind),
      findMailRecipient: w(mail.findMailRecipient),
      setUserLanguage: w(mail.setUserLanguage),
    },
    authTokens: {
      createAuthToken: w(authTokens.createAuthToken),
      findAuthToken: w(authTokens.findAuthToken),
      takeAuthToken: w(authTokens.takeAuthToken),
      purgeAuthTokens: w(authTokens.purgeAuthTokens),
      findAccountByEmail: w(authTokens.findAccountByEmail),
      findAccountById: w(authTokens.findAccountById),
      setPasswordHash: w(authTokens.setPasswordHash),
      endUserSessions: w(authTokens.endUserSessions),
      markEmailVerified: w(authTokens.markEmailVerified),
    },
    notifications: {
      insertNotification: w(notifications.insertNotification),
      listNotifications: w(notifications.listNotifications),
      markNotificationsRead: w(notifications.markNotificationsRead),
      getNotificationPrefs: w(notifications.getNotificationPrefs),
      setNotificationPref: w(notifications.setNotificationPref),
      notificationsDueForEmail: w(notifications.notificationsDueForEmail),
      markNotificationsEmailed: w(notifications.markNotificationsEmailed),
      reminderActions: w(notifications.reminderActions),
      reminderPlans: w(notifications.reminderPlans),
    },
    settings: {
      getSetting: w(settings.getSetting),
      insertSettingIfAbsent: w(settings.insertSettingIfAbsent),
      findOidcIdentity: w(settings.findOidcIdentity),
      linkOidcIdentity: w(settings.linkOidcIdentity),
      insertOidcUser: w(settings.insertOidcUser),
      findAccountForLink: w(settings.findAccountForLink),
      findSsoDomain: w(settings.findSsoDomain),
      listSsoDomains: w(settings.listSsoDomains),
      setSsoDomain: w(settings.setSsoDomain),
      deleteSsoDomain: w(settings.deleteSsoDomain),
    },
    scheduledHui: {
      insertScheduledHui: w(scheduledHui.insertScheduledHui),
      findScheduledHui: w(scheduledHui.findScheduledHui),
      updateScheduledHui: w(scheduledHui.updateScheduledHui),
      cancelScheduledHui: w(scheduledHui.cancelScheduledHui),
      markScheduledHuiStarted: w(scheduledHui.markScheduledHuiStarted),
      listPlanScheduledHui: w(scheduledHui.listPlanScheduledHui),
      scheduledHuiForUser: w(scheduledHui.scheduledHuiForUser),
      planReviewDatesForUser: w(scheduledHui.planReviewDatesForUser),
      listHuiInvitees: w(scheduledHui.listHuiInvitees),
      upsertHuiResponse: w(scheduledHui.upsertHuiResponse),
      listHuiResponses: w(scheduledHui.listHuiResponses),
      createCalendarFeed: w(scheduledHui.createCalendarFeed),
      revokeCalendarFeeds: w(scheduledHui.revokeCalendarFeeds),
      findCalendarFeed: w(scheduledHui.findCalendarFeed),
    },
  }
}

/** The repositories on SQLite (the embedded default): the db/ functions, through the connection's gate. */
export function sqliteRepositories(db: Db): Repositories {
  const gate = gateOf(db)
  const sqlite = db.$client
  // Inside a transaction the gate is already held: calls go straight to the connection.
  const inTransaction = bindRepos(async (fn) => fn(db))
  return {
    ...bindRepos((fn) => gate.run(() => fn(db))),
    dialect: 'sqlite',
    transaction: (work) =>
      gate.exclusive(async () => {
        sqlite.exec('BEGIN IMMEDIATE')
        try {
          const result = await work(inTransaction)
          sqlite.exec('COMMIT')
          return result
        } catch (error) {
          if (sqlite.inTransaction) sqlite.exec('ROLLBACK')
          throw error
        }
      }),
    ping: () => gate.run(() => void sqlite.prepare('SELECT 1').get()),
  }
}
