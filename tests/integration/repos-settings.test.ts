import { expect, it } from 'vitest'
import { instanceSecret, sign, verifySigned } from '../../server/src/auth/instance-secret'
import { isUniqueViolation } from '../../server/src/db/executor'
import type { Repos } from '../../server/src/repos/types'
import { describeRepos } from './support/repos'

/**
 * Instance settings, organisation identities and SSO domains on SQLite and on PostgreSQL with
 * the same assertions: the first setting stored wins; an identity links once, by issuer and
 * subject; a domain rule is set, replaced, read and lifted.
 */

const now = Date.UTC(2026, 0, 10)

function user(repos: Repos, name: string) {
  return repos.users.insertUser({ email: `${name.toLowerCase()}@example.nz`, name, passwordHash: 'x', now })
}

describeRepos('settings', (repos) => {
  it('keeps the first value stored for a key, so racing processes agree', async () => {
    expect(await repos().settings.getSetting('secret')).toBeNull()
    const [a, b] = await Promise.all([
      repos().settings.insertSettingIfAbsent({ key: 'secret', value: 'first', now }),
      repos().settings.insertSettingIfAbsent({ key: 'secret', value: 'second', now }),
    ])
    expect(a).toBe(b)
    expect(await repos().settings.getSetting('secret')).toBe(a)
    expect(await repos().settings.insertSettingIfAbsent({ key: 'secret', value: 'third', now })).toBe(a)
  })

  it('makes one instance secret that signs and verifies, and refuses altered values', async () => {
    const secret = await instanceSecret(repos())
    expect(secret.length).toBe(32)
    expect(await instanceSecret(repos())).toBe(secret)
    expect(Buffer.from((await repos().settings.getSetting('secret'))!, 'base64url').equals(secret)).toBe(true)
    const signed = sign(secret, 'state.with.dots')
    expect(verifySigned(secret, signed)).toBe('state.with.dots')
    expect(verifySigned(secret, signed.replace('state', 'stake'))).toBeNull()
    expect(verifySigned(secret, `${signed}x`)).toBeNull()
    expect(verifySigned(secret, 'no-mac')).toBeNull()
    expect(verifySigned(Buffer.alloc(32, 1), signed)).toBeNull()
  })

  it('links an identity by issuer and subject once, and the first link stands', async () => {
    const mere = await user(repos(), 'Mere')
    const tama = await user(repos(), 'Tama')
    const iss = 'https://login.example.nz'
    expect(await repos().settings.findOidcIdentity(iss, 'sub-1')).toBeNull()
    expect(await repos().settings.linkOidcIdentity({ issuer: iss, subject: 'sub-1', userId: mere.id, providerId: 'police', now })).toBe(
      true,
    )
    expect(await repos().settings.linkOidcIdentity({ issuer: iss, subject: 'sub-1', userId: tama.id, providerId: 'police', now })).toBe(
      false,
    )
    expect(await repos().settings.findOidcIdentity(iss, 'sub-1')).toEqual({ userId: mere.id, providerId: 'police' })
    // The same subject at another issuer is another identity.
    expect(await repos().settings.findOidcIdentity('https://other.example.nz', 'sub-1')).toBeNull()
  })

  it('creates a password-less account, verified only when the provider says so', async () => {
    const made = await repos().settings.insertOidcUser({ email: 'hana@police.example.nz', name: 'Hana', emailVerified: true, now })
    expect(made.email).toBe('hana@police.example.nz')
    const stored = await repos().users.findUserByEmail('hana@police.example.nz')
    expect(stored).toMatchObject({ id: made.id, name: 'Hana', passwordHash: '!' })
    const again = repos().settings.insertOidcUser({ email: 'hana@police.example.nz', name: 'Hana', emailVerified: false, now })
    await expect(again).rejects.toSatisfy(isUniqueViolation)
  })

  it('sets, replaces, lists and lifts an SSO domain rule', async () => {
    const admin = await user(repos(), 'Admin')
    expect(await repos().settings.findSsoDomain('police.example.nz')).toBeNull()
    await repos().settings.setSsoDomain({ domain: 'police.example.nz', providerId: 'entra', createdBy: admin.id, now })
    await repos().settings.setSsoDomain({ domain: 'agency.example.nz', providerId: 'google', createdBy: null, now })
    await repos().settings.setSsoDomain({ domain: 'police.example.nz', providerId: 'police', createdBy: admin.id, now: now + 1 })
    expect(await repos().settings.findSsoDomain('police.example.nz')).toEqual({
      domain: 'police.example.nz',
      providerId: 'police',
      createdBy: admin.id,
      createdAt: now + 1,
    })
    expect((await repos().settings.listSsoDomains()).map((row) => row.domain)).toEqual(['agency.example.nz', 'police.example.nz'])
    expect(await repos().settings.deleteSsoDomain('police.example.nz')).toBe(true)
    expect(await repos().settings.deleteSsoDomain('police.example.nz')).toBe(false)
    expect(await repos().settings.findSsoDomain('police.example.nz')).toBeNull()
  })
})
