import { sql } from 'drizzle-orm'
import type { PgDb } from '../../db/pg/open'
import type { Repos, Repositories } from '../types'
import { pgAccess } from './access'
import { pgAuthTokens } from './auth-tokens'
import { pgSessions, pgTickets, pgUsers } from './accounts'
import { pgDistricts } from './districts'
import type { PgExecutor } from './executor'
import { pgMail } from './mail'
import { pgInvites, pgJoinCodes, pgMembers } from './members'
import { pgNotifications } from './notifications'
import { pgPlans, pgTracker } from './plans'
import { pgAudit, pgIdempotency, pgQuarantine, pgQuota } from './records'
import { pgScheduledHui } from './scheduled-hui'
import { pgSettings } from './settings'
import { pgThrottles } from './throttles'

function bindRepos(db: PgExecutor): Repos {
  return {
    users: pgUsers(db),
    sessions: pgSessions(db),
    tickets: pgTickets(db),
    plans: pgPlans(db),
    tracker: pgTracker(db),
    members: pgMembers(db),
    invites: pgInvites(db),
    joinCodes: pgJoinCodes(db),
    audit: pgAudit(db),
    access: pgAccess(db),
    quarantine: pgQuarantine(db),
    quota: pgQuota(db),
    idempotency: pgIdempotency(db),
    throttles: pgThrottles(db),
    districts: pgDistricts(db),
    mail: pgMail(db),
    authTokens: pgAuthTokens(db),
    notifications: pgNotifications(db),
    settings: pgSettings(db),
    scheduledHui: pgScheduledHui(db),
  }
}

/** The repositories on PostgreSQL (DATABASE_URL): the same methods as on SQLite, over the pg schema. */
export function pgRepositories(db: PgDb): Repositories {
  return {
    ...bindRepos(db),
    dialect: 'postgresql',
    transaction: (work) => db.transaction((tx) => work(bindRepos(tx))),
    ping: async () => {
      await db.execute(sql`SELECT 1`)
    },
  }
}
