import type { CollabService } from './collab/service'
import type { Config } from './config'
import type { Db } from './db/open'
import type { SessionUser } from './db/users'
import type { Logger } from './log'

// Row types live with their tables; routes have long imported them from here.
export type { Membership } from './db/members'
export type { SessionUser } from './db/users'

export interface AppDeps {
  config: Config
  db: Db
  log: Logger
  collab: CollabService
  /** Milliseconds since the epoch; injectable so tests can move time. */
  now: () => number
}

/** Hono's environment for every route: what middleware puts on the context. */
export interface AppEnv {
  Variables: {
    user: SessionUser | null
    /** Set when the request was authenticated by the session cookie (CSRF applies). */
    viaCookie: boolean
  }
}
