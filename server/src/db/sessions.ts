import { eq, lt, sql } from 'drizzle-orm'
import type { SessionUser } from './users'
import type { DbExecutor } from './executor'
import { hashSecretToken, isWellFormedSecretToken, newSecretToken } from './ids'
import { preparedQuery } from './prepared'
import { sessions, users } from './schema'

/** Name of the HttpOnly cookie that carries the session token. */
export const SESSION_COOKIE = 'hononga_session'

/** A session's expiry slides forward at most this often, so a busy user does not write on every request. */
export const SESSION_SLIDE_INTERVAL_MS = 24 * 3600_000

export interface ActiveSession {
  /** SHA-256 of the token (the row's primary key). */
  id: string
  user: SessionUser
  expiresAt: number
  lastSeenAt: number
}

/**
 * Starts a session for a user and returns the token for the cookie; only its hash is stored.
 * Also sweeps expired sessions, which are otherwise only removed when presented.
 */
export function createSession(db: DbExecutor, input: { userId: string; now: number; ttlMs: number }): { token: string; expiresAt: number } {
  const token = newSecretToken()
  const expiresAt = input.now + input.ttlMs
  db.delete(sessions).where(lt(sessions.expiresAt, input.now)).run()
  db.insert(sessions)
    .values({ id: hashSecretToken(token), userId: input.userId, createdAt: input.now, expiresAt, lastSeenAt: input.now })
    .run()
  return { token, expiresAt }
}

const selectSession = preparedQuery((db) =>
  db
    .select({
      expiresAt: sessions.expiresAt,
      lastSeenAt: sessions.lastSeenAt,
      userId: users.id,
      email: users.email,
      name: users.name,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sql.placeholder('id')))
    .prepare(),
)

/**
 * The live session a cookie token names, with its user; null for a malformed, unknown or
 * expired token. An expired session is deleted on sight. Used by the HTTP session
 * middleware and by the WebSocket upgrade.
 */
export function lookupSession(db: DbExecutor, token: string | undefined, now: number): ActiveSession | null {
  if (!isWellFormedSecretToken(token)) return null
  const id = hashSecretToken(token)
  const row = selectSession(db).get({ id })
  if (!row) return null
  if (row.expiresAt <= now) {
    db.delete(sessions).where(eq(sessions.id, id)).run()
    return null
  }
  return {
    id,
    user: { id: row.userId, email: row.email, name: row.name },
    expiresAt: row.expiresAt,
    lastSeenAt: row.lastSeenAt,
  }
}

/**
 * Slides the session's expiry to `now + ttlMs` when it was last extended more than a day ago.
 * Returns the new expiry when it moved (the caller re-sends the cookie), else null.
 */
export function extendSession(db: DbExecutor, session: ActiveSession, now: number, ttlMs: number): number | null {
  if (now - session.lastSeenAt < SESSION_SLIDE_INTERVAL_MS) return null
  const expiresAt = now + ttlMs
  db.update(sessions).set({ expiresAt, lastSeenAt: now }).where(eq(sessions.id, session.id)).run()
  return expiresAt
}

/** Ends the session a token names (no-op when there is none). */
export function deleteSession(db: DbExecutor, token: string | undefined): void {
  if (!isWellFormedSecretToken(token)) return
  db.delete(sessions)
    .where(eq(sessions.id, hashSecretToken(token)))
    .run()
}
