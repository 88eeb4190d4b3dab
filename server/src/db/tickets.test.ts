import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { hashSecretToken } from './ids'
import { openDb, type Db } from './open'
import { insertPlan } from './plans'
import { wsTickets } from './schema'
import { consumeTicket, issueTicket, revokeTickets } from './tickets'
import { insertUser } from './users'

describe('WebSocket tickets', () => {
  let dataDir: string
  let db: Db
  let userId: string
  const now = 1_750_000_000_000

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hononga-tickets-'))
    db = openDb({ dataDir })
    userId = insertUser(db, { email: 'kaiawhina@example.nz', name: 'Kaiāwhina', passwordHash: 'x', now }).id
    for (const id of ['planAAAAAAAA', 'planBBBBBBBB']) {
      insertPlan(db, { id, title: 'Mahere', community: 'Ōtautahi', district: null, createdBy: userId, now })
    }
  })

  afterEach(() => {
    db.$client.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  it('issues a 32-byte base64url ticket, stores only its hash, and consumes it once', () => {
    const { ticket, expiresAt } = issueTicket(db, { userId, planId: 'planAAAAAAAA', ttlMs: 60_000, now })
    expect(ticket).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(Buffer.from(ticket, 'base64url')).toHaveLength(32)
    expect(expiresAt).toBe(now + 60_000)
    const stored = db.select().from(wsTickets).all()
    expect(stored.map((t) => t.id)).toEqual([hashSecretToken(ticket)])
    expect(JSON.stringify(stored)).not.toContain(ticket)

    expect(consumeTicket(db, ticket, 'planAAAAAAAA', now + 1)).toEqual({ userId, sessionId: null })
    expect(consumeTicket(db, ticket, 'planAAAAAAAA', now + 2)).toBeNull()
  })

  it('refuses an expired ticket', () => {
    const { ticket } = issueTicket(db, { userId, planId: 'planAAAAAAAA', ttlMs: 60_000, now })
    expect(consumeTicket(db, ticket, 'planAAAAAAAA', now + 60_000)).toBeNull()
  })

  it('refuses a ticket presented for another plan, and it stays usable for its own', () => {
    const { ticket } = issueTicket(db, { userId, planId: 'planAAAAAAAA', ttlMs: 60_000, now })
    expect(consumeTicket(db, ticket, 'planBBBBBBBB', now)).toBeNull()
    expect(consumeTicket(db, ticket, 'planAAAAAAAA', now)).toEqual({ userId, sessionId: null })
  })

  it('refuses unknown and malformed tickets', () => {
    expect(consumeTicket(db, 'A'.repeat(43), 'planAAAAAAAA', now)).toBeNull()
    expect(consumeTicket(db, 'short', 'planAAAAAAAA', now)).toBeNull()
    expect(consumeTicket(db, undefined, 'planAAAAAAAA', now)).toBeNull()
  })

  it('sweeps expired and used tickets when issuing', () => {
    const used = issueTicket(db, { userId, planId: 'planAAAAAAAA', ttlMs: 60_000, now })
    consumeTicket(db, used.ticket, 'planAAAAAAAA', now)
    issueTicket(db, { userId, planId: 'planAAAAAAAA', ttlMs: 1000, now })
    issueTicket(db, { userId, planId: 'planBBBBBBBB', ttlMs: 60_000, now: now + 5000 })
    expect(db.select().from(wsTickets).all()).toHaveLength(1)
  })

  it('forgets a member’s tickets when they leave the plan', () => {
    const { ticket } = issueTicket(db, { userId, planId: 'planAAAAAAAA', ttlMs: 60_000, now })
    revokeTickets(db, 'planAAAAAAAA', userId)
    expect(consumeTicket(db, ticket, 'planAAAAAAAA', now)).toBeNull()
  })
})
