import { describe, expect, it } from 'vitest'
import { ApiError, NetworkError } from '../api/client'
import { problemsFromError, validateAuth, withNext } from './authRules'

describe('auth form rules', () => {
  it('asks for every field, a plausible email and a long enough new password', () => {
    expect(validateAuth({ name: ' ', email: '', password: '' }, 'signUp').map((p) => p.key)).toEqual([
      'auth:errors.nameRequired',
      'auth:errors.emailRequired',
      'auth:errors.passwordRequired',
    ])
    expect(validateAuth({ name: 'Hēmi', email: 'hemi@', password: 'short' }, 'signUp').map((p) => p.field)).toEqual(['email', 'password'])
    // Signing in does not judge the length of an existing password.
    expect(validateAuth({ email: 'hemi@example.nz', password: 'short' }, 'signIn')).toEqual([])
  })

  it('maps server errors to fields and messages', () => {
    expect(problemsFromError(new ApiError(401, 'invalid_credentials', 'x'), 'signIn')).toEqual([
      { field: 'password', key: 'auth:errors.invalidCredentials' },
    ])
    expect(problemsFromError(new ApiError(409, 'email_taken', 'x'), 'signUp')[0]?.field).toBe('email')
    expect(problemsFromError(new NetworkError(), 'signIn')[0]?.key).toBe('common:status.networkError')
    const fields = problemsFromError(
      new ApiError(400, 'validation_failed', 'email: Enter a valid email address; password: Too small'),
      'signUp',
    )
    expect(fields.map((p) => p.field)).toEqual(['email', 'password'])
    const weak = problemsFromError(
      new ApiError(400, 'validation_failed', 'password: This is a commonly used password. Add more words.'),
      'signUp',
    )
    expect(weak).toEqual([
      { field: 'password', key: 'auth:errors.passwordWeak', values: { advice: 'This is a commonly used password. Add more words.' } },
    ])
  })

  it('tells how long to wait when rate limited', () => {
    expect(problemsFromError(new ApiError(429, 'rate_limited', 'Try again in 42 seconds.'), 'signIn')[0]).toEqual({
      field: null,
      key: 'auth:errors.rateLimitedSeconds',
      values: { count: 42 },
    })
    expect(problemsFromError(new ApiError(429, 'rate_limited', 'Try again in 900 seconds.'), 'signIn')[0]?.values).toEqual({ count: 15 })
    expect(problemsFromError(new ApiError(429, 'rate_limited', 'Slow down'), 'signIn')[0]?.key).toBe('auth:errors.rateLimitedSoon')
  })

  it('keeps only the next parameter when switching between sign in and sign up', () => {
    expect(withNext('/sign-up', 'next=%2Finvite%2Fabc&x=1')).toBe('/sign-up?next=%2Finvite%2Fabc')
    expect(withNext('/sign-up', '')).toBe('/sign-up')
  })
})
