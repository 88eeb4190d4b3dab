import { and, eq, gt, isNotNull, isNull, lte, or } from 'drizzle-orm'
import type { DbExecutor } from './executor'
import { hashSecretToken, isWellFormedSecretToken, newSecretToken } from './ids'
import { wsTickets } from './schema'

/**
 * Issues a single-use ticket that lets `userId` open one WebSocket to `planId` within `ttlMs`
 * (for clients that cannot send the session cookie). Only the ticket's SHA-256 is stored.
 * Sweeps expired and used tickets on the way, so the table stays small.
 */
export function issueTicket(
  db: DbExecutor,
  input: { userId: string; planId: string; ttlMs: number; now: number },
): { ticket: string; expiresAt: number } {
  const ticket = newSecretToken()
  const expiresAt = input.now + input.ttlMs
  db.delete(wsTickets)
    .where(or(lte(wsTickets.expiresAt, input.now), isNotNull(wsTickets.usedAt)))
    .run()
  db.insert(wsTickets)
    .values({ id: hashSecretToken(ticket), userId: input.userId, planId: input.planId, expiresAt })
    .run()
  return { ticket, expiresAt }
}

/**
 * Spends a ticket: returns its user id when the ticket exists, was issued for `planId`, has
 * not expired and was not used; otherwise null. One conditional UPDATE marks it used, so two
 * sockets racing with the same ticket cannot both win. The caller still checks membership.
 */
export function consumeTicket(db: DbExecutor, ticket: string | undefined, planId: string, now: number): string | null {
  if (!isWellFormedSecretToken(ticket)) return null
  const row = db
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
    .returning({ userId: wsTickets.userId })
    .get()
  return row?.userId ?? null
}

/** Forgets the unused tickets a user holds for a plan (after they leave or are removed). */
export function revokeTickets(db: DbExecutor, planId: string, userId: string): void {
  db.delete(wsTickets)
    .where(and(eq(wsTickets.planId, planId), eq(wsTickets.userId, userId)))
    .run()
}
