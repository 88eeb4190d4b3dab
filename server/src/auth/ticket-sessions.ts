import { hashSecretToken } from '../db/ids'

/**
 * Which sign-in session minted each live WebSocket ticket, so that signing out also closes
 * the sockets opened with that session's tickets. Kept in memory rather than in `ws_tickets`
 * (no schema change): a ticket lives WS_TICKET_TTL_MS (60 s) and the app runs as one
 * process. After a restart a ticket minted before it opens a socket tied to no session,
 * which signing out does not close; the ticket itself still works once, as documented.
 */

/** Bound on remembered tickets: minting many cannot grow memory without limit. */
const MAX_TICKETS = 10_000

/** By the ticket's SHA-256: the minting session's id and when the ticket expires. */
const minted = new Map<string, { sessionId: string; expiresAt: number }>()

function sweep(now: number): void {
  // Oldest first (every ticket lives as long): stop at the first live one once under the bound.
  for (const [key, entry] of minted) {
    if (entry.expiresAt > now && minted.size <= MAX_TICKETS) break
    minted.delete(key)
  }
}

/** Remembers that `sessionId` minted `ticket` (call when issuing a ticket to a cookie-signed-in person). */
export function rememberTicketSession(ticket: string, sessionId: string, expiresAt: number, now: number): void {
  sweep(now)
  minted.set(hashSecretToken(ticket), { sessionId, expiresAt })
}

/** The session that minted `ticket`, forgetting it (a ticket is spent once); undefined when unknown. */
export function takeTicketSession(ticket: string, now: number): string | undefined {
  const key = hashSecretToken(ticket)
  const entry = minted.get(key)
  minted.delete(key)
  return entry && entry.expiresAt > now ? entry.sessionId : undefined
}
