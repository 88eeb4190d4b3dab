import { sql } from 'drizzle-orm'
import type { PgDb } from '../../db/pg/open'
import type { Repos, Repositories } from '../types'
import { pgAccess } from './access'
import { pgSessions, pgTickets, pgUsers } from './accounts'
import { pgDistricts } from './districts'
import type { PgExecutor } from './executor'
import { pgInvites, pgJoinCodes, pgMembers } from './members'
import { pgPlans, pgTracker } from './plans'
import { pgAudit, pgIdempotency, pgQuarantine, pgQuota } from './records'
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
