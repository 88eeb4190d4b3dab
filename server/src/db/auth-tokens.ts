import { and, eq, isNull, lt, ne, or, isNotNull, gt } from 'drizzle-orm'
import type { DbExecutor } from './executor'
import { hashSecretToken, isWellFormedSecretToken, newSecretToken } from './ids'
import { authTokens, sessions, users, wsTickets } from './schema'

/**
 * Single-use links for password reset and email verification (issue 14), and the few reads
 * and writes on accounts they need. The token is 32 random bytes (base64url) handed to the
 * person in a link; only its SHA-256 is stored, so a copy of the database opens nobody's
 * account. Taking a token is one conditional UPDATE, so two clicks racing cannot both use it.
 */

export type AuthTokenPurpose = 'password-reset' | 'verify-email'

/** A person as the reset and verification routes need them: language for mail, verification state. */
export interface AccountRecord {
  id: string
  email: string
  name: string
  language: 'en' | 'mi'
  /** When the address was verified; null until then. */
  emailVerifiedAt: number | null
}

/** True when the person's address is verified: plan mail goes only to verified addresses. */
export function isEmailVerified(user: { emailVerifiedAt: number | null }): boolean {
  return user.emailVerifiedAt !== null
}

const accountColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  language: users.language,
  emailVerifiedAt: users.emailVerifiedAt,
}

/**
 * Makes a token for `userId` and returns it (the only time it exists in the clear). Also
 * removes tokens already expired, which are otherwise only swept by purgeAuthTokens.
 */
export function createAuthToken(
  db: DbExecutor,
  input: { userId: string; purpose: AuthTokenPurpose; createdBy: string | null; now: number; ttlMs: number },
): { token: string; expiresAt: number } {
  const token = newSecretToken()
  const expiresAt = input.now + input.ttlMs
  db.delete(authTokens).where(lt(authTokens.expiresAt, input.now)).run()
  db.insert(authTokens)
    .values({
      tokenHash: hashSecretToken(token),
      userId: input.userId,
      purpose: input.purpose,
      createdBy: input.createdBy,
      createdAt: input.now,
      expiresAt,
    })
    .run()
  return { token, expiresAt }
}

/**
 * Whose a token is, when it has this purpose and is unused and unexpired, without using it:
 * a reset checks the new password against the person before it takes the token.
 */
export function findAuthToken(db: DbExecutor, token: string, purpose: AuthTokenPurpose, now: number): { userId: string } | null {
  if (!isWellFormedSecretToken(token)) return null
  return (
    db
      .select({ userId: authTokens.userId })
      .from(authTokens)
      .where(
        and(
          eq(authTokens.tokenHash, hashSecretToken(token)),
          eq(authTokens.purpose, purpose),
          isNull(authTokens.usedAt),
          gt(authTokens.expiresAt, now),
        ),
      )
      .get() ?? null
  )
}

/**
 * Uses a token once: marks it used when it exists, has this purpose, is unused and unexpired,
 * and answers whose it was; null otherwise (unknown, used and expired look the same). The
 * person's other unused tokens of the same purpose are spent with it: one reset ends the rest.
 */
export function takeAuthToken(db: DbExecutor, token: string, purpose: AuthTokenPurpose, now: number): { userId: string } | null {
  if (!isWellFormedSecretToken(token)) return null
  const taken = db
    .update(authTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(authTokens.tokenHash, hashSecretToken(token)),
        eq(authTokens.purpose, purpose),
        isNull(authTokens.usedAt),
        gt(authTokens.expiresAt, now),
      ),
    )
    .returning({ userId: authTokens.userId })
    .get()
  if (!taken) return null
  db.update(authTokens)
    .set({ usedAt: now })
    .where(and(eq(authTokens.userId, taken.userId), eq(authTokens.purpose, purpose), isNull(authTokens.usedAt)))
    .run()
  return taken
}

/** Removes tokens that expired, or were used, before `before`; answers how many went. */
export function purgeAuthTokens(db: DbExecutor, before: number): number {
  return db
    .delete(authTokens)
    .where(or(lt(authTokens.expiresAt, before), and(isNotNull(authTokens.usedAt), lt(authTokens.usedAt, before))))
    .run().changes
}

/** The account with this (already lower-cased) email, or null. */
export function findAccountByEmail(db: DbExecutor, email: string): AccountRecord | null {
  return db.select(accountColumns).from(users).where(eq(users.email, email)).get() ?? null
}

/** The account with this id, or null. */
export function findAccountById(db: DbExecutor, userId: string): AccountRecord | null {
  return db.select(accountColumns).from(users).where(eq(users.id, userId)).get() ?? null
}

/** Replaces a person's password hash. */
export function setPasswordHash(db: DbExecutor, userId: string, passwordHash: string): void {
  db.update(users).set({ passwordHash }).where(eq(users.id, userId)).run()
}

/**
 * Ends every session of a person but `keep` (a session id, or null for all) and answers the
 * ids ended, so their sockets can be closed too (CollabService.closeSession). Their unused
 * WebSocket tickets go with them (those of a session by its cascade, the others here).
 */
export function endUserSessions(db: DbExecutor, userId: string, keep: string | null): string[] {
  db.delete(wsTickets)
    .where(and(eq(wsTickets.userId, userId), isNull(wsTickets.sessionId)))
    .run()
  const where = keep === null ? eq(sessions.userId, userId) : and(eq(sessions.userId, userId), ne(sessions.id, keep))
  return db
    .delete(sessions)
    .where(where)
    .returning({ id: sessions.id })
    .all()
    .map((row) => row.id)
}

/** Records that the person followed a verification link (the first time only); true when it changed. */
export function markEmailVerified(db: DbExecutor, userId: string, now: number): boolean {
  return (
    db
      .update(users)
      .set({ emailVerifiedAt: now })
      .where(and(eq(users.id, userId), isNull(users.emailVerifiedAt)))
      .run().changes > 0
  )
}
