import { and, eq, gt, inArray, isNotNull, isNull, lt, lte, or } from 'drizzle-orm'
import { sessions, users, wsTickets } from '../../db/pg/schema'
import { hashSecretToken, isWellFormedSecretToken, newId, newSecretToken } from '../../db/ids'
import type { ActiveSession } from '../../db/sessions'
import { SESSION_SLIDE_INTERVAL_MS } from '../../db/sessions'
import type { SessionUser, StoredUser } from '../../db/users'
import type { SessionsRepo, TicketsRepo, UsersRepo } from '../types'
import type { PgExecutor } from './executor'

/** Users on PostgreSQL: mirrors db/users.ts (findUserByEmail, insertUser, findUserNames). */
export function pgUsers(db: PgExecutor): UsersRepo {
  return {
    async findUserByEmail(email): Promise<StoredUser | null> {
      const [row] = await db
        .select({ id: users.id, email: users.email, name: users.name, passwordHash: users.passwordHash })
        .from(users)
        .where(eq(users.email, email))
        .limit(1)
      return row ?? null
    },

    async insertUser(input): Promise<SessionUser> {
      const id = newId()
      await db.insert(users).values({ id, email: input.email, name: input.name, passwordHash: input.passwordHash, createdAt: input.now })
      return { id, email: input.email, name: input.name }
    },

    async findUserNames(ids) {
      if (ids.length === 0) return new Map<string, string>()
      const rows = await db
        .select({ id: users.id, name: users.name })
        .from(users)
        .where(inArray(users.id, [...ids]))
      return new Map(rows.map((user) => [user.id, user.name]))
    },
  }
}

/** Sessions on PostgreSQL: mirrors db/sessions.ts (createSession, lookupSession, extendSession, deleteSession). */
export function pgSessions(db: PgExecutor): SessionsRepo {
  return {
    async createSession(input) {
      const token = newSecretToken()
      const expiresAt = input.now + input.ttlMs
      await db.delete(sessions).where(lt(sessions.expiresAt, input.now))
      await db
        .insert(sessions)
        .values({ id: hashSecretToken(token), userId: input.userId, createdAt: input.now, expiresAt, lastSeenAt: input.now })
      return { token, expiresAt }
    },

    async lookupSession(token, now): Promise<ActiveSession | null> {
      if (!isWellFormedSecretToken(token)) return null
      const id = hashSecretToken(token)
      const [row] = await db
        .select({
          expiresAt: sessions.expiresAt,
          lastSeenAt: sessions.lastSeenAt,
          userId: users.id,
          email: users.email,
          name: users.name,
        })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(eq(sessions.id, id))
        .limit(1)
      if (!row) return null
      if (row.expiresAt <= now) {
        await db.delete(sessions).where(eq(sessions.id, id))
        return null
      }
      return {
        id,
        user: { id: row.userId, email: row.email, name: row.name },
        expiresAt: row.expiresAt,
        lastSeenAt: row.lastSeenAt,
      }
    },

    async extendSession(session, now, ttlMs) {
      if (now - session.lastSeenAt < SESSION_SLIDE_INTERVAL_MS) return null
      const expiresAt = now + ttlMs
      await db.update(sessions).set({ expiresAt, lastSeenAt: now }).where(eq(sessions.id, session.id))
      return expiresAt
    },

    async deleteSession(token) {
      if (!isWellFormedSecretToken(token)) return
      await db.delete(sessions).where(eq(sessions.id, hashSecretToken(token)))
    },
  }
}

/** WebSocket tickets on PostgreSQL: mirrors db/tickets.ts (issueTicket, consumeTicket, revokeTickets). */
export function pgTickets(db: PgExecutor): TicketsRepo {
  return {
    async issueTicket(input) {
      const ticket = newSecretToken()
      const expiresAt = input.now + input.ttlMs
      await db.delete(wsTickets).where(or(lte(wsTickets.expiresAt, input.now), isNotNull(wsTickets.usedAt)))
      await db
        .insert(wsTickets)
        .values({ id: hashSecretToken(ticket), userId: input.userId, planId: input.planId, expiresAt, sessionId: input.sessionId ?? null })
      return { ticket, expiresAt }
    },

    async consumeTicket(ticket, planId, now) {
      if (!isWellFormedSecretToken(ticket)) return null
      // One conditional UPDATE: of two sockets racing with one ticket, the second waits for the
      // first's row lock, re-checks `used_at IS NULL` and matches nothing.
      const [row] = await db
        .update(wsTickets)
        .set({ usedAt: now })
        .where(
          and(
            eq(wsTickets.id, hashSecretToken(ticket)),
            eq(wsTickets.planId, planId),
            isNull(wsTickets.usedAt),
            gt(wsTickets.expiresAt, now),
          ),
        )
        .returning({ userId: wsTickets.userId, sessionId: wsTickets.sessionId })
      return row ?? null
    },

    async revokeTickets(planId, userId) {
      await db.delete(wsTickets).where(and(eq(wsTickets.planId, planId), eq(wsTickets.userId, userId)))
    },
  }
}
