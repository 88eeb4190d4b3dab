import { expect, it } from 'vitest'
import { isEmailVerified } from '../../server/src/db/auth-tokens'
import { hashSecretToken } from '../../server/src/db/ids'
import type { Repos } from '../../server/src/repos/types'
import { describeRepos } from './support/repos'

/**
 * The password-reset and verification tokens (issue 14) and the account reads and writes the
 * reset and verification routes make, on SQLite and on PostgreSQL with the same assertions.
 */

const now = 1_750_000_000_000
const HOUR = 3600_000

async function person(repos: Repos, email = 'mereana@example.nz') {
  return repos.users.insertUser({ email, name: 'Mereana', passwordHash: 'old hash', now })
}

function token(repos: Repos, userId: string, purpose: 'password-reset' | 'verify-email' = 'password-reset', at = now, ttlMs = HOUR) {
  return repos.authTokens.createAuthToken({ userId, purpose, createdBy: null, now: at, ttlMs })
}

describeRepos('auth tokens', (repos, backdoor) => {
  it('makes a 32-byte base64url token and keeps only its SHA-256', async () => {
    const { id } = await person(repos())
    const made = await token(repos(), id)
    expect(made.token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(made.expiresAt).toBe(now + HOUR)
    expect(await backdoor().count('auth_tokens')).toBe(1)
    // The stored key is the hash: the token itself opens nothing when looked up as a hash.
    expect(await repos().authTokens.takeAuthToken(hashSecretToken(made.token), 'password-reset', now)).toBeNull()
  })

  it('is taken once, for its purpose, before it expires; unknown, used and expired answer the same null', async () => {
    const { id } = await person(repos())
    const made = await token(repos(), id)
    expect(await repos().authTokens.findAuthToken(made.token, 'password-reset', now + 1)).toEqual({ userId: id })
    expect(await repos().authTokens.takeAuthToken(made.token, 'verify-email', now + 1)).toBeNull()
    expect(await repos().authTokens.takeAuthToken(made.token, 'password-reset', now + 1)).toEqual({ userId: id })
    expect(await repos().authTokens.takeAuthToken(made.token, 'password-reset', now + 2)).toBeNull()
    expect(await repos().authTokens.findAuthToken(made.token, 'password-reset', now + 2)).toBeNull()

    const late = await token(repos(), id)
    expect(await repos().authTokens.takeAuthToken(late.token, 'password-reset', now + HOUR)).toBeNull()
    expect(await repos().authTokens.takeAuthToken('not-a-token', 'password-reset', now)).toBeNull()
    expect(await repos().authTokens.takeAuthToken('A'.repeat(43), 'password-reset', now)).toBeNull()
  })

  it('lets only one of two racing takes win', async () => {
    const { id } = await person(repos())
    const made = await token(repos(), id)
    const results = await Promise.all([1, 2, 3].map(() => repos().authTokens.takeAuthToken(made.token, 'password-reset', now + 1)))
    expect(results.filter((result) => result !== null)).toEqual([{ userId: id }])
  })

  it('spends the person’s other tokens of the same purpose with the one taken, and no one else’s', async () => {
    const mereana = await person(repos())
    const tama = await person(repos(), 'tama@example.nz')
    const first = await token(repos(), mereana.id)
    const second = await token(repos(), mereana.id)
    const verify = await token(repos(), mereana.id, 'verify-email')
    const tamas = await token(repos(), tama.id)
    expect(await repos().authTokens.takeAuthToken(second.token, 'password-reset', now + 1)).toEqual({ userId: mereana.id })
    expect(await repos().authTokens.takeAuthToken(first.token, 'password-reset', now + 2)).toBeNull()
    expect(await repos().authTokens.takeAuthToken(verify.token, 'verify-email', now + 2)).toEqual({ userId: mereana.id })
    expect(await repos().authTokens.takeAuthToken(tamas.token, 'password-reset', now + 2)).toEqual({ userId: tama.id })
  })

  it('purges expired and long-used tokens, and sweeps expired ones when making a new one', async () => {
    const { id } = await person(repos())
    const used = await token(repos(), id, 'verify-email')
    await repos().authTokens.takeAuthToken(used.token, 'verify-email', now + 1)
    await token(repos(), id, 'password-reset', now, 10)
    const live = await token(repos(), id, 'password-reset', now, 10 * HOUR)
    expect(await backdoor().count('auth_tokens')).toBe(3)
    expect(await repos().authTokens.purgeAuthTokens(now + HOUR)).toBe(2)
    expect(await repos().authTokens.findAuthToken(live.token, 'password-reset', now + HOUR)).toEqual({ userId: id })

    await token(repos(), id, 'password-reset', now + HOUR, 10)
    await token(repos(), id, 'password-reset', now + 20 * HOUR, HOUR)
    // The second made after both others expired: only it is left.
    expect(await backdoor().count('auth_tokens')).toBe(1)
  })

  it('reads an account with its language and verification, sets a password hash, marks the email verified once', async () => {
    const created = await person(repos())
    const account = await repos().authTokens.findAccountByEmail('mereana@example.nz')
    expect(account).toEqual({ ...created, language: 'en', emailVerifiedAt: null })
    expect(isEmailVerified(account!)).toBe(false)
    expect(await repos().authTokens.findAccountById(created.id)).toEqual(account)
    expect(await repos().authTokens.findAccountByEmail('nobody@example.nz')).toBeNull()
    expect(await repos().authTokens.findAccountById('nobodyAAAAAAAAAA')).toBeNull()

    await repos().authTokens.setPasswordHash(created.id, 'new hash')
    expect((await repos().users.findUserByEmail('mereana@example.nz'))?.passwordHash).toBe('new hash')

    expect(await repos().authTokens.markEmailVerified(created.id, now + 5)).toBe(true)
    expect(await repos().authTokens.markEmailVerified(created.id, now + 9)).toBe(false)
    const verified = await repos().authTokens.findAccountById(created.id)
    expect(verified?.emailVerifiedAt).toBe(now + 5)
    expect(isEmailVerified(verified!)).toBe(true)
  })

  it('ends all of a person’s sessions, or all but one, and answers their ids', async () => {
    const mereana = await person(repos())
    const tama = await person(repos(), 'tama@example.nz')
    const sessions = await Promise.all([1, 2, 3].map(() => repos().sessions.createSession({ userId: mereana.id, now, ttlMs: HOUR })))
    const tamas = await repos().sessions.createSession({ userId: tama.id, now, ttlMs: HOUR })
    const [kept, ...others] = sessions.map((session) => hashSecretToken(session.token))
    const ended = await repos().authTokens.endUserSessions(mereana.id, kept!)
    expect(ended.sort()).toEqual(others.sort())
    expect(await repos().sessions.lookupSession(sessions[0]!.token, now + 1)).not.toBeNull()
    expect(await repos().sessions.lookupSession(sessions[1]!.token, now + 1)).toBeNull()
    expect(await repos().authTokens.endUserSessions(mereana.id, null)).toEqual([kept])
    expect(await repos().sessions.lookupSession(tamas.token, now + 1)).not.toBeNull()
  })
})
