import type { CollabService } from './collab/service'
import type { Config } from './config'
import type { SessionUser } from './db/users'
import type { Logger } from './log'
import type { Mailer } from './mail/types'
import type { Repositories } from './repos/types'

// Row types live with their tables; routes have long imported them from here.
export type { Membership } from './db/members'
export type { SessionUser } from './db/users'

export interface AppDeps {
  config: Config
  /** The data layer: SQLite (embedded default) or PostgreSQL (DATABASE_URL). */
  repos: Repositories
  log: Logger
  collab: CollabService
  /** Email through the durable outbox; `mail.enabled` is false when SMTP_URL is unset. */
  mail: Mailer
  /** `draining` while the process stops: /api/health answers 503 so the load balancer sends requests elsewhere. */
  health?: { draining: boolean }
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
