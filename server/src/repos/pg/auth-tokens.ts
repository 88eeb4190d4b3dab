import { and, eq, gt, isNotNull, isNull, lt, ne, or } from 'drizzle-orm'
import type { AccountRecord } from '../../db/auth-tokens'
import { hashSecretToken, isWellFormedSecretToken, newSecretToken } from '../../db/ids'
import { authTokens, sessions, users, wsTickets } from '../../db/pg/schema'
import type { AuthTokensRepo } from '../types'
import type { PgExecutor } from './executor'

const accountColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  language: users.language,
  emailVerifiedAt: users.emailVerifiedAt,
}

/** Password-reset and verification tokens on PostgreSQL: mirrors db/auth-tokens.ts. */
export function pgAuthTokens(db: PgExecutor): AuthTokensRepo {
  return {
    async createAuthToken(input) {
      const token = newSecretToken()
      const expiresAt = input.now + input.ttlMs
      await db.delete(authTokens).where(lt(authTokens.expiresAt, input.now))
      await db.insert(authTokens).values({
        tokenHash: hashSecretToken(token),
        userId: input.userId,
        purpose: input.purpose,
        createdBy: input.createdBy,
        createdAt: input.now,
        expiresAt,
      })
      return { token, expiresAt }
    },

    async findAuthToken(token, purpose, now) {
      if (!isWellFormedSecretToken(token)) return null
      const [row] = await db
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
        .limit(1)
      return row ?? null
    },

    async takeAuthToken(token, purpose, now) {
      if (!isWellFormedSecretToken(token)) return null
      // One conditional UPDATE: of two requests racing with one token, the second waits for the
      // first's row lock, re-checks `used_at IS NULL` and matches nothing.
      const [taken] = await db
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
      if (!taken) return null
      await db
        .update(authTokens)
        .set({ usedAt: now })
        .where(and(eq(authTokens.userId, taken.userId), eq(authTokens.purpose, purpose), isNull(authTokens.usedAt)))
      return taken
    },

    async purgeAuthTokens(before) {
      const removed = await db
        .delete(authTokens)
        .where(or(lt(authTokens.expiresAt, before), and(isNotNull(authTokens.usedAt), lt(authTokens.usedAt, before))))
        .returning({ tokenHash: authTokens.tokenHash })
      return removed.length
    },

    async findAccountByEmail(email): Promise<AccountRecord | null> {
      const [row] = await db.select(accountColumns).from(users).where(eq(users.email, email)).limit(1)
      return row ?? null
    },

    async findAccountById(userId): Promise<AccountRecord | null> {
      const [row] = await db.select(accountColumns).from(users).where(eq(users.id, userId)).limit(1)
      return row ?? null
    },

    async setPasswordHash(userId, passwordHash) {
      await db.update(users).set({ passwordHash }).where(eq(users.id, userId))
    },

    async endUserSessions(userId, keep) {
      await db.delete(wsTickets).where(and(eq(wsTickets.userId, userId), isNull(wsTickets.sessionId)))
      const where = keep === null ? eq(sessions.userId, userId) : and(eq(sessions.userId, userId), ne(sessions.id, keep))
      const ended = await db.delete(sessions).where(where).returning({ id: sessions.id })
      return ended.map((row) => row.id)
    },

    async markEmailVerified(userId, now) {
      const changed = await db
        .update(users)
        .set({ emailVerifiedAt: now })
        .where(and(eq(users.id, userId), isNull(users.emailVerifiedAt)))
        .returning({ id: users.id })
      return changed.length > 0
    },
  }
}
