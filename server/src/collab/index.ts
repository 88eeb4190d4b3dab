import { eq, inArray } from 'drizzle-orm'
import { getPlanMeta } from '@hononga/shared'
import { recordAudit } from '../db/audit'
import { findMembership } from '../db/members'
import { quarantineUpdate } from '../db/quarantine'
import { refreshTrackedActions } from '../db/tracker'
import type { Config } from '../config'
import type { Db } from '../db/open'
import { plans, users } from '../db/schema'
import type { Logger } from '../log'
import { CollabEngine } from './engine'
import { singleProcessBus, type PlanBus } from './bus'
import type { DocStore } from './doc-store'
import { createSqliteDocStore } from './sqlite-doc-store'

export { CollabEngine, type SocketAccess, type EngineStats } from './engine'
export type { SocketIdentity } from './connection'
export { singleProcessBus, type PlanBus } from './bus'

export interface CollabEngineDeps {
  db: Db
  config: Config
  log: Logger
  now: () => number
  wrapStore?: (store: DocStore) => DocStore
  bus?: PlanBus
}

/** The sync engine on the SQLite store, wired to the accounts tables it consults. */
export function createCollabEngine({ db, config, log, now, wrapStore, bus = singleProcessBus }: CollabEngineDeps): CollabEngine {
  const store = createSqliteDocStore(db)
  return new CollabEngine({
    store: wrapStore ? wrapStore(store) : store,
    bus,
    config,
    log,
    now,
    membership: (planId, userId) => findMembership(db, planId, userId),
    userNames: (ids) =>
      new Map(
        db
          .select({ id: users.id, name: users.name })
          .from(users)
          .where(inArray(users.id, ids))
          .all()
          .map((u) => [u.id, u.name]),
      ),
    planChanged: (planId, doc, at) => {
      const meta = getPlanMeta(doc)
      db.update(plans)
        .set({ title: meta.title?.toString() ?? '', community: meta.community?.toString() ?? '', district: meta.district, updatedAt: at })
        .where(eq(plans.id, planId))
        .run()
      refreshTrackedActions(db, planId, doc, at)
    },
    refreshDerived: (planId, doc, at) => refreshTrackedActions(db, planId, doc, at),
    quarantine: (entry) => quarantineUpdate(db, entry),
    audit: (entry) => recordAudit(db, entry),
  })
}
