import { describe, expect, it } from 'vitest'
import { hashPassword, verifyAgainstDecoy, verifyPassword } from './password'

describe('password hashing', () => {
  it('stores scrypt$N$r$p$salt$hash with a 16-byte salt and a 32-byte key', async () => {
    const stored = await hashPassword('kia kaha te reo Māori')
    const [scheme, n, r, p, salt, key, ...rest] = stored.split('$')
    expect(rest).toEqual([])
    expect([scheme, n, r, p]).toEqual(['scrypt', String(2 ** 15), '8', '1'])
    expect(Buffer.from(salt ?? '', 'base64url')).toHaveLength(16)
    expect(Buffer.from(key ?? '', 'base64url')).toHaveLength(32)
    expect(salt).toMatch(/^[A-Za-z0-9_-]+$/)
  })

  it('salts every hash differently', async () => {
    expect(await hashPassword('same password')).not.toEqual(await hashPassword('same password'))
  })

  it('verifies the right password (macrons included) and rejects others', async () => {
    const stored = await hashPassword('kia kaha te reo Māori')
    expect(await verifyPassword('kia kaha te reo Māori', stored)).toBe(true)
    expect(await verifyPassword('kia kaha te reo Maori', stored)).toBe(false)
    expect(await verifyPassword('', stored)).toBe(false)
  })

  it('never verifies against a malformed hash', async () => {
    expect(await verifyPassword('x', '')).toBe(false)
    expect(await verifyPassword('x', 'bcrypt$2$a$b$c$d')).toBe(false)
    expect(await verifyPassword('x', 'scrypt$0$8$1$c2FsdA$a2V5')).toBe(false)
    expect(await verifyPassword('x', 'scrypt$32768$8$1$$')).toBe(false)
  })

  it('spends a real verification on unknown accounts and always fails', async () => {
    expect(await verifyAgainstDecoy('anything')).toBe(false)
  })
})
