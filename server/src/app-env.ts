import type { Affiliation, Role } from '@hononga/shared'
import type { CollabService } from './collab/service'
import type { Config } from './config'
import type { Db } from './db/open'
import type { Logger } from './log'

/** The signed-in person, as routes see them. */
export interface SessionUser {
  id: string
  email: string
  name: string
}

/** A person's membership of one plan. */
export interface Membership {
  planId: string
  userId: string
  role: Role
  affiliation: Affiliation
  organisation: string | null
  /** Records and withdraws the partner's position and comments for it (viewers too). */
  speaksFor: boolean
}

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
