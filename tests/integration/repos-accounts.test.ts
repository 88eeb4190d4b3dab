import { expect, it } from 'vitest'
import { isUniqueViolation } from '../../server/src/db/executor'
import { hashSecretToken } from '../../server/src/db/ids'
import { SESSION_SLIDE_INTERVAL_MS } from '../../server/src/db/sessions'
import { THROTTLE_PRUNE_BATCH } from '../../server/src/db/throttles'
import type { Repos } from '../../server/src/repos/types'
import { describeRepos } from './support/repos'

/**
 * The accounts repositories (users, sessions, WebSocket tickets) and the throttles, on SQLite
 * and on PostgreSQL with the same assertions: what the auth routes, the session middleware and
 * the WebSocket upgrade rely on.
 */

const now = 1_750_000_000_000
const DAY = 24 * 3600_000
const TTL = 30 * DAY
const PLAN_A = 'planAAAAAAAA'
const PLAN_B = 'planBBBBBBBB'

async function user(repos: Repos, email = 'kaiawhina@example.nz', name = 'Kaiāwhina') {
  return repos.users.insertUser({ email, name, passwordHash: `hash of ${email}`, now })
}

/** A user and two plans of theirs, for tickets (which reference both). */
async function userWithPlans(repos: Repos) {
  const created = await user(repos)
  for (const id of [PLAN_A, PLAN_B]) {
    await repos.plans.insertPlan({ id, title: 'Mahere', community: 'Ōtautahi', district: null, createdBy: created.id, now })
  }
  return created
}

describeRepos('users', (repos) => {
  it('inserts a user and finds them by email, with the password hash', async () => {
    const created = await user(repos())
    expect(created).toEqual({ id: expect.stringMatching(/^[A-Za-z0-9_-]{16}$/), email: 'kaiawhina@example.nz', name: 'Kaiāwhina' })
    expect(await repos().users.findUserByEmail('kaiawhina@example.nz')).toEqual({
      ...created,
      passwordHash: 'hash of kaiawhina@example.nz',
    })
    expect(await repos().users.findUserByEmail('someone@example.nz')).toBeNull()
  })

  it('throws a unique violation for an email already taken', async () => {
    await user(repos())
    const error = await user(repos(), 'kaiawhina@example.nz', 'Another').catch((e: unknown) => e)
    expect(isUniqueViolation(error)).toBe(true)
    expect((await repos().users.findUserByEmail('kaiawhina@example.nz'))?.name).toBe('Kaiāwhina')
  })

  it('finds display names, leaving unknown ids out', async () => {
    const mere = await user(repos(), 'mere@example.nz', 'Mere')
    const hemi = await user(repos(), 'hemi@example.nz', 'Hēmi')
    expect(await repos().users.findUserNames([mere.id, hemi.id, 'unknownAAAAAAAA'])).toEqual(
      new Map([
        [mere.id, 'Mere'],
        [hemi.id, 'Hēmi'],
      ]),
    )
    expect(await repos().users.findUserNames([])).toEqual(new Map())
  })
})

describeRepos('sessions', (repos, backdoor) => {
  it('creates a session whose token only the hash of is stored, and looks it up with its user', async () => {
    const kaiawhina = await user(repos())
    const { token, expiresAt } = await repos().sessions.createSession({ userId: kaiawhina.id, now, ttlMs: TTL })
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(expiresAt).toBe(now + TTL)
    expect(await repos().sessions.lookupSession(token, now + 1000)).toEqual({
      id: hashSecretToken(token),
      user: kaiawhina,
      expiresAt: now + TTL,
      lastSeenAt: now,
    })
  })

  it('refuses malformed and unknown tokens', async () => {
    await repos().sessions.createSession({ userId: (await user(repos())).id, now, ttlMs: TTL })
    for (const token of [undefined, '', 'short', '../../etc/passwd', 'A'.repeat(43)]) {
      expect(await repos().sessions.lookupSession(token, now)).toBeNull()
    }
  })

  it('an expired session is refused and deleted on sight', async () => {
    const { token } = await repos().sessions.createSession({ userId: (await user(repos())).id, now, ttlMs: TTL })
    expect(await repos().sessions.lookupSession(token, now + TTL - 1)).not.toBeNull()
    expect(await repos().sessions.lookupSession(token, now + TTL)).toBeNull()
    expect(await backdoor().count('sessions')).toBe(0)
    // Gone, not merely refused: it is not found even at a time it would have been live.
    expect(await repos().sessions.lookupSession(token, now)).toBeNull()
  })

  it('creating a session sweeps expired ones, and only those', async () => {
    const userId = (await user(repos())).id
    const short = await repos().sessions.createSession({ userId, now, ttlMs: 1000 })
    const long = await repos().sessions.createSession({ userId, now, ttlMs: TTL })
    const edge = await repos().sessions.createSession({ userId, now, ttlMs: 5000 })
    await repos().sessions.createSession({ userId, now: now + 5000, ttlMs: TTL })
    expect(await backdoor().count('sessions')).toBe(3)
    expect(await repos().sessions.lookupSession(short.token, now)).toBeNull()
    expect(await repos().sessions.lookupSession(long.token, now)).not.toBeNull()
    // Expiring exactly at the sweep's time: not yet swept (lookups refuse it, though).
    expect(await repos().sessions.lookupSession(edge.token, now + 4999)).not.toBeNull()
  })

  it('slides the expiry forward at most once a day', async () => {
    const { token } = await repos().sessions.createSession({ userId: (await user(repos())).id, now, ttlMs: TTL })
    const early = (await repos().sessions.lookupSession(token, now + 3600_000))!
    expect(await repos().sessions.extendSession(early, now + 3600_000, TTL)).toBeNull()
    expect(await repos().sessions.lookupSession(token, now + 3600_000)).toMatchObject({ expiresAt: now + TTL, lastSeenAt: now })

    const later = now + SESSION_SLIDE_INTERVAL_MS + 3600_000
    const session = (await repos().sessions.lookupSession(token, later))!
    expect(await repos().sessions.extendSession(session, later, TTL)).toBe(later + TTL)
    const extended = (await repos().sessions.lookupSession(token, later))!
    expect(extended).toMatchObject({ expiresAt: later + TTL, lastSeenAt: later })
    expect(extended.expiresAt - (now + TTL)).toBe(25 * 3600_000)
    // Not again within the day that follows.
    expect(await repos().sessions.extendSession(extended, later + DAY - 1, TTL)).toBeNull()
    // Used every few weeks, a session outlives its first 30 days.
    expect(await repos().sessions.lookupSession(token, now + TTL + DAY)).not.toBeNull()
  })

  it('deletes the session a token names; a malformed or absent token is a no-op', async () => {
    const userId = (await user(repos())).id
    const mine = await repos().sessions.createSession({ userId, now, ttlMs: TTL })
    const other = await repos().sessions.createSession({ userId, now, ttlMs: TTL })
    await repos().sessions.deleteSession(undefined)
    await repos().sessions.deleteSession('not a token')
    await repos().sessions.deleteSession('A'.repeat(43))
    expect(await backdoor().count('sessions')).toBe(2)
    await repos().sessions.deleteSession(mine.token)
    expect(await repos().sessions.lookupSession(mine.token, now)).toBeNull()
    expect(await repos().sessions.lookupSession(other.token, now)).not.toBeNull()
  })
})

describeRepos('WebSocket tickets', (repos, backdoor) => {
  it('issues a 32-byte base64url ticket and consumes it once', async () => {
    const userId = (await userWithPlans(repos())).id
    const { ticket, expiresAt } = await repos().tickets.issueTicket({ userId, planId: PLAN_A, ttlMs: 60_000, now })
    expect(ticket).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(Buffer.from(ticket, 'base64url')).toHaveLength(32)
    expect(expiresAt).toBe(now + 60_000)
    expect(await repos().tickets.consumeTicket(ticket, PLAN_A, now + 1)).toEqual({ userId, sessionId: null })
    expect(await repos().tickets.consumeTicket(ticket, PLAN_A, now + 2)).toBeNull()
  })

  it('two sockets racing with one ticket: exactly one wins', async () => {
    const userId = (await userWithPlans(repos())).id
    const { ticket } = await repos().tickets.issueTicket({ userId, planId: PLAN_A, ttlMs: 60_000, now })
    const results = await Promise.all([1, 2, 3].map(() => repos().tickets.consumeTicket(ticket, PLAN_A, now)))
    expect(results.filter((result) => result !== null)).toEqual([{ userId, sessionId: null }])
  })

  it('names the session that minted it, and the session ending takes it along', async () => {
    const userId = (await userWithPlans(repos())).id
    const session = await repos().sessions.createSession({ userId, now, ttlMs: TTL })
    const sessionId = hashSecretToken(session.token)
    const first = await repos().tickets.issueTicket({ userId, planId: PLAN_A, ttlMs: 60_000, now, sessionId })
    expect(await repos().tickets.consumeTicket(first.ticket, PLAN_A, now)).toEqual({ userId, sessionId })
    const second = await repos().tickets.issueTicket({ userId, planId: PLAN_A, ttlMs: 60_000, now, sessionId })
    await repos().sessions.deleteSession(session.token)
    expect(await repos().tickets.consumeTicket(second.ticket, PLAN_A, now)).toBeNull()
  })

  it('refuses an expired ticket', async () => {
    const userId = (await userWithPlans(repos())).id
    const { ticket } = await repos().tickets.issueTicket({ userId, planId: PLAN_A, ttlMs: 60_000, now })
    expect(await repos().tickets.consumeTicket(ticket, PLAN_A, now + 60_000)).toBeNull()
    expect(await repos().tickets.consumeTicket(ticket, PLAN_A, now + 59_999)).toEqual({ userId, sessionId: null })
  })

  it('refuses a ticket presented for another plan, and it stays usable for its own', async () => {
    const userId = (await userWithPlans(repos())).id
    const { ticket } = await repos().tickets.issueTicket({ userId, planId: PLAN_A, ttlMs: 60_000, now })
    expect(await repos().tickets.consumeTicket(ticket, PLAN_B, now)).toBeNull()
    expect(await repos().tickets.consumeTicket(ticket, PLAN_A, now)).toEqual({ userId, sessionId: null })
  })

  it('refuses unknown and malformed tickets', async () => {
    await userWithPlans(repos())
    expect(await repos().tickets.consumeTicket('A'.repeat(43), PLAN_A, now)).toBeNull()
    expect(await repos().tickets.consumeTicket('short', PLAN_A, now)).toBeNull()
    expect(await repos().tickets.consumeTicket(undefined, PLAN_A, now)).toBeNull()
  })

  it('sweeps expired and used tickets when issuing', async () => {
    const userId = (await userWithPlans(repos())).id
    await repos().tickets.issueTicket({ userId, planId: PLAN_A, ttlMs: 5000, now })
    const live = await repos().tickets.issueTicket({ userId, planId: PLAN_B, ttlMs: 60_000, now })
    const used = await repos().tickets.issueTicket({ userId, planId: PLAN_A, ttlMs: 60_000, now })
    await repos().tickets.consumeTicket(used.ticket, PLAN_A, now)
    expect(await backdoor().count('ws_tickets')).toBe(3)
    // The first expires exactly now: swept, with the used one.
    await repos().tickets.issueTicket({ userId, planId: PLAN_B, ttlMs: 60_000, now: now + 5000 })
    expect(await backdoor().count('ws_tickets')).toBe(2)
    expect(await repos().tickets.consumeTicket(live.ticket, PLAN_B, now + 5000)).toEqual({ userId, sessionId: null })
  })

  it('forgets the tickets a member holds for a plan when they leave it, and only those', async () => {
    const userId = (await userWithPlans(repos())).id
    const other = await user(repos(), 'hemi@example.nz', 'Hēmi')
    const mine = await repos().tickets.issueTicket({ userId, planId: PLAN_A, ttlMs: 60_000, now })
    const elsewhere = await repos().tickets.issueTicket({ userId, planId: PLAN_B, ttlMs: 60_000, now })
    const theirs = await repos().tickets.issueTicket({ userId: other.id, planId: PLAN_A, ttlMs: 60_000, now })
    await repos().tickets.revokeTickets(PLAN_A, userId)
    expect(await repos().tickets.consumeTicket(mine.ticket, PLAN_A, now)).toBeNull()
    expect(await repos().tickets.consumeTicket(elsewhere.ticket, PLAN_B, now)).not.toBeNull()
    expect(await repos().tickets.consumeTicket(theirs.ticket, PLAN_A, now)).toEqual({ userId: other.id, sessionId: null })
  })
})

describeRepos('throttles', (repos, backdoor) => {
  const record = (bucket: 'login_failure' | 'registration' | 'join_failure', keyHash: string, at: number, windowMs: number, keep: number) =>
    repos().throttles.recordThrottleEvent({ bucket, keyHash, at, expiresAt: at + windowMs, keep })
  const all = (bucket: 'login_failure' | 'registration' | 'join_failure', keyHash: string) =>
    repos().throttles.recentThrottleEvents(bucket, keyHash, -1, 1000)

  it('answers a key’s events after the cutoff, newest first, at most `limit`', async () => {
    for (const at of [0, 10_000, 20_000, 30_000]) await record('login_failure', 'k', at, 60_000, 10)
    expect(await repos().throttles.recentThrottleEvents('login_failure', 'k', 0, 10)).toEqual([30_000, 20_000, 10_000])
    expect(await repos().throttles.recentThrottleEvents('login_failure', 'k', -1, 2)).toEqual([30_000, 20_000])
    expect(await repos().throttles.recentThrottleEvents('login_failure', 'k', 30_000, 10)).toEqual([])
    expect(await repos().throttles.recentThrottleEvents('login_failure', 'other', -1, 10)).toEqual([])
  })

  it('keeps keys and buckets apart, and clears one key of one bucket', async () => {
    await record('login_failure', 'a', 0, 1000, 5)
    await record('login_failure', 'b', 0, 1000, 5)
    await record('registration', 'a', 0, 1000, 5)
    await repos().throttles.clearThrottleKey('login_failure', 'a')
    expect(await all('login_failure', 'a')).toEqual([])
    expect(await all('login_failure', 'b')).toEqual([0])
    expect(await all('registration', 'a')).toEqual([0])
  })

  it('keeps at most the newest `keep` events of a key, also within one millisecond', async () => {
    for (let i = 0; i < 50; i++) await record('login_failure', 'k', i, 60_000, 3)
    expect(await all('login_failure', 'k')).toEqual([49, 48, 47])
    for (let i = 0; i < 5; i++) await record('login_failure', 'same', 7, 60_000, 2)
    expect(await all('login_failure', 'same')).toEqual([7, 7])
    expect(await backdoor().count('throttle_events')).toBe(5)
  })

  it('prunes expired rows of every bucket on write, a bounded batch at a time', async () => {
    const stale = THROTTLE_PRUNE_BATCH * 2 + 50
    for (let i = 0; i < stale; i++) await record('join_failure', `ip:${i}`, 0, 1000, 2)
    expect(await backdoor().count('throttle_events')).toBe(stale)
    // Long after the join window: each write elsewhere removes one batch of the dead rows.
    await record('login_failure', 'email:a', 5000, 60_000, 2)
    expect(await backdoor().count('throttle_events')).toBe(stale - THROTTLE_PRUNE_BATCH + 1)
    await record('login_failure', 'email:b', 5000, 60_000, 2)
    await record('login_failure', 'email:c', 5000, 60_000, 2)
    expect(await backdoor().count('throttle_events')).toBe(3)
    // A row expiring exactly at the write's time is expired.
    await record('registration', 'r', 6000, 1000, 2)
    await record('registration', 's', 7000, 1000, 2)
    expect(await all('registration', 'r')).toEqual([])
  })

  it('records inside a transaction commit and roll back with it', async () => {
    await repos().transaction(async (tx) => {
      await tx.throttles.recordThrottleEvent({ bucket: 'login_failure', keyHash: 'k', at: 1, expiresAt: 1001, keep: 3 })
    })
    const failed = repos().transaction(async (tx) => {
      await tx.throttles.recordThrottleEvent({ bucket: 'login_failure', keyHash: 'k', at: 2, expiresAt: 1002, keep: 3 })
      expect(await tx.throttles.recentThrottleEvents('login_failure', 'k', 0, 10)).toEqual([2, 1])
      throw new Error('changed my mind')
    })
    await expect(failed).rejects.toThrow('changed my mind')
    expect(await all('login_failure', 'k')).toEqual([1])
  })
})

describeRepos('accounts in one transaction', (repos) => {
  it('commits the writes of a transaction together', async () => {
    const token = await repos().transaction(async (tx) => {
      const created = await tx.users.insertUser({ email: 'mere@example.nz', name: 'Mere', passwordHash: 'x', now })
      return (await tx.sessions.createSession({ userId: created.id, now, ttlMs: TTL })).token
    })
    expect((await repos().sessions.lookupSession(token, now))?.user.email).toBe('mere@example.nz')
  })

  it('rolls back both writes when the callback throws, and rethrows its error', async () => {
    let token: string | undefined
    const failed = repos().transaction(async (tx) => {
      const created = await tx.users.insertUser({ email: 'mere@example.nz', name: 'Mere', passwordHash: 'x', now })
      token = (await tx.sessions.createSession({ userId: created.id, now, ttlMs: TTL })).token
      throw new Error('after both writes')
    })
    await expect(failed).rejects.toThrow('after both writes')
    expect(await repos().users.findUserByEmail('mere@example.nz')).toBeNull()
    expect(await repos().sessions.lookupSession(token, now)).toBeNull()
  })

  it('a unique violation inside a transaction rolls back what came before it and stays recognisable', async () => {
    await user(repos(), 'taken@example.nz')
    const error = await repos()
      .transaction(async (tx) => {
        await tx.users.insertUser({ email: 'first@example.nz', name: 'First', passwordHash: 'x', now })
        await tx.users.insertUser({ email: 'taken@example.nz', name: 'Second', passwordHash: 'x', now })
      })
      .catch((e: unknown) => e)
    expect(isUniqueViolation(error)).toBe(true)
    expect(await repos().users.findUserByEmail('first@example.nz')).toBeNull()
    // The connection is usable again afterwards.
    expect((await user(repos(), 'after@example.nz')).email).toBe('after@example.nz')
  })
})
