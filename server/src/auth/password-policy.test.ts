import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { users } from '../db/schema'
import { createTestDeps, expectError, TestClient, type TestContext } from '../test-support'
import { assessPassword, enforcePasswordPolicy, MIN_PASSWORD_SCORE, personalWords } from './password-policy'

const person = { email: 'aroha.ngata@example.nz', name: 'Aroha Ngata' }

describe('password policy', () => {
  it('refuses the passwords a length rule let through, and says what to do', async () => {
    for (const password of ['          ', 'password12', '1234567890', 'qwertyuiop']) {
      const refusal = await enforcePasswordPolicy(password, person).then(
        () => null,
        (error: unknown) => error,
      )
      expect(refusal, password).toMatchObject({ code: 'validation_failed', message: expect.stringMatching(/^password: .*words/) })
    }
  })

  it('accepts a passphrase', async () => {
    await expect(enforcePasswordPolicy('kahikatea rangi moana 42', person)).resolves.toBeUndefined()
    expect((await assessPassword('kahikatea rangi moana 42', personalWords(person))).score).toBeGreaterThanOrEqual(MIN_PASSWORD_SCORE)
  })

  it('counts the person’s own email and name as easy to guess', async () => {
    const password = 'aroha.ngata2025'
    const alone = await assessPassword(password, [])
    const withInputs = await assessPassword(password, personalWords(person))
    expect(withInputs.score).toBeLessThan(alone.score)
    expect(withInputs.score).toBeLessThan(MIN_PASSWORD_SCORE)
    expect(personalWords(person)).toEqual(expect.arrayContaining(['aroha.ngata@example.nz', 'aroha.ngata', 'aroha', 'ngata']))
  })

  it('answers checks made at once, each with its own result', async () => {
    const passwords = ['password12', 'kahikatea rangi moana 42', '1234567890', 'correct horse battery staple']
    const scores = await Promise.all(passwords.map((p) => assessPassword(p, []).then((a) => a.score >= MIN_PASSWORD_SCORE)))
    expect(scores).toEqual([false, true, false, true])
  })
})

describe('registering with a weak password', () => {
  let t: TestContext
  beforeEach(async () => {
    t = await createTestDeps()
  })
  afterEach(() => t.cleanup())

  it('is refused with 400 validation_failed naming the password, and creates no account', async () => {
    for (const password of ['          ', 'password12', '1234567890']) {
      const response = await t.client().post('/api/auth/register', { email: 'weak@example.nz', name: 'Weak', password })
      const body = await expectError(response, 400, 'validation_failed')
      expect(body.error.message).toMatch(/^password: /)
    }
    expect(t.db.select().from(users).all()).toEqual([])
    const ok = await t.client().post('/api/auth/register', { email: 'weak@example.nz', name: 'Weak', password: 'kahikatea rangi moana 42' })
    await TestClient.json(ok, 201)
  })
})
