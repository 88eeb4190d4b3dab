import { and, eq, gt, isNotNull, isNull, lte, or, sql } from 'drizzle-orm'
import type { DbExecutor } from './executor'
import { hashSecretToken, isWellFormedSecretToken, newSecretToken } from './ids'
import { preparedQuery } from './prepared'
import { wsTickets } from './schema'

/**
 * Issues a single-use ticket that lets `userId` open one WebSocket to `planId` within `ttlMs`
 * (for clients that cannot send the session cookie). Only the ticket's SHA-256 is stored, with
 * the sign-in session that minted it (`sessionId`), whose signing out closes what it opens.
 * Sweeps expired and used tickets on the way, so the table stays small.
 */
export function issueTicket(
  db: DbExecutor,
  input: { userId: string; planId: string; ttlMs: number; now: number; sessionId?: string | null },
): { ticket: string; expiresAt: number } {
  const ticket = newSecretToken()
  const expiresAt = input.now + input.ttlMs
  db.delete(wsTickets)
    .where(or(lte(wsTickets.expiresAt, input.now), isNotNull(wsTickets.usedAt)))
    .run()
  db.insert(wsTickets)
    .values({ id: hashSecretToken(ticket), userId: input.userId, planId: input.planId, expiresAt, sessionId: input.sessionId ?? null })
    .run()
  return { ticket, expiresAt }
}

/**
 * Spends a ticket: returns its user and the session that minted it when the ticket exists,
 * was issued for `planId`, has not expired and was not used; otherwise null. One conditional
 * UPDATE marks it used, so two sockets racing with the same ticket cannot both win. The
 * caller still checks membership.
 */
export function consumeTicket(
  db: DbExecutor,
  ticket: string | undefined,
  planId: string,
  now: number,
): { userId: string; sessionId: string | null } | null {
  if (!isWellFormedSecretToken(ticket)) return null
  return spendTicket(db).get({ id: hashSecretToken(ticket), planId, now }) ?? null
}

const spendTicket = preparedQuery((db) =>
  db
    .update(wsTickets)
    .set({ usedAt: sql`${sql.placeholder('now')}` })
    .where(
      and(
        eq(wsTickets.id, sql.placeholder('id')),
        eq(wsTickets.planId, sql.placeholder('planId')),
        isNull(wsTickets.usedAt),
        gt(wsTickets.expiresAt, sql.placeholder('now')),
      ),
    )
    .returning({ userId: wsTickets.userId, sessionId: wsTickets.sessionId })
    .prepare(),
)

/** Forgets the unused tickets a user holds for a plan (after they leave or are removed). */
export function revokeTickets(db: DbExecutor, planId: string, userId: string): void {
  db.delete(wsTickets)
    .where(and(eq(wsTickets.planId, planId), eq(wsTickets.userId, userId)))
    .run()
}
